"""One way to open a Pagefold SQLite file: the catalog, the conversations and the vector cache.

Why one base: the three stores each opened SQLite with the same lines, and the conversation
store's copy had already drifted (no nested transactions, a failed rollback hiding the first
error). What they share:

- WAL and ``synchronous=NORMAL``: readers never block the writer, and a kill at any point
  loses at most the transaction being written, never a committed change.
- ``busy_timeout`` of 10 s, set first: a second Pagefold on the same data folder (the CLI while
  the window runs) waits for the write lock instead of failing with "database is locked".
- ``foreign_keys=ON`` where the schema has references (deleting a collection cascades).
- Owner-only files (0600, ``private.py``): the catalog holds the full text of every document.
- One connection per file, shared by threads under a lock, in autocommit mode
  (``isolation_level=None``) so that every change is an explicit ``BEGIN IMMEDIATE`` transaction.
- ``PRAGMA user_version`` as the schema version, brought forward one step at a time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any

from app.core.errors import PagefoldError
from app.core.storage.private import private_file

BUSY_TIMEOUT_MS = 10_000

#: A schema step: SQL statements separated by ";", or a function for what SQL alone cannot do.
Step = str | Callable[[sqlite3.Connection], None]


def connect(path: Path, *, foreign_keys: bool = True) -> sqlite3.Connection:
    """An owner-only connection with the shared pragmas; rows read as ``sqlite3.Row``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        private_file(path)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if foreign_keys:
            db.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        db.close()
        raise
    return db


class SQLiteStore:
    """A store over one SQLite file: thread-safe, one transaction per change of state.

    Subclasses set ``FOREIGN_KEYS`` and may override ``_guard`` to turn ``sqlite3.Error`` into
    messages with advice (the catalog does).
    """

    FOREIGN_KEYS = True

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        with self._guard():
            self._db = connect(self.path, foreign_keys=self.FOREIGN_KEYS)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _guard(self) -> AbstractContextManager[None]:
        """Wraps every SQLite call; the default lets ``sqlite3.Error`` through."""
        return nullcontext()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change of state; nested use joins the outer transaction."""
        with self._lock:
            if self._db.in_transaction:
                yield self._db
                return
            with self._guard():
                self._db.execute("BEGIN IMMEDIATE")
            try:
                with self._guard():
                    yield self._db
            except BaseException:
                if self._db.in_transaction:
                    with suppress(sqlite3.Error):  # the first error is the one to report
                        self._db.execute("ROLLBACK")
                raise
            with self._guard():
                self._db.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock, self._guard():
            return self._db.execute(sql, params).fetchall()

    @property
    def schema_version(self) -> int:
        return int(self._query("PRAGMA user_version")[0][0])

    def _migrate(
        self,
        steps: Mapping[int, Step],
        latest: int,
        newer: Callable[[int], str],
        create: Step | None = None,
    ) -> None:
        """Bring the file to schema ``latest``; ``steps[n]`` makes version ``n`` from ``n - 1``,
        and ``create``, when given, makes a new file at ``latest`` in one go.

        Each step commits alone, so a crash resumes at the step it stopped in. The version is
        re-read under the write lock: two processes opening a new data folder at once both saw
        version 0 (the concurrent-use test hit "table collections already exists"). ``newer``
        writes the message for a file of a newer Pagefold, given the file's version.
        On any failure the file is closed, so a Pagefold that can read it is not locked out.
        """
        try:
            version = self.schema_version
            if version > latest:
                raise PagefoldError(newer(version))
            if version == 0 and create is not None:
                self._step(create, 0, latest)
                version = self.schema_version
            for step in range(version + 1, latest + 1):
                self._step(steps[step], step - 1, step)
        except BaseException:
            self.close()
            raise

    def _step(self, step: Step, before: int, after: int) -> None:
        with self.transaction() as db:
            if int(db.execute("PRAGMA user_version").fetchone()[0]) != before:
                return  # another process got there first
            _run(db, step)
            db.execute(f"PRAGMA user_version={after}")


def _run(db: sqlite3.Connection, step: Step) -> None:
    if callable(step):
        step(db)
        return
    for statement in step.split(";"):
        if statement.strip():
            db.execute(statement)
