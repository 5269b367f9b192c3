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
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # links leading outside


def scan_paths(
    paths: Iterable[Path], include: Sequence[str] = (), follow_outside_links: bool = False
) -> ScanResult:
    """Expand folders recursively; keep supported files matching ``include`` globs.

    Symbolic links to folders are not followed (a link loop would never end). A link (or a
    Windows junction) inside an added folder that resolves outside that folder is skipped with
    a reason unless ``follow_outside_links``: a link to /etc/shadow in a shared folder must not
    put the file's text in the catalog. Explicitly named files are kept even if their suffix is
    unsupported, so the user gets a per-file message instead of silence.
    """
    result = ScanResult()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            _walk(path, include, result, seen, follow_outside_links)
        elif path.exists() or path.is_symlink():
            _keep(path.absolute(), result, seen)
        else:
            result.problems.append((path, "file or folder not found"))
    return result


def outside(path: Path, root: Path) -> Path | None:
    """Where ``path`` really leads when that is outside ``root`` (resolved), else None."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a link loop leads nowhere: reading it fails, with a reason
        return None
    return None if target.is_relative_to(root) else target


def _outside_reason(target: Path) -> str:
    return (
        f"a link to {target}, outside the folder you added; not followed "
        "(allow it with --follow-links or the setting indexing.follow_outside_links)"
    )


def _walk(
    root: Path,
    include: Sequence[str],
    result: ScanResult,
    seen: set[Path],
    follow_outside_links: bool,
) -> None:
    real_root = root.resolve()

    def on_error(error: OSError) -> None:
        result.problems.append(
            (Path(error.filename or root), f"cannot read folder: {error.strerror}")
        )

    def leads_outside(path: Path) -> bool:
        target = None if follow_outside_links else outside(path, real_root)
        if target is not None:
            result.skipped.append((path.absolute(), _outside_reason(target)))
        return target is not None

    for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and (Path(folder, d).is_symlink() or not leads_outside(Path(folder, d)))
        )  # a symlinked folder is never entered; a junction (Windows) that leads out is skipped
        for name in sorted(names):
            if name.startswith(".") or name.startswith("~$"):
                continue  # hidden files and Office lock files
            path = Path(folder, name)
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if include and not any(fnmatch.fnmatch(name, pat) for pat in include):
                continue
            if leads_outside(path):
                continue
            _keep(path.absolute(), result, seen)


def _keep(path: Path, result: ScanResult, seen: set[Path]) -> None:
    if path not in seen:
        seen.add(path)
        result.files.append(path)
