"""Issue 19, points 2 and 3: damaged stores are found, repaired, and reported with advice.

Real Chroma and SQLite files are damaged the way the issue did it (vectors deleted, the
``chroma`` folder deleted, the catalog overwritten in the middle or cut in half); the commands
are the real CLI in this process with the real e5 embedder, whose model loads in milliseconds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.core.health import check, repair
from app.core.library import Library
from app.core.storage.failures import DamagedCollectionError
from tests.robustness.inputs import WORDS


def write_docs(folder: Path, files: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        paragraphs = [
            f"Document {n} marker kvmark{n}. "
            + " ".join(WORDS[(p * 5 + i) % len(WORDS)] for i in range(60))
            for p in range(6)
        ]
        (folder / f"doc-{n}.txt").write_text("\n\n".join(paragraphs), "utf-8")
    return folder


def test_lost_vectors_found_repaired_and_noticed(fast_library: Library, tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs")
    fast_library.ingest("c", [docs])
    col = fast_library.collection("c")
    first = fast_library.documents("c")[0]
    lost = fast_library.catalog.chunk_ids(first.id)[:2]
    fast_library.vectors.delete_ids(col.id, lost)

    health = check(fast_library, "c")
    assert not health.ok and health.missing == {first.id: lost}
    with pytest.raises(DamagedCollectionError, match="repair") as caught:
        fast_library.search("c", "kvmark1")  # never keywords alone without saying so
    assert caught.value.collection == "c"

    embedded_before = fast_library.embedder("x").texts  # type: ignore[attr-defined]
    fixed = repair(fast_library, "c")
    assert fixed.reembedded == 2  # only what was missing
    assert fast_library.embedder("x").texts - embedded_before == 2  # type: ignore[attr-defined]
    assert check(fast_library, "c").ok
    assert fast_library.search("c", "kvmark1")

    fast_library.vectors.drop(col.id)  # the whole collection's vectors gone
    report = fast_library.refresh("c")
    assert {r.status for r in report.results} == {"indexed"}  # not "unchanged"
    assert fast_library.consistency("c")["missing_vectors"] == 0


def cli(home: Path, *argv: str) -> int:
    return main(["--data-dir", str(home), *argv])


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PAGEFOLD_HOME", str(tmp_path / "home"))  # main() sets it; restored
    return tmp_path / "home"


def test_deleted_chroma_folder_is_rebuilt_by_refresh(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = write_docs(tmp_path / "docs")
    assert cli(home, "ingest", "--quiet", "notes", str(docs)) == 0
    shutil.rmtree(home / "chroma")
    assert cli(home, "search", "notes", "kvmark2") == 1
    err = capsys.readouterr().err
    assert "lost vectors" in err and "Traceback" not in err
    assert cli(home, "collections", "check", "notes") == 1
    assert "have no vector" in capsys.readouterr().out
    assert cli(home, "collections", "refresh", "notes") == 0
    assert cli(home, "collections", "check", "notes") == 0
    capsys.readouterr()
    assert cli(home, "search", "notes", "kvmark2") == 0
    assert "] doc-2 - page" in capsys.readouterr().out


def test_damaged_catalog_is_reported_and_rebuilt(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = write_docs(tmp_path / "docs", files=4)
    assert cli(home, "ingest", "--quiet", "notes", str(docs)) == 0
    catalog = home / "catalog.sqlite3"
    size = catalog.stat().st_size
    with catalog.open("r+b") as fh:  # 4 KB of garbage in the middle
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(b"\xa5" * 4096)
    capsys.readouterr()
    codes = [
        cli(home, "collections", "list"),
        cli(home, "search", "notes", "kvmark3"),
        cli(home, "ingest", "--quiet", "notes", str(docs)),
    ]
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for code in codes:
        assert code in (0, 1)
    if any(codes):  # the damage was reached: the message says what to do
        assert "repair" in err
    assert cli(home, "collections", "check", "notes") == 1
    assert "DAMAGED" in capsys.readouterr().out
    assert cli(home, "collections", "repair", "notes") == 0
    out = capsys.readouterr().out
    assert "rebuilt" in out and "Everything agrees" in out
    assert cli(home, "search", "notes", "kvmark3") == 0
    assert "] doc-3 - page" in capsys.readouterr().out
    assert list(home.glob("catalog.sqlite3.damaged-*"))  # the damaged file is kept


def test_catalog_cut_in_half_gives_a_message(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = write_docs(tmp_path / "docs")
    assert cli(home, "ingest", "--quiet", "notes", str(docs)) == 0
    catalog = home / "catalog.sqlite3"
    with catalog.open("r+b") as fh:
        fh.truncate(catalog.stat().st_size // 2)
    capsys.readouterr()
    for argv in (["collections", "list"], ["search", "notes", "kvmark1"]):
        assert cli(home, *argv) == 1
        err = capsys.readouterr().err
        assert "damaged" in err and "repair" in err and "Traceback" not in err
    code = cli(home, "collections", "repair", "notes")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if code == 0:
        assert cli(home, "search", "notes", "kvmark1") == 0
    else:  # nothing of the collection could be read back: said plainly
        assert "Create your collections again" in captured.err
