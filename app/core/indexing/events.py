"""Progress and per-file outcomes of an ingest: what the CLI prints and the GUI shows (the
cancel token is ``app.core.cancel``, shared with chat, downloads and moves)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class FileStatus:
    INDEXED = "indexed"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    REMOVED = "removed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"  # not read on purpose (a link leading outside the folder, too long)


@dataclass
class IngestProgress:
    """A snapshot sent after each step; ``fraction`` drives an overall progress bar."""

    phase: str  # "scanning", "parsing", "embedding", "done"
    files_done: int
    files_total: int
    chunks_done: int = 0
    chunks_total: int = 0
    current: str = ""
    current_fraction: float = 0.0  # progress within the current file (embedding)

    @property
    def fraction(self) -> float:
        if self.files_total == 0:
            return 1.0
        return min(1.0, (self.files_done + self.current_fraction) / self.files_total)


@dataclass
class FileResult:
    path: str
    status: str
    message: str = ""
    pages: int = 0
    chunks: int = 0
    document_id: int | None = None
    error_kind: str = ""  # "encrypted" lets the UI ask for a password and retry the file


@dataclass
class IngestReport:
    collection: str
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == FileStatus.FAILED]

    @property
    def chunks(self) -> int:
        return sum(r.chunks for r in self.results if r.status == FileStatus.INDEXED)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results if r.status == FileStatus.INDEXED)


ProgressCallback = Callable[[IngestProgress], None]
