"""Fixtures for the chat pipeline: settings, a conversation store, a fake library."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.storage.conversations import ConversationStore
from tests.core.chat.fakes import FakeLibrary


@pytest.fixture
def store(settings) -> Iterator[ConversationStore]:  # type: ignore[no-untyped-def]
    s = ConversationStore(settings.layout.conversations_db)
    yield s
    s.close()


@pytest.fixture
def fake_library(settings) -> Iterator[FakeLibrary]:  # type: ignore[no-untyped-def]
    lib = FakeLibrary(settings)
    yield lib
    lib.close()
