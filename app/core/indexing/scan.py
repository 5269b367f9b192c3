"""Turning the paths a user gives (files, folders) into the list of files to consider."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.documents.loaders import SUPPORTED_SUFFIXES


@dataclass
class ScanResult:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)  # unreadable folders, etc.


def scan_paths(paths: Iterable[Path], include: Sequence[str] = ()) -> ScanResult:
    """Expand folders recursively; keep supported files matching ``include`` globs.

    Symbolic links to folders are not followed (a link loop would never end); links to files
    are. Explicitly named files are kept even if their suffix is unsupported, so the user gets a
    per-file message instead of silence.
    """
    result = ScanResult()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            _walk(path, include, result, seen)
        elif path.exists() or path.is_symlink():
            _keep(path.absolute(), result, seen)
        else:
            result.problems.append((path, "file or folder not found"))
    return result


def _walk(root: Path, include: Sequence[str], result: ScanResult, seen: set[Path]) -> None:
    def on_error(error: OSError) -> None:
        result.problems.append(
            (Path(error.filename or root), f"cannot read folder: {error.strerror}")
        )

    for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.startswith("~$"):
                continue  # hidden files and Office lock files
            path = Path(folder, name)
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if include and not any(fnmatch.fnmatch(name, pat) for pat in include):
                continue
            _keep(path.absolute(), result, seen)


def _keep(path: Path, result: ScanResult, seen: set[Path]) -> None:
    if path not in seen:
        seen.add(path)
        result.files.append(path)
