"""Adding documents: a queue of ingest jobs on the index lane, progress, cancel, passwords."""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.cancel import CancelToken
from app.core.indexing.events import FileStatus
from app.ui.models.collections import CollectionListModel
from app.ui.services import Services
from app.ui.views.indexing import IndexingPanel
from app.ui.workers import TaskHub, user_message

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_MS = 100


@dataclass
class IngestJob:
    collection: str
    paths: list[Path]
    passwords: dict[str, str] = field(default_factory=dict)
    refresh: bool = False  # re-scan the collection's folders and files instead of adding
    force: bool = False  # index files over indexing.max_text_chars (the user said yes)


def needs_password(result: Any) -> bool:
    """A failure core attributes to a password (encrypted PDF)."""
    kind = str(getattr(result, "error_kind", "") or getattr(result, "kind", "") or "")
    if kind == "encrypted":
        return True
    message = str(getattr(result, "message", "")).lower()
    return "password" in message or "encrypted" in message


class _ProgressRelay(QObject):
    """Carries progress from the worker thread; the GUI reads only the latest value."""

    progress = Signal(object)
    collection_ready = Signal(str)


class IndexingController(QObject):
    """Runs one ingest at a time; later drops wait in a queue."""

    finished = Signal(object)  # the IngestReport of a job
    collections_changed = Signal()
    password_requested = Signal(str)  # path of an encrypted file (the window asks the user)
    force_requested = Signal(str, str)  # collection, path of a file over the text-size setting
    error = Signal(str)

    def __init__(
        self,
        services: Services,
        hub: TaskHub,
        collections: CollectionListModel,
        panel: IndexingPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.collections = collections
        self.panel = panel
        self.queue: deque[IngestJob] = deque()
        self.current: IngestJob | None = None
        self.passwords: dict[str, str] = {}  # kept for the session: the PDF viewer needs them
        self.failures: list[tuple[str, str]] = []
        self.last_report: Any = None
        self._cancel: CancelToken | None = None
        self._latest: Any = None
        self._relay = _ProgressRelay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.collection_ready.connect(self._on_collection_ready)
        self._timer = QTimer(self)
        self._timer.setInterval(PROGRESS_INTERVAL_MS)
        self._timer.timeout.connect(self._show_progress)
        panel.cancel_requested.connect(self.cancel)
        panel.pause_toggled.connect(self._on_pause)

    @property
    def busy(self) -> bool:
        return self.current is not None

    def add(
        self, collection: str, paths: list[Path], passwords: dict[str, str] | None = None
    ) -> None:
        """Queue ``paths`` for ``collection`` (created by core if it does not exist)."""
        if not paths:
            return
        self.queue.append(IngestJob(collection, list(paths), dict(passwords or {})))
        if self.current is None:
            self._next()
        else:
            if collection != self.current.collection:
                self.collections.set_state(collection, "queued")
            self.panel.start(self.current.collection, queued=len(self.queue))

    def refresh(self, collection: str) -> None:
        """Re-index what changed on disk: new, edited and deleted files of ``collection``."""
        self.queue.append(IngestJob(collection, [], refresh=True))
        if self.current is None:
            self._next()

    def cancel(self) -> None:
        """Stop the running job and drop the queued ones; indexed files stay indexed."""
        self.queue.clear()
        if self._cancel is not None:
            self._cancel.cancel()

    def _next(self) -> None:
        if not self.queue:
            self.current = None
            return
        job = self.queue.popleft()
        self.current = job
        self._cancel = CancelToken()
        self._latest = None
        self.collections.set_state(job.collection, "indexing", 0.0)
        self.panel.start(job.collection, queued=len(self.queue))
        self._timer.start()
        self.hub.call(
            "index",
            self._ingest,
            job,
            self._cancel,
            on_result=self._on_report,
            on_error=self._on_error,
        )

    def _ingest(self, job: IngestJob, cancel: CancelToken) -> Any:
        """Worker side."""
        library = self.services.library()

        def progress(state: Any) -> None:  # core reuses one object: send a snapshot
            self._relay.progress.emit(dataclasses.replace(state))

        if job.refresh:
            return library.refresh(job.collection, progress=progress, cancel=cancel)
        if job.collection not in {c.name for c in library.collections()}:
            library.create_collection(job.collection)
        self._relay.collection_ready.emit(job.collection)
        return library.ingest(
            job.collection,
            job.paths,
            progress=progress,
            cancel=cancel,
            passwords=job.passwords or None,
            force=job.force,
        )

    def _on_collection_ready(self, name: str) -> None:
        if self.collections.row_of(name) is None:
            self.collections_changed.emit()  # a new collection: show it while it fills

    def _on_progress(self, progress: Any) -> None:
        self._latest = progress

    def _show_progress(self) -> None:
        progress, self._latest = self._latest, None
        if progress is None or self.current is None:
            return
        self.panel.update_progress(progress)
        self.collections.set_state(self.current.collection, "indexing", progress.fraction)

    def _on_pause(self, paused: bool) -> None:
        if self._cancel is not None:
            (self._cancel.pause if paused else self._cancel.resume)()

    def _on_report(self, report: Any) -> None:
        job = self.current
        self._done()
        self.last_report = report
        encrypted = [r for r in report.failed if needs_password(r)]
        self.failures = [
            (r.path, r.message)
            for r in report.failed
            if not needs_password(r) or r.path in (job.passwords if job else {})
        ]
        added = report.count(FileStatus.INDEXED)
        unchanged = report.count(FileStatus.UNCHANGED) + report.count(FileStatus.DUPLICATE)
        self.panel.finish(added, unchanged, len(report.failed), report.cancelled)
        self.collections_changed.emit()
        self.finished.emit(report)
        self._next()  # before asking for passwords: a dialog runs a nested event loop
        if job is not None and self.current is None and report.chunks and not report.cancelled:
            self._prepare_search(job.collection)
        for result in encrypted:
            if job is None or result.path not in job.passwords:
                self.password_requested.emit(result.path)
        for result in report.results:
            if result.error_kind == "too_long" and job is not None and not job.force:
                self.force_requested.emit(job.collection, result.path)

    def _prepare_search(self, collection: str) -> None:
        """The keyword index is rebuilt in the indexing worker now, not by the first question."""
        self.hub.call(
            "index",
            lambda: self.services.library().prepare_search(collection),
            on_error=lambda error: log.warning("preparing search failed: %s", error),
        )

    def retry_with_password(self, collection: str, path: str, password: str) -> None:
        self.passwords[path] = password
        self.add(collection, [Path(path)], {path: password})

    def retry_forced(self, collection: str, path: str) -> None:
        """Index a file over the text-size setting after the user agreed to wait for it."""
        self.queue.append(IngestJob(collection, [Path(path)], force=True))
        if self.current is None:
            self._next()

    def _on_error(self, error: BaseException) -> None:
        log.error("indexing failed", exc_info=error)
        job = self.current
        self._done()
        self.failures = [(str(p), user_message(error)) for p in (job.paths if job else [])]
        self.panel.finish(0, 0, len(self.failures), False)
        self.error.emit(user_message(error))
        self.collections_changed.emit()
        self._next()

    def _done(self) -> None:
        self._timer.stop()
        if self.current is not None:
            self.collections.set_state(self.current.collection, "idle")
        self._cancel = None
        self.current = None
