""" "Ask about this file": one real PDF dropped on an empty chat becomes a temporary collection
(real catalog, real Chroma on disk, the MiniLM test embedder), answered from, then kept under a
name or discarded with its index; a crash's leftovers go at the next start."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from app.core import temporary
from tests.core.chat.fakes import FakeBackend
from tests.ui.test_indexing import drop

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pagefold-sample.pdf"
TEMP_NAME = "pagefold-sample.pdf (temporary)"
QUESTION = "What is the access code of the Harbor Archive?"


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    """The sample PDF in a folder of the user's: it must survive every discard unchanged."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return Path(shutil.copy(SAMPLE, folder / SAMPLE.name))


@pytest.fixture
def real(settings: Any) -> Iterator[tuple[Any, Any, Any]]:
    """The real library and conversation store, and a chat service over a scripted model."""
    from app.core.chat.service import ChatService
    from app.core.library import Library
    from app.core.storage.conversations import ConversationStore

    library = Library(settings)
    store = ConversationStore(settings.layout.conversations_db)
    chat = ChatService(library, store, FakeBackend("The access code is 7429 [1]."), settings)
    yield library, store, chat
    store.close()
    library.close()


@contextmanager
def reopened(settings: Any) -> Iterator[Any]:
    """The data folder as the next start finds it (closing the window closes the library)."""
    from app.core.library import Library

    library = Library(settings)
    try:
        yield library
    finally:
        library.close()


def chroma_names(library: Any) -> set[str]:
    return {getattr(c, "name", c) for c in library.vectors.client.list_collections()}


def accept_offer(qtbot: Any, window: Any, pdf: Path) -> None:
    """Drop the file on the empty chat, see the offer, accept it, wait for the index."""
    with qtbot.waitSignal(window.ask_file.offered, timeout=30_000):
        assert drop(window.chat_page, [pdf])
    offer = window.chat_page.offer
    assert offer.isVisible() and offer.ask_button.text() == "Ask about this file"
    assert SAMPLE.name in offer.label.text()
    assert window.collections.rowCount() == 0  # nothing is indexed before the user says so
    with qtbot.waitSignal(window.indexing.finished, timeout=180_000) as done:
        qtbot.mouseClick(offer.ask_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert report.collection == TEMP_NAME
    assert [r.status for r in report.results] == ["indexed"]
    assert not offer.isVisible()
    scope = window.chat_page.header.scope
    qtbot.waitUntil(lambda: scope.explicit_selection() == [TEMP_NAME], timeout=10_000)
    assert window.chat.collections == [TEMP_NAME]  # the next question searches it
    bar = window.chat_page.temporary
    assert bar.isVisible() and TEMP_NAME in bar.label.text()
    assert bar.keep_button.text() == "Keep…" and bar.discard_button.text() == "Discard"


def test_ask_about_one_dropped_file_answers_from_it_and_keep_renames(
    qtbot: Any,
    make_window: Any,
    real: Any,
    pdf: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    library, store, chat = real
    window = make_window(library=library, chat=chat, conversations=store)
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=30_000)
    accept_offer(qtbot, window, pdf)
    record = library.collection(TEMP_NAME)
    assert temporary.is_temporary(record) and record.document_count == 1

    edit = window.chat_page.composer.edit
    qtbot.keyClicks(edit, QUESTION)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=60_000)
    answer = window.chat.model.message(1)
    assert answer.mode == "answer" and answer.cited == [1], answer.status
    cited = answer.sources[0]
    assert Path(cited.path) == pdf and cited.page == 1
    assert "7429" in cited.text  # retrieved from the dropped file, not scripted

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Harbor handbook", True))
    with qtbot.waitSignal(window.ask_file.kept, timeout=30_000):
        qtbot.mouseClick(window.chat_page.temporary.keep_button, Qt.MouseButton.LeftButton)
    names = [c.name for c in library.collections()]
    assert names == ["Harbor handbook"]
    kept = library.collection("Harbor handbook")
    assert not temporary.is_temporary(kept) and kept.document_count == 1
    assert not window.chat_page.temporary.isVisible()
    scope = window.chat_page.header.scope
    qtbot.waitUntil(lambda: scope.explicit_selection() == ["Harbor handbook"], timeout=10_000)
    passages = library.search("Harbor handbook", "access code of the Harbor Archive", k=3)
    assert any("7429" in p.text for p in passages)

    window.close()  # a kept collection is the user's: closing leaves it
    with reopened(settings) as after:
        assert [c.name for c in after.collections()] == ["Harbor handbook"]


def test_discard_deletes_the_collection_and_its_vectors_never_the_file(
    qtbot: Any, make_window: Any, real: Any, pdf: Path, settings: Any
) -> None:
    library, store, chat = real
    before = hashlib.sha256(pdf.read_bytes()).hexdigest()
    window = make_window(library=library, chat=chat, conversations=store)
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=30_000)
    accept_offer(qtbot, window, pdf)
    collection_id = library.collection(TEMP_NAME).id
    assert library.vectors.count(collection_id) > 0
    assert f"pagefold-{collection_id}" in chroma_names(library)

    with qtbot.waitSignal(window.ask_file.discarded, timeout=30_000):
        qtbot.mouseClick(window.chat_page.temporary.discard_button, Qt.MouseButton.LeftButton)
    assert library.collections() == []
    assert f"pagefold-{collection_id}" not in chroma_names(library)
    assert not window.chat_page.temporary.isVisible()
    qtbot.waitUntil(lambda: window.collections.rowCount() == 0, timeout=10_000)
    assert TEMP_NAME not in window.chat_page.header.scope.selected()
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == before

    accept_offer(qtbot, window, pdf)  # closing the window discards too
    collection_id = library.collection(TEMP_NAME).id
    window.close()
    with reopened(settings) as after:
        assert after.collections() == []
        assert f"pagefold-{collection_id}" not in chroma_names(after)
    assert pdf.exists() and hashlib.sha256(pdf.read_bytes()).hexdigest() == before


def test_leftovers_of_a_crash_are_deleted_at_start(
    qtbot: Any, make_window: Any, real: Any, pdf: Path
) -> None:
    library, store, chat = real
    library.create_collection("Papers")  # the user's own collection stays
    name = temporary.create_temporary(library, pdf)
    library.ingest(name, [pdf])
    collection_id = library.collection(name).id
    assert library.vectors.count(collection_id) > 0

    window = make_window(library=library, chat=chat, conversations=store)
    qtbot.waitUntil(lambda: window.collections.names() == ["Papers"], timeout=30_000)
    assert [c.name for c in library.collections()] == ["Papers"]
    assert f"pagefold-{collection_id}" not in chroma_names(library)
    assert pdf.exists()


def test_many_files_or_a_chat_with_messages_index_as_before(
    qtbot: Any, make_window: Any, fake_library: Any, pdf: Path, sample_pdf: Path
) -> None:
    window = make_window(library=fake_library)
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=5000)
    with qtbot.waitSignal(window.indexing.finished, timeout=30_000):
        assert drop(window.chat_page, [pdf, sample_pdf])
    assert not window.chat_page.offer.isVisible()
    assert fake_library.ingest_calls[0][1] == [pdf, sample_pdf]
