"""The SQLite base shared by the catalog, the conversations and the vector cache."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.core.errors import PagefoldError
from app.core.storage.sqlite import SQLiteStore, Step, connect


class _Notes(SQLiteStore):
    """A two-version schema; version 2 adds a column a function fills in."""

    LATEST = 2

    def __init__(self, path: Path, ran: list[str], create: bool = False) -> None:
        self.ran = ran
        super().__init__(path)
        steps: dict[int, Step] = {1: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"}
        steps[2] = self._add_words
        schema = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, words INTEGER)"
        self._migrate(steps, self.LATEST, self._newer, create=schema if create else None)

    def _add_words(self, db: sqlite3.Connection) -> None:
        self.ran.append("v2")
        db.execute("ALTER TABLE notes ADD COLUMN words INTEGER")
        db.execute("UPDATE notes SET words = length(body) - length(replace(body, ' ', '')) + 1")

    def _newer(self, version: int) -> str:
        return f"notes of schema {version} are newer than {self.LATEST}"

    def add(self, body: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO notes (body) VALUES (?)", (body,))


def test_a_connection_has_the_shared_pragmas_and_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "x.sqlite3"
    db = connect(path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
        assert isinstance(db.execute("SELECT 1 AS one").fetchone(), sqlite3.Row)
        if os.name == "posix":
            assert path.stat().st_mode & 0o777 == 0o600
    finally:
        db.close()
    without = connect(tmp_path / "y.sqlite3", foreign_keys=False)
    assert without.execute("PRAGMA foreign_keys").fetchone()[0] == 0
    without.close()


def test_an_old_file_is_brought_forward_one_step_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
        "INSERT INTO notes (body) VALUES ('two words');"
        "PRAGMA user_version=1;"
    )
    old.close()

    ran: list[str] = []
    store = _Notes(path, ran)
    assert ran == ["v2"] and store.schema_version == 2
    assert [tuple(r) for r in store._query("SELECT body, words FROM notes")] == [("two words", 2)]
    store.close()

    _Notes(path, ran).close()
    assert ran == ["v2"]  # an up-to-date file runs nothing


def test_a_new_file_is_created_at_the_latest_version_when_a_schema_is_given(
    tmp_path: Path,
) -> None:
    ran: list[str] = []
    stepped = _Notes(tmp_path / "stepped.sqlite3", ran)
    assert ran == ["v2"] and stepped.schema_version == 2
    created = _Notes(tmp_path / "created.sqlite3", ran, create=True)
    assert ran == ["v2"] and created.schema_version == 2
    created.add("a b c")
    assert created._query("SELECT words FROM notes")[0][0] is None
    stepped.close()
    created.close()


def test_a_failed_change_is_rolled_back_and_nested_changes_join_the_outer(tmp_path: Path) -> None:
    store = _Notes(tmp_path / "notes.sqlite3", [])
    with pytest.raises(RuntimeError), store.transaction():
        store.add("kept only if all of it works")
        raise RuntimeError("power cut")
    assert store._query("SELECT count(*) FROM notes")[0][0] == 0

    with store.transaction():
        store.add("one")
        store.add("two")
    assert store._query("SELECT count(*) FROM notes")[0][0] == 2
    store.close()


def test_a_newer_file_is_refused_and_left_closed_for_the_pagefold_that_can_read_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite3"
    newer = sqlite3.connect(path)
    newer.execute("PRAGMA user_version=7")
    newer.close()

    with pytest.raises(PagefoldError, match="notes of schema 7 are newer than 2") as refused:
        _Notes(path, [])

    # The last connection to a WAL file removes its shared-memory file when it closes; the
    # traceback still holds the store, so only an explicit close gets it removed here.
    assert refused.traceback and not Path(f"{path}-shm").exists()
