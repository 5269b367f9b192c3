"""Adding documents: drop a real PDF, watch it index, cancel, see failures, give a password."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from tests.ui.fakes import FakeEmbedder, write_notes


def drop(widget: QWidget, paths: list[Path], pos: QPointF | None = None) -> bool:
    """What the OS delivers when files are dragged onto ``widget`` and dropped there."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = pos if pos is not None else QPointF(widget.rect().center())
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(where, *args)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDragMoveEvent(where, *args))
    dropped = QDropEvent(where, *args)
    QApplication.sendEvent(widget, dropped)
    return dropped.isAccepted()


@pytest.fixture
def real_library(settings: Any) -> Iterator[Any]:
    """The real library (SQLite catalog, Chroma on disk) with an instant fake embedder."""
    from app.core.library import Library

    library = Library(settings)
    library.embedder = lambda name: FakeEmbedder(name)  # type: ignore[method-assign]
    yield library
    library.close()


def test_dropping_a_real_pdf_indexes_it_and_the_count_updates(
    qtbot: Any, make_window: Any, real_library: Any, sample_pdf: Path
) -> None:
    window = make_window(library=real_library)
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=5000)
    assert window.collections.rowCount() == 0
    with qtbot.waitSignal(window.indexing.finished, timeout=60_000) as done:
        assert drop(window, [sample_pdf])
    report = done.args[0]
    assert [r.status for r in report.results] == ["indexed"]
    qtbot.waitUntil(lambda: window.collections.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(
        lambda: (
            window.collections.index(0).data(Qt.ItemDataRole.ToolTipRole).startswith("1 document")
        ),
        timeout=5000,
    )
    record = window.collections.record("My documents")
    assert record.document_count == 1 and record.chunk_count > 0
    panel = window.sidebar.indexing
    assert panel.isVisible() and "1 added" in panel.title.text()
    passages = real_library.search("My documents", "capital of South Korea", k=3)
    assert any(p.page == 2 for p in passages)


def test_dropping_on_a_collection_row_adds_to_that_collection(
    qtbot: Any, window: Any, fake_library: Any, sample_pdf: Path
) -> None:
    fake_library.create_collection("Papers")
    fake_library.create_collection("Contracts")
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.rowCount() == 2)
    view = window.sidebar.collection_list
    row = window.collections.row_of("Contracts")
    center = view.visualRect(window.collections.index(row)).center()
    with qtbot.waitSignal(window.indexing.finished, timeout=5000):
        assert drop(view.viewport(), [sample_pdf], QPointF(center))
    assert fake_library.ingest_calls[0][0] == "Contracts"
    qtbot.waitUntil(lambda: window.collections.record("Contracts").document_count == 1)


def test_progress_shows_while_indexing_and_cancel_stops(
    qtbot: Any, window: Any, fake_library: Any, tmp_path: Path
) -> None:
    files = write_notes(tmp_path, 30)
    fake_library.step_delay = 0.02
    window.collection_actions.index_paths("Notes", files)
    panel = window.sidebar.indexing
    qtbot.waitUntil(lambda: panel.overall.value() > 0, timeout=5000)
    assert panel.cancel_button.isVisible()
    assert "of 30 files" in panel.overall_label.text()
    assert "note" in panel.current.text()
    qtbot.waitUntil(lambda: window.collections.row_of("Notes") is not None, timeout=5000)
    with qtbot.waitSignal(window.indexing.finished, timeout=10_000) as done:
        panel.cancel_button.click()
    assert done.args[0].cancelled
    assert "stopped" in panel.title.text()
    indexed = done.args[0].count("indexed")
    assert 0 < indexed < 30


def test_failed_files_are_listed_with_their_reason(
    qtbot: Any, window: Any, tmp_path: Path, sample_pdf: Path
) -> None:
    bad = tmp_path / "slides.key"
    bad.write_bytes(b"not a document")
    with qtbot.waitSignal(window.indexing.finished, timeout=5000):
        window.collection_actions.index_paths("Mixed", [sample_pdf, bad])
    panel = window.sidebar.indexing
    assert panel.failures_button.isVisible()
    assert window.indexing.failures == [(str(bad), ".key files are not supported.")]
    from app.ui.views.indexing import FailuresDialog

    dialog = FailuresDialog(window.indexing.failures, window)
    qtbot.addWidget(dialog)
    assert dialog.model.item(0, 0).text() == "slides.key"
    assert dialog.model.item(0, 1).text() == ".key files are not supported."


