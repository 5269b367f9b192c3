"""Issue 19, point 3: every SQLite and Chroma failure reaches the user as a message with advice.

Each failure the stores really raise (the texts are theirs: SQLite's "database or disk is full",
Chroma's "Error in compaction", ...) is injected at the boundary where SQLite or Chroma would
raise it, under real commands on a real data folder, and under a real window action. No
traceback may reach the user; the message must name the problem and say what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from chromadb.errors import InternalError

from app.cli import main
from app.core.storage import catalog as catalog_module
from app.core.storage.vectors import VectorStore

DISK_FULL = "Free some space"
DAMAGED = "collections repair"
LOCKED = "locked by another program"
DENIED = "may not write"

SQLITE_FAILURES = [
    (sqlite3.OperationalError("database or disk is full"), DISK_FULL),
    (sqlite3.DatabaseError("file is not a database"), DAMAGED),
    (sqlite3.DatabaseError("database disk image is malformed"), DAMAGED),
    (sqlite3.OperationalError("database is locked"), LOCKED),
    (sqlite3.OperationalError("attempt to write a readonly database"), DENIED),
    (sqlite3.OperationalError("unable to open database file"), DENIED),
]
CHROMA_FAILURES = [
    (InternalError("Error in compaction: Failed to apply logs to the metadata segment"), DISK_FULL),
    (InternalError("error returned from database: database or disk is full"), DISK_FULL),
    (InternalError("Error creating hnsw segment reader: Nothing found on disk"), DAMAGED),
    (InternalError("error returned from database: database is locked"), LOCKED),
    (PermissionError(13, "Permission denied"), DENIED),
]


class FailingConnection:
    """A real SQLite connection that raises ``error`` for statements reading collections,
    as SQLite does when the pages holding them are damaged or the disk is full."""

    def __init__(self, real: sqlite3.Connection, error: Exception) -> None:
        self._real, self._error = real, error

    def execute(self, sql: str, *args: Any) -> Any:
        if "FROM collections" in sql:
            raise self._error
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._real, name, value)


def fail_catalog(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> Any:
        return FailingConnection(real_connect(*args, **kwargs), error)

    monkeypatch.setattr(catalog_module.sqlite3, "connect", connect)


def fail_chroma(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def broken(self: VectorStore, collection_id: int) -> Any:
        raise error

    monkeypatch.setattr(VectorStore, "_collection", broken)
    # Through Chroma's client: a search process reads through the Rust reader first, and
    # comes to the client (where these failures are injected) when the reader cannot answer.
    monkeypatch.setattr("app.core.storage.chroma_reader.ChromaReader.available", lambda _s: False)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PAGEFOLD_HOME", str(tmp_path / "home"))  # main() sets it; restored
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ferry.txt").write_text("The ferry leaves the harbour at seven o'clock.", "utf-8")
    assert main(["--data-dir", str(tmp_path / "home"), "ingest", "--quiet", "c", str(docs)]) == 0
    return tmp_path / "home"


@pytest.mark.parametrize(("error", "advice"), SQLITE_FAILURES, ids=lambda v: str(v)[:24])
def test_catalog_failures_in_the_cli(
    home: Path,
    error: Exception,
    advice: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    fail_catalog(monkeypatch, error)
    for argv in (["collections", "list"], ["search", "c", "ferry"]):
        assert main(["--data-dir", str(home), *argv]) == 1
        err = capsys.readouterr().err
        assert advice in err and "Traceback" not in err, err
        assert err.startswith("pagefold: ")


@pytest.mark.parametrize(("error", "advice"), CHROMA_FAILURES, ids=lambda v: str(v)[:24])
def test_vector_store_failures_in_the_cli(
    home: Path,
    error: Exception,
    advice: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    fail_chroma(monkeypatch, error)
    assert main(["--data-dir", str(home), "search", "c", "ferry"]) == 1
    err = capsys.readouterr().err
    assert advice in err and "Traceback" not in err, err
