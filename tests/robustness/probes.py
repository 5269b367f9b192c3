"""Measuring what a user would feel: peak memory, time, and the longest silence of progress.

Peak memory is the kernel's own high-water mark (``VmHWM``), reset before each measurement
through ``/proc/self/clear_refs`` where Linux allows it, so a short spike between two samples is
never missed; elsewhere a 20 ms sampler thread stands in.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from app.core.indexing.events import IngestProgress

MB = 1 << 20
_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def rss() -> int:
    return int(psutil.Process().memory_info().rss)


def _hwm() -> int | None:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_hwm() -> bool:
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Measure:
    """Filled in when the ``measure()`` block ends."""

    seconds: float = 0.0
    start_rss: int = 0
    peak_rss: int = 0
    end_rss: int = 0

    @property
    def peak_growth_mb(self) -> float:
        return round(max(0, self.peak_rss - self.start_rss) / MB, 1)

    @property
    def kept_mb(self) -> float:
        return round((self.end_rss - self.start_rss) / MB, 1)


@contextlib.contextmanager
def measure() -> Iterator[Measure]:
    """Time and peak resident memory of the block (the whole process: threads included)."""
    result = Measure(start_rss=rss())
    kernel = _reset_hwm() and _hwm() is not None
    peak = [result.start_rss]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], rss())

    sampler = None if kernel else threading.Thread(target=sample, daemon=True)
    if sampler is not None:
        sampler.start()
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = round(time.perf_counter() - started, 2)
        stop.set()
        if sampler is not None:
            sampler.join()
        result.end_rss = rss()
        result.peak_rss = max(peak[0], result.end_rss, (_hwm() or 0) if kernel else 0)


@dataclass
class ProgressWatch:
    """A progress callback that remembers the longest gap between two updates.

    The window's progress bar is driven by these updates: a long gap is a frozen-looking bar
    even when the window itself stays responsive.
    """

    events: list[IngestProgress] = field(default_factory=list)
    longest_gap_s: float = 0.0
    _last: float = field(default_factory=time.perf_counter)

    def __call__(self, progress: IngestProgress) -> None:
        now = time.perf_counter()
        self.longest_gap_s = max(self.longest_gap_s, round(now - self._last, 2))
        self._last = now
        self.events.append(progress)


def soak() -> bool:
    """``PAGEFOLD_SOAK=1``: the long local run (full-size inputs, many more kills)."""
    return os.environ.get("PAGEFOLD_SOAK", "").lower() in {"1", "true", "yes"}


def env_int(name: str, default: int, soak_default: int) -> int:
    value = os.environ.get(name)
    if value:
        return int(value)
    return soak_default if soak() else default
