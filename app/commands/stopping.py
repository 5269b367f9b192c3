"""SIGTERM (and SIGHUP) during a long CLI job: stop between batches and still print the report.

Why: ``kill`` or a closing terminal ended an ingest with no report (issue 19), leaving a user to
guess what was indexed. The signal now cancels the job's ``CancelToken``: the batch being
embedded finishes, the file it belongs to is rolled back (redone next time), every file already
indexed is kept, the report is printed, and the process exits 143 (128 + SIGTERM), as a shell
expects of a process ended by SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from app.core.cancel import CancelToken

EXIT_TERMINATED = 128 + signal.SIGTERM  # 143


@contextmanager
def stop_on_signals(cancel: CancelToken) -> Iterator[threading.Event]:
    """Cancel ``cancel`` on SIGTERM/SIGHUP while the block runs; the event says it happened."""
    stopped = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stopped  # handlers can only be installed from the main thread
        return

    def on_signal(_number: int, _frame: FrameType | None) -> None:
        stopped.set()
        cancel.cancel()

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {name: signal.signal(getattr(signal, name), on_signal) for name in names}
    try:
        yield stopped
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
