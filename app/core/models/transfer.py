"""The mechanics under a download: progress events, the staging manifest and hash checks.

Kept apart from ``download.py`` (which decides what to fetch and talks to the hub) so each file
stays small; nothing here touches the network.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken

MANIFEST = ".pagefold-download.json"
_HASH_CHUNK = 8 * 1024 * 1024


@dataclass
class DownloadProgress:
    """A snapshot for a progress bar: overall bytes, speed and time left, current file."""

    bytes_done: int
    bytes_total: int
    speed_bps: float
    eta_s: float | None
    file: str
    phase: str = "downloading"  # "downloading" | "verifying" | "installing" | "converting" | "done"
    files_done: int = 0
    files_total: int = 0

    @property
    def fraction(self) -> float:
        return 1.0 if self.bytes_total <= 0 else min(1.0, self.bytes_done / self.bytes_total)


ProgressCallback = Callable[[DownloadProgress], None]


@dataclass
class RemoteFile:
    """One file of a repository at one commit, with the hash the hub publishes for it."""

    name: str
    size: int | None
    sha256: str | None = None  # LFS files
    blob_id: str | None = None  # git blob sha1, for small files kept in git


class Cancelled(Exception):
    """Raised from the progress hook to stop ``http_get`` mid-file."""


# -- progress ---------------------------------------------------------------------------------


class Tracker:
    """Turns byte counts from ``http_get`` into throttled ``DownloadProgress`` events.

    It also carries the cancel check: raising from a progress update is the one way to stop
    ``http_get`` between two chunks.
    """

    def __init__(
        self,
        files: list[RemoteFile],
        staging: Path,
        progress: ProgressCallback | None,
        cancel: CancelToken,
        interval: float,
    ) -> None:
        self.files, self.staging = files, staging
        self.total = sum(f.size or 0 for f in files)
        self.progress, self.cancel, self.interval = progress, cancel, interval
        self.verified: set[str] = set(read_manifest(staging).get("verified", []))
        self.per_file: dict[str, int] = {}
        for remote in files:
            if remote.name in self.verified and (staging / remote.name).exists():
                self.per_file[remote.name] = remote.size or 0
            else:
                self.verified.discard(remote.name)
                part = staging / (remote.name + ".part")
                self.per_file[remote.name] = part.stat().st_size if part.exists() else 0
        self.current = ""
        self._samples: deque[tuple[float, int]] = deque(maxlen=50)
        self._last_emit = 0.0

    @property
    def bytes_done(self) -> int:
        return sum(self.per_file.values())

    def check_cancel(self) -> None:
        self.cancel.wait_if_paused()
        if self.cancel.cancelled:
            raise Cancelled()

    def start_file(self, name: str, resume: int) -> None:
        self.current = name
        self.per_file[name] = resume
        self.emit("downloading", force=True)

    def set_file_bytes(self, name: str, done: int) -> None:
        self.per_file[name] = done

    def add(self, name: str, n: int) -> None:
        self.per_file[name] = self.per_file.get(name, 0) + n
        self.check_cancel()
        self.emit("downloading")

    def mark_verified(self, name: str) -> None:
        self.verified.add(name)
        manifest = read_manifest(self.staging)
        manifest["verified"] = sorted(self.verified)
        write_manifest(self.staging, manifest)

    def emit(self, phase: str, force: bool = False) -> None:
        now = time.monotonic()
        done = self.bytes_done
        self._samples.append((now, done))
        if self.progress is None or (not force and now - self._last_emit < self.interval):
            return
        self._last_emit = now
        speed = self._speed()
        remaining = max(0, self.total - done)
        eta = remaining / speed if speed > 0 else None
        self.progress(
            DownloadProgress(
                bytes_done=done,
                bytes_total=self.total,
                speed_bps=speed,
                eta_s=eta,
                file=self.current,
                phase=phase,
                files_done=len(self.verified),
                files_total=len(self.files),
            )
        )

    def _speed(self) -> float:
        """Average over the last few seconds, so one slow chunk does not swing the estimate."""
        now = self._samples[-1][0]
        window = [s for s in self._samples if now - s[0] <= 5.0]
        (t0, b0), (t1, b1) = window[0], window[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


class Bar:
    """The minimal tqdm look-alike ``http_get`` drives (``tqdm_class``)."""

    def __init__(self, tracker: Tracker, name: str, **kwargs: Any) -> None:
        self.tracker, self.name = tracker, name
        # ``initial`` is where http_get resumes from: it restarts at 0 when a server ignores Range.
        tracker.set_file_bytes(name, int(kwargs.get("initial") or 0))

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int = 1) -> None:
        self.tracker.add(self.name, n)

    def close(self) -> None:
        return None


# -- integrity --------------------------------------------------------------------------------


class CorruptFileError(Exception):
    pass


def verify(part: Path, remote: RemoteFile, repo_id: str) -> None:
    """Compare with the hub's hash; a mismatch deletes the file so a retry starts clean."""
    if remote.sha256:
        actual, expected, algo = _sha256(part), remote.sha256, "sha256"
    elif remote.blob_id:
        actual, expected, algo = _git_blob_sha1(part), remote.blob_id, "git sha1"
    else:
        return
    if actual != expected.lower():
        part.unlink(missing_ok=True)
        raise CorruptFileError(
            f"{remote.name} from {repo_id} failed its integrity check ({algo} differs from the "
            "hub's): the download was damaged. It was deleted and nothing was installed; run "
            "the download again."
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _git_blob_sha1(path: Path) -> str:
    """Git's blob id: sha1 of ``blob <size>\\0`` followed by the content."""
    digest = hashlib.sha1(f"blob {path.stat().st_size}\0".encode(), usedforsecurity=False)
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def human_size(n: float) -> str:
    """Bytes as people read them (decimal units, like disk makers and the hub)."""
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover - loop always returns


def read_manifest(staging: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        return data
    except (OSError, json.JSONDecodeError):
        return {}


def write_manifest(staging: Path, manifest: dict[str, Any]) -> None:
    tmp = staging / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest), encoding="utf-8")
    tmp.replace(staging / MANIFEST)
