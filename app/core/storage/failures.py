"""SQLite and Chroma failures as messages a user can act on.

Both stores report trouble as exceptions whose type says little (``sqlite3.OperationalError``,
Chroma's ``InternalError``) and whose text says what happened. ``translate`` reads that text and
returns one of four errors, each saying what to do: a full disk, a damaged store, a store locked
by another program, a store Pagefold may not write. Everything else from the stores becomes a
plain ``StoreError`` that still names the store and points to ``collections check``, so no
command or window action shows a traceback (issue 19: a half-size catalog gave a raw
``sqlite3.DatabaseError`` in ``list``, ``search`` and ``ingest``).
"""

from __future__ import annotations

import errno
import re
import sqlite3

from app.core.errors import PagefoldError


class StoreError(PagefoldError):
    """The catalog or the vector store failed; the message says which and what to do."""


class DiskFullError(StoreError):
    """No space left for the data folder: nothing half-written is kept, re-run after freeing."""


class CorruptStoreError(StoreError):
    """A damaged catalog or vector store: ``pagefold collections repair`` rebuilds it."""


class DamagedCollectionError(CorruptStoreError):
    """One collection's vectors or passages are missing or unreadable; the window offers the
    repair for ``collection``."""

    def __init__(self, message: str, collection: str) -> None:
        super().__init__(message)
        self.collection = collection


class StoreLockedError(StoreError):
    """Another program holds the database lock for longer than Pagefold waits (10 s)."""


class StorePermissionError(StoreError):
    """The data folder or one of its files cannot be written by this user."""


_DISK_FULL = re.compile(
    r"database or disk is full|no space left|disk quota|quota exceeded|file too large"
    r"|error in compaction|errno 28",
    re.IGNORECASE,
)
_CORRUPT = re.compile(
    r"file is not a database|malformed|disk image|corrupt|nothing found on disk"
    r"|hnsw segment reader|error loading hnsw|unable to deserialize|invalid header",
    re.IGNORECASE,
)
_LOCKED = re.compile(r"database is locked|database table is locked|resource busy", re.IGNORECASE)
_PERMISSION = re.compile(
    r"readonly database|read-only|permission denied|operation not permitted"
    r"|unable to open database file|access is denied",
    re.IGNORECASE,
)
_ERRNOS = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EFBIG: "full",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "permission",
}


def classify(exc: BaseException) -> str | None:
    """'full', 'corrupt', 'locked', 'permission', or None for anything else."""
    if isinstance(exc, OSError) and exc.errno in _ERRNOS:
        return _ERRNOS[exc.errno]
    text = f"{type(exc).__name__}: {exc}"
    for kind, pattern in (
        ("full", _DISK_FULL),
        ("corrupt", _CORRUPT),
        ("locked", _LOCKED),
        ("permission", _PERMISSION),
    ):
        if pattern.search(text):
            return kind
    return None


def is_store_failure(exc: BaseException) -> bool:
    """An exception raised by SQLite or Chroma (not by our own code on top of them)."""
    if isinstance(exc, sqlite3.Error):
        return True
    module = type(exc).__module__ or ""
    return module.startswith("chroma") or classify(exc) in {
        "full",
        "corrupt",
    }


def translate(
    exc: BaseException, store: str = "data folder", raised_by_store: bool = False
) -> PagefoldError | None:
    """The user-facing error for a store failure, or None when ``exc`` is not one (it is
    already a ``PagefoldError``, or a bug to let through). ``raised_by_store``: the caller
    knows the store raised it (an ``OSError`` from inside Chroma, say)."""
    if isinstance(exc, PagefoldError):
        return exc
    if isinstance(exc, sqlite3.IntegrityError):  # a constraint our code handles itself
        return None
    if not (raised_by_store or is_store_failure(exc)):
        return None
    kind = classify(exc)
    detail = " ".join(str(exc).split())[:200]
    if kind == "full":
        return DiskFullError(
            f"The disk holding Pagefold's {store} is full ({detail}). Free some space and run "
            "the command again: what was already saved is kept, and an interrupted document "
            "is redone."
        )
    if kind == "corrupt":
        return CorruptStoreError(
            f"Pagefold's {store} is damaged ({detail}). Run `pagefold collections check NAME` "
            "to see what is affected and `pagefold collections repair NAME` to rebuild it "
            "from your files."
        )
    if kind == "locked":
        return StoreLockedError(
            f"Pagefold's {store} is locked by another program ({detail}). Close other programs "
            "using the data folder (a backup or sync tool, another Pagefold) and try again."
        )
    if kind == "permission":
        return StorePermissionError(
            f"Pagefold may not write its {store} ({detail}). Check that the data folder "
            "belongs to you and is on a writable drive, or choose another with "
            "`pagefold --data-dir`."
        )
    return StoreError(
        f"Pagefold's {store} failed ({type(exc).__name__}: {detail}). Run "
        "`pagefold collections check NAME`; if it reports damage, `pagefold collections "
        "repair NAME` rebuilds it."
    )
