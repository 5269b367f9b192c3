"""The network log: one JSON line per outbound connection attempt, allowed or refused.

Why a file of its own (``logs/network.log``) rather than lines in ``pagefold.log``: a reviewer at
a bank or a defence site wants the complete list of every host Pagefold tried to reach and why,
without wading through indexing messages, and the app shows it as a table. JSON lines because
each entry is appended whole (no rewriting a document on every connection) and parsing one
broken line cannot hide the others.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from app.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

MAX_BYTES = 2_000_000  # then the file is kept as network.log.1 and a new one started


@dataclass(frozen=True)
class NetworkEvent:
    """One attempt to reach another machine."""

    time: float  # seconds since the epoch
    action: str  # "connect" or "resolve" (a DNS lookup is traffic too)
    host: str
    port: int | None
    purpose: str  # why Pagefold made it; "unattributed" when no code said why
    allowed: bool
    caller: str = ""  # the code that asked, as module:function
    thread: str = ""

    @property
    def when(self) -> str:
        """Local time, to the second, for display."""
        return datetime.fromtimestamp(self.time).strftime("%Y-%m-%d %H:%M:%S")


class NetworkLog:
    """Appends events to one file; safe from any thread; never raises into a connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def write(self, event: NetworkEvent) -> None:
        line = json.dumps(asdict(event), ensure_ascii=False) + "\n"
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._rotate()
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(line)
            except OSError:  # a full disk must not turn into a failed download
                log.warning("could not write the network log: %s", line.strip())

    def _rotate(self) -> None:
        if self.path.exists() and self.path.stat().st_size > MAX_BYTES:
            self.path.replace(self.path.with_name(self.path.name + ".1"))


def read_network_log(layout: DataLayout, include_rotated: bool = True) -> list[NetworkEvent]:
    """Every recorded attempt, oldest first (what the Settings → Network log view lists)."""
    paths = [layout.network_log]
    if include_rotated:
        paths.insert(0, layout.network_log.with_name(layout.network_log.name + ".1"))
    events: list[NetworkEvent] = []
    for path in paths:
        events.extend(_read(path))
    return events


def _read(path: Path) -> list[NetworkEvent]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    events = []
    for line in lines:
        try:
            events.append(NetworkEvent(**json.loads(line)))
        except (ValueError, TypeError):
            continue  # a line cut by a crash: the others still count
    return events


def now() -> float:
    return time.time()
