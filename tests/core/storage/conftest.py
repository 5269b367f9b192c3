"""Fixtures for the storage tests: a conversation store in the test's data folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.config import Settings
from app.core.storage.conversations import ConversationStore


@pytest.fixture
def store(settings: Settings) -> Iterator[ConversationStore]:
    s = ConversationStore(settings.layout.conversations_db)
    yield s
    s.close()