def test_an_encrypted_pdf_asks_for_the_password_and_retries(
    qtbot: Any, window: Any, fake_library: Any, sample_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_library.encrypted[str(sample_pdf)] = "s3cret"
    asked: list[str] = []

    def answer(_parent: Any, _title: str, label: str, *_args: Any, **_kw: Any) -> tuple[str, bool]:
        asked.append(label)
        return "s3cret", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    window.collection_actions.index_paths("Secure", [sample_pdf])
    qtbot.waitUntil(lambda: len(fake_library.ingest_calls) == 2, timeout=5000)
    qtbot.waitUntil(lambda: not window.indexing.busy, timeout=5000)
    assert "capitals.pdf" in asked[0]
    assert fake_library.ingest_calls[1][2] == {str(sample_pdf): "s3cret"}
    assert window.indexing.last_report.count("indexed") == 1
    assert window.indexing.passwords[str(sample_pdf)] == "s3cret"


def test_file_add_documents_uses_the_selected_collection(
    qtbot: Any, window: Any, fake_library: Any, sample_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    fake_library.create_collection("Papers")
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.rowCount() == 1)
    window.sidebar.select_collection("Papers")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(sample_pdf)], ""))
    with qtbot.waitSignal(window.indexing.finished, timeout=5000):
        window.action("add_documents").trigger()
    assert fake_library.ingest_calls[0][:2] == ("Papers", [sample_pdf])


def test_check_for_changes_drops_deleted_files(
    qtbot: Any, window: Any, fake_library: Any, tmp_path: Path
) -> None:
    keep, gone = tmp_path / "keep.txt", tmp_path / "gone.txt"
    keep.write_text("a", encoding="utf-8")
    gone.write_text("b", encoding="utf-8")
    fake_library.ingest("Notes", [keep, gone])
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.rowCount() == 1)
    gone.unlink()
    with qtbot.waitSignal(window.indexing.finished, timeout=5000) as done:
        window.sidebar.refresh_collection.emit("Notes")
    assert done.args[0].count("removed") == 1
    qtbot.waitUntil(lambda: window.collections.record("Notes").document_count == 1)


def test_start_up_loads_the_indexing_libraries_in_the_background(
    qtbot: Any, make_window: Any, fake_library: Any
) -> None:
    """So the first drop does not import Chroma mid-indexing (a 140 ms freeze measured)."""
    window = make_window()
    qtbot.waitUntil(lambda: fake_library.warmed_up, timeout=5000)
    assert window.isVisible()


def test_the_keyword_index_is_rebuilt_after_indexing_not_at_the_first_question(
    qtbot: Any, make_window: Any, fake_library: Any, tmp_path: Path
) -> None:
    files = write_notes(tmp_path, 3)
    fake_library.create_collection("Notes")
    window = make_window()
    with qtbot.waitSignal(window.indexing.finished, timeout=10_000):
        window.collection_actions.index_paths("Notes", files)
    qtbot.waitUntil(lambda: fake_library.prepared == ["Notes"], timeout=5000)


def test_a_file_over_the_text_size_setting_asks_and_indexes_when_told(
    qtbot: Any,
    make_window: Any,
    real_library: Any,
    settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    settings.indexing.max_text_chars = 5_000
    big = tmp_path / "huge-log.txt"
    big.write_text("ledger " * 2_000, "utf-8")
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = make_window(library=real_library)
    window.collection_actions.index_paths("Logs", [big])
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=20000)
    qtbot.waitUntil(
        lambda: not window.indexing.busy and window.indexing.last_report.count("indexed") == 1,
        timeout=20000,
    )
    assert len(asked) == 1 and "huge-log.txt" in asked[0] and "5,000" in asked[0]
    assert real_library.documents("Logs")[0].status == "indexed"


def test_saying_no_leaves_the_long_file_out(
    qtbot: Any,
    make_window: Any,
    real_library: Any,
    settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    settings.indexing.max_text_chars = 5_000
    big = tmp_path / "huge-log.txt"
    big.write_text("ledger " * 2_000, "utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    window = make_window(library=real_library)
    window.collection_actions.index_paths("Logs", [big])
    qtbot.waitUntil(lambda: window.indexing.last_report is not None, timeout=20000)
    qtbot.waitUntil(lambda: not window.indexing.busy, timeout=20000)
    assert real_library.documents("Logs") == []
    assert window.indexing.last_report.results[0].status == "skipped"
