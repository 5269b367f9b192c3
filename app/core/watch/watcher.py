"""Watches every folder a collection follows and refreshes that collection, debounced.

Files are written in bursts (a copy of 200 PDFs, an editor's save-as-temp-then-rename), so
events only mark a collection dirty; ``DEBOUNCE_S`` after the last event the collection is
refreshed with ``Library.refresh``, which indexes new and changed files, drops files gone
from disk, and costs one stat call per unchanged file. Catch-up for changes made while
Pagefold was closed is the same call: ``FolderWatcher.start`` refreshes every watched
collection once (``catch_up=True``).

Refreshes run on one worker thread, one collection at a time, through the Library's own write
lane, so they never overlap an ingest the user started. Only files with a supported suffix
count: a browser's ``.part`` download or an Office lock file (``~$x.docx``) wakes nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.documents.loaders import SUPPORTED_SUFFIXES
from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.indexing.events import IngestReport
    from app.core.library import Library

log = logging.getLogger(__name__)

DEBOUNCE_S = 2.0
_IGNORED_PREFIXES = ("~$", ".~lock.", ".")


@dataclass(frozen=True)
class WatchEvent:
    """A finished refresh (``report``) or a failed one (``error``), for the UI to show."""

    collection: str
    report: IngestReport | None = None
    error: str = ""


WatchCallback = Callable[[WatchEvent], None]


def is_document_path(path: str) -> bool:
    name = Path(path).name
    if name.startswith(_IGNORED_PREFIXES):
        return False
    return Path(name).suffix.lower() in SUPPORTED_SUFFIXES


class FolderWatcher:
    """``FolderWatcher(library, on_event).start()`` … ``.stop()``; ``rewatch()`` after the
    user adds or removes a followed folder."""

    def __init__(
        self,
        library: Library,
        on_event: WatchCallback | None = None,
        debounce_s: float = DEBOUNCE_S,
    ) -> None:
        self.library = library
        self.on_event = on_event or (lambda _event: None)
        self.debounce_s = debounce_s
        self._observer: Any = None
        self._due: dict[str, float] = {}  # collection name → time to refresh it
        self._wake = threading.Condition()
        self._stopping = False
        self._worker: threading.Thread | None = None

    # -- public -----------------------------------------------------------------------------

    def start(self, catch_up: bool = True) -> None:
        """Begin watching; with ``catch_up``, refresh every followed collection once first."""
        self._stopping = False
        self._worker = threading.Thread(target=self._run, name="pagefold-watch", daemon=True)
        self._worker.start()
        self.rewatch()
        if catch_up:
            for name in self.watched_collections():
                self._mark(name, delay=0.0)

    def stop(self) -> None:
        """Stop watching; a refresh already running finishes first."""
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=60)
            self._worker = None

    def rewatch(self) -> None:
        """Schedule the folders the catalog lists now (call after following a new folder)."""
        from watchdog.observers import Observer

        old, self._observer = self._observer, Observer()
        if old is not None:
            old.stop()
            old.join(timeout=5)
        for name, folder in self._folders():
            self._observer.schedule(_Handler(self, name), folder, recursive=True)
        self._observer.daemon = True
        self._observer.start()

    def watched_collections(self) -> list[str]:
        return sorted({name for name, _ in self._folders()})

    def pending(self) -> list[str]:
        """Collections waiting for their debounce to end (for a "syncing…" indicator)."""
        with self._wake:
            return sorted(self._due)

    # -- internals --------------------------------------------------------------------------

    def _folders(self) -> list[tuple[str, str]]:
        pairs = []
        for collection in self.library.collections():
            for folder, _include in self.library.catalog.folders(collection.id):
                if Path(folder).is_dir():
                    pairs.append((collection.name, folder))
        return pairs

    def _mark(self, collection: str, delay: float | None = None) -> None:
        with self._wake:
            wait = self.debounce_s if delay is None else delay
            self._due[collection] = time.monotonic() + wait
            self._wake.notify_all()

    def _run(self) -> None:
        while True:
            with self._wake:
                name = self._next_due()
                if name is None:
                    return
            self._refresh(name)

    def _next_due(self) -> str | None:
        """Waits (holding the condition) until a collection is due; None when stopping."""
        while not self._stopping:
            now = time.monotonic()
            due = [(at, name) for name, at in self._due.items() if at <= now]
            if due:
                name = min(due)[1]
                del self._due[name]
                return name
            timeout = min(self._due.values()) - now if self._due else None
            self._wake.wait(timeout)
        return None

    def _refresh(self, name: str) -> None:
        try:
            report = self.library.refresh(name)
        except PagefoldError as error:  # the collection was deleted or renamed meanwhile
            self.on_event(WatchEvent(name, error=str(error)))
            return
        except Exception as error:  # never let one failure end the watcher
            log.exception("refreshing %s after a folder change failed", name)
            self.on_event(WatchEvent(name, error=f"{type(error).__name__}: {error}"))
            return
        self.on_event(WatchEvent(name, report=report))


class _Handler:
    """watchdog's handler protocol: every event of interest marks its collection dirty."""

    def __init__(self, watcher: FolderWatcher, collection: str) -> None:
        self.watcher = watcher
        self.collection = collection

    def dispatch(self, event: Any) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if event.is_directory and event.event_type in ("deleted", "moved"):
            self.watcher._mark(self.collection)  # a whole subfolder went
        elif any(p and is_document_path(str(p)) for p in paths):
            self.watcher._mark(self.collection)
