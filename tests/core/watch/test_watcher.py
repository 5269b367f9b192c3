"""A collection that follows a folder picks up files added, changed and removed there while
Pagefold runs (debounced), and catches up at the next start. Real watchdog observer, real
Library (SQLite, Chroma, MiniLM) on small text files."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.indexing.events import FileStatus
from app.core.library import Library
from app.core.watch.watcher import FolderWatcher, WatchEvent, is_document_path

pytestmark = pytest.mark.slow


@pytest.fixture
def followed(library: Library, tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "start.md").write_text("# Start\n\nThe ferry leaves at nine.\n", "utf-8")
    report = library.ingest("inbox", [folder])
    assert report.count(FileStatus.INDEXED) == 1
    return folder


@pytest.fixture
def events() -> queue.Queue[WatchEvent]:
    return queue.Queue()


@pytest.fixture
def watcher(library: Library, events: queue.Queue[WatchEvent]) -> Iterator[FolderWatcher]:
    found = FolderWatcher(library, on_event=events.put, debounce_s=0.5)
    yield found
    found.stop()


def _statuses(events: queue.Queue[WatchEvent], timeout: float = 60) -> dict[str, str]:
    event = events.get(timeout=timeout)
    assert event.report is not None, event.error
    return {Path(r.path).name: r.status for r in event.report.results}


def test_added_changed_and_removed_files_are_picked_up(
    library: Library, followed: Path, watcher: FolderWatcher, events: queue.Queue[WatchEvent]
) -> None:
    watcher.start(catch_up=False)
    assert watcher.watched_collections() == ["inbox"]

    for n in range(3):  # a burst: one refresh, not three
        (followed / f"new{n}.md").write_text(f"# Note {n}\n\nLocker {n} holds the spare keys.\n")
    statuses = _statuses(events)
    assert [statuses[f"new{n}.md"] for n in range(3)] == [FileStatus.INDEXED] * 3
    assert statuses["start.md"] == FileStatus.UNCHANGED
    assert events.empty()

    (followed / "start.md").write_text("# Start\n\nThe ferry now leaves at ten.\n", "utf-8")
    assert _statuses(events)["start.md"] == FileStatus.INDEXED
    hits = library.search("inbox", "When does the ferry leave?", k=1)
    assert "ten" in hits[0].text

    (followed / "new0.md").unlink()
    assert _statuses(events)["new0.md"] == FileStatus.REMOVED
    assert "new0.md" not in {Path(d.path).name for d in library.documents("inbox")}


def test_changes_made_while_stopped_are_caught_up_at_start(
    library: Library, followed: Path, watcher: FolderWatcher, events: queue.Queue[WatchEvent]
) -> None:
    (followed / "while-closed.txt").write_text("The boiler was serviced in May.", "utf-8")

    watcher.start(catch_up=True)

    assert _statuses(events)["while-closed.txt"] == FileStatus.INDEXED


def test_temporary_and_lock_files_wake_nothing(
    followed: Path, watcher: FolderWatcher, events: queue.Queue[WatchEvent]
) -> None:
    watcher.start(catch_up=False)
    (followed / "~$report.docx").write_bytes(b"lock")
    (followed / "movie.mp4.part").write_bytes(b"partial")
    (followed / "notes.tmp").write_text("scratch")

    time.sleep(1.5)

    assert watcher.pending() == [] and events.empty()


def test_only_supported_documents_count() -> None:
    assert is_document_path("/a/b/report.PDF")
    assert is_document_path("/a/계약서.hwpx")
    assert not is_document_path("/a/~$report.docx")
    assert not is_document_path("/a/.hidden.md")
    assert not is_document_path("/a/photo.jpg")
