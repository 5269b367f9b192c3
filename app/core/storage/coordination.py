"""Several Pagefold processes on one data folder: leases, one vector-writer lane, a change counter.

The window and any number of CLI processes may share a data folder. Three things keep them from
damaging each other (issue 19: a second ingest's crash recovery wiped a live ingest's passages,
and a window beside a CLI ingest failed 335 of 505 searches on a stale Chroma):

- **Collection leases.** Whoever writes a collection's documents (ingest, refresh, remove,
  repair, recovery) holds ``locks/collection-<id>.lock``, an OS file lock the kernel drops
  when the process dies, however it dies. Beside it, ``.owner`` names the holder (PID, process
  start time, command) so a refusal can say who it is. Recovery only touches a collection whose
  lease it can take, so it never mistakes a live ingest for a crashed one. The OS lock decides;
  the PID and start time are for messages and for telling "interrupted" from "in progress"
  (a reused PID has another start time).
- **The vector lane.** Chroma's embedded store is not safe for writes from two processes at
  once, so every Chroma call takes ``locks/vectors.lock`` (held per batch, ~0.1 s, so two
  ingests interleave batch by batch instead of one waiting for the other).
- **The generation counter.** After each write, ``locks/vectors.generation`` is bumped. A
  long-running process compares it before each Chroma call and reopens its client when another
  process wrote, so it sees new collections and vectors at once instead of a stale HNSW reader.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from app.core.errors import PagefoldError

LOCK_MODE = 0o600  # lock files carry nothing secret, but the data folder is the user's alone
# another process's recovery holds a lease for a moment; an ingest holds it for minutes
LEASE_WAIT_S = 5.0
VECTOR_LANE_TIMEOUT_S = 120.0  # one Chroma batch takes ~0.1 s; two minutes means something hung


class CollectionBusyError(PagefoldError):
    """Another live process is writing this collection: refused, never interleaved."""


@dataclass(frozen=True)
class Owner:
    """A process, named so that a reused PID cannot pass for it."""

    pid: int
    started: float  # process start time (seconds since the epoch), 0.0 when unknown
    command: str = ""

    def alive(self) -> bool:
        started = process_start_time(self.pid)
        if started is None:
            return False
        return self.started == 0.0 or abs(started - self.started) < 1.0

    def describe(self) -> str:
        what = f' ("{self.command}")' if self.command else ""
        since = time.strftime("%H:%M:%S", time.localtime(self.started)) if self.started else "?"
        return f"process {self.pid}{what}, running since {since}"


def process_start_time(pid: int) -> float | None:
    """When ``pid`` started, or ``None`` when no such process exists."""
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None


def this_process() -> Owner:
    command = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv[:4]))
    return Owner(os.getpid(), process_start_time(os.getpid()) or 0.0, command[:120])


class Coordinator:
    """The locks of one data folder; one per folder and process (see ``coordinator``)."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "locks"
        self._guard = threading.Lock()
        self._locks: dict[str, FileLock] = {}
        self._generation_seen: int | None = None
        self._held: dict[int, int] = {}  # collection id -> lease depth held by this process

    # -- leases -------------------------------------------------------------------------

    def _lock(self, name: str) -> FileLock:
        with self._guard:
            if name not in self._locks:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._locks[name] = FileLock(self.folder / name, mode=LOCK_MODE, thread_local=False)
            return self._locks[name]

    def _owner_file(self, collection_id: int) -> Path:
        return self.folder / f"collection-{collection_id}.owner"

    @contextlib.contextmanager
    def lease(self, collection_id: int, wait_s: float = LEASE_WAIT_S) -> Iterator[None]:
        """Hold the collection's write lease, or raise ``CollectionBusyError`` naming the
        process that holds it. Re-entrant within this process."""
        lock = self._lock(f"collection-{collection_id}.lock")
        try:
            lock.acquire(timeout=wait_s)
        except Timeout:
            raise CollectionBusyError(self._busy_message(collection_id)) from None
        try:
            first = self._held.get(collection_id, 0) == 0
            self._held[collection_id] = self._held.get(collection_id, 0) + 1
            if first:
                self._write_owner(collection_id)
            yield
        finally:
            self._held[collection_id] -= 1
            if self._held[collection_id] == 0:
                with contextlib.suppress(OSError):
                    self._owner_file(collection_id).unlink()
            lock.release()

    def try_lease(self, collection_id: int) -> contextlib.AbstractContextManager[bool]:
        """``with try_lease(cid) as got:`` — ``got`` is False when a live process holds it."""
        return _TryLease(self, collection_id)

    def owner(self, collection_id: int) -> Owner | None:
        """The live process writing this collection now, if any (this one included)."""
        if self._held.get(collection_id):
            return this_process()
        try:
            data = json.loads(self._owner_file(collection_id).read_text("utf-8"))
            owner = Owner(int(data["pid"]), float(data["started"]), str(data.get("command", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return owner if owner.alive() else None

    def _write_owner(self, collection_id: int) -> None:
        me = this_process()
        data = {"pid": me.pid, "started": me.started, "command": me.command}
        target = self._owner_file(collection_id)
        tmp = target.with_suffix(f".{me.pid}.tmp")
        with contextlib.suppress(OSError):  # only a message depends on it
            tmp.write_text(json.dumps(data), "utf-8")
            os.chmod(tmp, LOCK_MODE)
            os.replace(tmp, target)

    def _busy_message(self, collection_id: int) -> str:
        owner = self.owner(collection_id)
        who = owner.describe() if owner else "another Pagefold process"
        return (
            f"This collection is being changed by {who}. Wait for it to finish (or stop it), "
            "then try again."
        )

    # -- the vector lane ----------------------------------------------------------------

    @contextlib.contextmanager
    def vector_lane(self) -> Iterator[None]:
        """One Chroma call at a time across processes."""
        lock = self._lock("vectors.lock")
        try:
            lock.acquire(timeout=VECTOR_LANE_TIMEOUT_S)
        except Timeout:
            raise PagefoldError(
                "The vector store has been busy for two minutes in another Pagefold process. "
                "If no other Pagefold is running, delete the file "
                f"{self.folder / 'vectors.lock'} and try again."
            ) from None
        try:
            yield
        finally:
            lock.release()

    def generation(self) -> int:
        try:
            return int((self.folder / "vectors.generation").read_text("ascii") or 0)
        except (OSError, ValueError):
            return 0

    def bump_generation(self) -> int:
        """Call inside ``vector_lane`` after a write; returns the new generation."""
        value = self.generation() + 1
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"vectors.generation.{os.getpid()}.tmp"
        tmp.write_text(str(value), "ascii")
        os.replace(tmp, self.folder / "vectors.generation")
        self._generation_seen = value
        return value

    def changed_elsewhere(self) -> bool:
        """True once per change written by another process since this one last looked."""
        current = self.generation()
        changed = self._generation_seen is not None and current != self._generation_seen
        self._generation_seen = current
        return changed


class _TryLease:
    def __init__(self, coordinator: Coordinator, collection_id: int) -> None:
        self._coordinator = coordinator
        self._id = collection_id
        self._inner: contextlib.AbstractContextManager[None] | None = None

    def __enter__(self) -> bool:
        inner = self._coordinator.lease(self._id, wait_s=0.0)
        try:
            inner.__enter__()
        except CollectionBusyError:
            return False
        self._inner = inner
        return True

    def __exit__(self, *exc: object) -> None:
        if self._inner is not None:
            self._inner.__exit__(None, None, None)


_COORDINATORS: dict[Path, Coordinator] = {}
_COORDINATORS_GUARD = threading.Lock()


def coordinator(root: Path) -> Coordinator:
    """The one coordinator per data folder in this process: a second FileLock object on the
    same file would wait for the first, so every Library on a folder shares these."""
    key = root.resolve()
    with _COORDINATORS_GUARD:
        if key not in _COORDINATORS:
            _COORDINATORS[key] = Coordinator(key)
        return _COORDINATORS[key]
