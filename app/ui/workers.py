"""Run core calls off the GUI thread, one lane per single-owner resource.

Why lanes: the index (SQLite + Chroma writes) and the loaded model each have one owner, so each
gets its own single-thread pool (Anki's collection executor, GPT4All's LLM thread); quick reads
get a third lane so a long ingest never delays listing conversations, and downloads a fourth.

Why not superqt's workers: they swap the process-wide ``warnings.showwarning`` from every
worker thread (racy with several lanes) and swallow a ``RuntimeError`` raised by the work without
emitting ``finished`` (torch reports out-of-memory as a RuntimeError). This is the same pattern
(QRunnable + a QObject carrying signals) in a few lines. Workers never touch widgets: results
come back as queued signals to the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

#: ``index``: ingest and collection writes; ``model``: model load and generation;
#: ``io``: short reads (lists, page text, conversations); ``download``: network transfers.
LANES = ("index", "model", "io", "download")


def user_message(error: BaseException) -> str:
    """What the user sees for an error: core's own message, or a short generic one."""
    from app.core.errors import PagefoldError  # light module, no heavy imports

    if isinstance(error, PagefoldError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _as_user_error(error: BaseException) -> BaseException:
    """A SQLite or Chroma failure becomes the core error with advice (full disk, damaged
    store, lock, permission), so the window shows that message and can offer a repair."""
    from app.core.storage.failures import translate

    if not isinstance(error, Exception):
        return error
    translated = translate(error)
    if translated is None or translated is error:
        return error
    log.error("store failure in a worker", exc_info=error)
    translated.__cause__ = error
    return translated


class WorkerSignals(QObject):
    """Lives in the GUI thread, so every emit from the worker is delivered there."""

    item = Signal(object)  # each item a generator yields
    result = Signal(object)  # the return value (not sent when stopped)
    error = Signal(object)  # the exception, if the work raised
    finished = Signal()  # always, last


class Worker(QRunnable):
    """One call or one generator, run on a pool thread; ``quit`` stops between yields."""

    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], streaming: bool
    ) -> None:
        super().__init__()
        self.signals = WorkerSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._streaming = streaming
        self._abort = threading.Event()

    def quit(self) -> None:
        self._abort.set()

    @property
    def abort_requested(self) -> bool:
        return self._abort.is_set()

    def run(self) -> None:
        try:
            result = self._stream() if self._streaming else self._fn(*self._args, **self._kwargs)
            if not self._abort.is_set():
                self.signals.result.emit(result)
        except BaseException as exc:
            self.signals.error.emit(_as_user_error(exc))
        finally:
            self.signals.finished.emit()

    def _stream(self) -> Any:
        gen = self._fn(*self._args, **self._kwargs)
        try:
            while not self._abort.is_set():
                try:
                    item = next(gen)
                except StopIteration as stop:
                    return stop.value
                self.signals.item.emit(item)
        finally:
            gen.close()  # runs the generator's own clean-up when stopped early
        return None


class TaskHub(QObject):
    """Starts workers on named lanes and waits for all of them when the window closes."""

    error_occurred = Signal(str)  # a user-facing message for errors no caller handled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        self._active: set[Worker] = set()
        for name in LANES:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            self._pools[name] = pool

    def call(
        self,
        lane: str,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> Worker:
        """Run ``fn(*args, **kwargs)`` on ``lane``; ``on_result`` gets its return value."""
        worker = Worker(fn, args, kwargs, streaming=False)
        return self._start(lane, worker, on_result, on_error)

    def stream(
        self,
        lane: str,
        fn: Callable[..., Iterator[Any]],
        *args: Any,
        on_event: Callable[[Any], None],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> Worker:
        """Run a generator on ``lane``; each yielded event reaches ``on_event``, in order."""
        worker = Worker(fn, args, kwargs, streaming=True)
        worker.signals.item.connect(on_event)
        return self._start(lane, worker, on_result, on_error)

    def busy(self, lane: str | None = None) -> bool:
        pools = [self._pools[lane]] if lane else list(self._pools.values())
        return any(p.activeThreadCount() > 0 for p in pools)

    def wait(self, msecs: int) -> bool:
        """Wait for every lane to drain; True if all did within ``msecs`` (each)."""
        results = [pool.waitForDone(msecs) for pool in self._pools.values()]
        return all(results)

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Drop queued work and wait for running work, which the caller has already asked
        to stop through its cancel tokens (so it can save what it has). Only if that takes
        longer than ``msecs`` are generators abandoned between two steps."""
        for pool in self._pools.values():
            pool.clear()
        if self.wait(msecs):
            return True
        for worker in list(self._active):
            worker.quit()
        return self.wait(2_000)

    def _start(
        self,
        lane: str,
        worker: Worker,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> Worker:
        if on_result is not None:
            worker.signals.result.connect(on_result)
        worker.signals.error.connect(on_error if on_error is not None else self.report)
        worker.signals.finished.connect(lambda: self._active.discard(worker))
        self._active.add(worker)
        self._pools[lane].start(worker)
        return worker

    def report(self, error: BaseException) -> None:
        """Log the traceback and tell the window; the default for unhandled worker errors."""
        log.error("worker failed:\n%s", "".join(traceback.format_exception(error)))
        self.error_occurred.emit(user_message(error))
