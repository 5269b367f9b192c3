"""Scanning folders: recursion, include patterns, symlink loops, hidden files."""

from __future__ import annotations

import os
from pathlib import Path

from app.core.indexing.scan import scan_paths


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_recursive_with_include_patterns(tmp_path: Path) -> None:
    a = _touch(tmp_path / "docs" / "a.pdf")
    b = _touch(tmp_path / "docs" / "sub" / "보고서 2024.pdf")
    _touch(tmp_path / "docs" / "notes.txt")
    _touch(tmp_path / "docs" / "image.png")  # unsupported: skipped silently inside folders
    _touch(tmp_path / "docs" / ".hidden.pdf")
    result = scan_paths([tmp_path / "docs"], include=["*.pdf"])
    assert sorted(result.files) == sorted([a.absolute(), b.absolute()])


def test_symlink_loop_terminates_and_files_are_unique(tmp_path: Path) -> None:
    a = _touch(tmp_path / "root" / "a.txt")
    os.symlink(tmp_path / "root", tmp_path / "root" / "loop")
    result = scan_paths([tmp_path / "root", a])
    assert result.files == [a.absolute()]


def test_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    result = scan_paths([tmp_path / "nope.pdf"])
    assert result.files == []
    assert "not found" in result.problems[0][1]


def test_explicit_unsupported_file_is_kept_for_a_message(tmp_path: Path) -> None:
    odd = _touch(tmp_path / "thing.xyz")
    assert scan_paths([odd]).files == [odd.absolute()]
