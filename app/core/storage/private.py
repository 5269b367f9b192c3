"""Keeping the data folder private: readable by its owner only (0700 folders, 0600 databases).

Why: the catalog holds the full text of every indexed document; created under the usual umask
022 it was 0644 in a 0755 folder, so every user of the machine could read it (issue 19). The
mode is set with chmod after creation, so it does not depend on the process's umask. On
Windows the per-user data folder is already private and chmod only toggles read-only: skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _posix() -> bool:
    return os.name == "posix"


def private_dir(path: Path) -> None:
    """Make a folder Pagefold owns readable by its owner only."""
    if _posix():
        _chmod(path, PRIVATE_DIR)


def private_file(path: Path) -> None:
    """Make a database (and its WAL and shared-memory files, if present) owner-only."""
    if not _posix():
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        _chmod(candidate, PRIVATE_FILE)


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.exists() and (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)
    except OSError:  # someone else's file (a shared --data-dir): leave it as it is
        pass
