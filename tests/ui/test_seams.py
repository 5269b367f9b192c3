"""The fakes and core's real classes both satisfy the seams (``app.core.seams``, the chat
backend, the evaluation's answerer):
at run time (``isinstance`` on the runtime-checkable Protocols) and for mypy, which this test
runs on this very file so a fake that drifts from the real signatures fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.chat.backends import ChatBackend, LocalBackend
from app.core.evaluation.answers import Answerer
from app.core.library import Library
from app.core.seams import ConversationStoreApi, WindowLibrary
from app.core.storage.conversations import ConversationStore
from tests.core.chat.fakes import FakeBackend
from tests.core.evaluation.fakes import FakeAnswerer
from tests.ui.fakes import FakeConversationStore, FakeLibrary


def _typed_seams(library: Library, store: ConversationStore, local: LocalBackend) -> None:
    """Never called: mypy checks these assignments against the Protocols."""
    seams: list[tuple[WindowLibrary, ConversationStoreApi]] = [
        (FakeLibrary(), FakeConversationStore()),
        (library, store),
    ]
    backends: list[ChatBackend] = [FakeBackend(), local]
    answerers: list[Answerer] = [FakeAnswerer({})]
    assert seams and backends and answerers


def test_fakes_and_real_classes_are_instances_of_the_seams(
    library: Library, tmp_path: Path
) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    try:
        assert isinstance(FakeLibrary(), WindowLibrary)
        assert isinstance(library, WindowLibrary)
        assert isinstance(FakeConversationStore(), ConversationStoreApi)
        assert isinstance(store, ConversationStoreApi)
        assert not isinstance(object(), WindowLibrary)
        assert isinstance(FakeBackend(), ChatBackend)
        assert not isinstance(object(), ChatBackend)
    finally:
        store.close()


@pytest.mark.slow
def test_mypy_accepts_the_fakes_and_the_real_classes_as_the_seams() -> None:
    from mypy import api

    out, err, status = api.run(
        ["--follow-imports=silent", "--ignore-missing-imports", "--no-incremental", __file__]
    )
    assert status == 0, out + err
