"""Nearest-neighbour reads from the embedded Chroma store without Chroma's Python client.

Why: ``chromadb.PersistentClient`` imports Chroma's whole Python API (its telemetry,
authentication and configuration layers) before the first query: 2.7 s of each
``pagefold search`` on an idle 2-core machine, 4.5 s on a loaded one. The client itself is a
thin layer over ``chromadb_rust_bindings``; opening those bindings directly and querying
costs 0.06 s + 0.1 s (plus 0.26 s to import them) on the same loaded machine. Only reads go
this way: every write still goes through the full client, which owns migrations.

The reader opens the store with migrations in "validate" mode, so it never changes the files;
a store that needs migrating (a newer Chroma wrote it, or none has) is left to the full client.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TENANT = "default_tenant"
DATABASE = "default_database"
_FILE_HANDLES_PER_INDEX = 5  # Chroma keeps 4 data files and 1 metadata file open per index


class ChromaReader:
    """Queries and counts over one persistent Chroma folder; reopened when its files change,
    so a resident process sees vectors another process (the window, an ingest) added."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._bindings: Any = None
        self._stamp: tuple[float, ...] = ()
        self._ids: dict[str, str] = {}
        self._breadth: dict[str, int] = {}

    def available(self) -> bool:
        """Whether the bindings import and the store exists (else use the full client)."""
        try:
            import chromadb_rust_bindings  # noqa: F401
        except ImportError:
            return False
        return (self.path / "chroma.sqlite3").is_file()

    def count(self, name: str) -> int:
        bindings, collection_id = self._open(name)
        return int(bindings.count(collection_id, TENANT, DATABASE))

    def query(
        self, name: str, vector: Sequence[float], k: int, where: dict[str, Any] | None
    ) -> tuple[list[str], list[float]]:
        """Ids and cosine distances of the ``k`` nearest vectors, nearest first."""
        import numpy as np

        bindings, collection_id = self._open(name)
        found = bindings.query(
            collection_id,
            None,
            [np.asarray(vector, dtype=np.float32)],
            k,
            json.dumps(where) if where else None,
            None,
            ["distances"],
            TENANT,
            DATABASE,
        )
        return list(found.ids[0]), [float(d) for d in found.distances[0]]

    def search_breadth(self, name: str) -> int | None:
        """The collection's stored HNSW ``ef_search``; None where its configuration has none."""
        self._open(name)
        return self._breadth.get(name)

    def _open(self, name: str) -> tuple[Any, str]:
        with self._lock:
            stamp = self._files_stamp()
            if self._bindings is None or stamp != self._stamp:
                self._bindings, self._stamp, self._ids = _bindings(self.path), stamp, {}
                self._breadth = {}
            if name not in self._ids:
                found = self._bindings.get_collection(name, TENANT, DATABASE)
                self._ids[name] = str(found.id)
                hnsw = (getattr(found, "configuration", None) or {}).get("hnsw") or {}
                if isinstance(hnsw.get("ef_search"), int):
                    self._breadth[name] = hnsw["ef_search"]
            return self._bindings, self._ids[name]

    def _files_stamp(self) -> tuple[float, ...]:
        """Modification times of the SQLite file and its write-ahead log."""
        stamps = []
        for suffix in ("", "-wal"):
            try:
                stamps.append((self.path / f"chroma.sqlite3{suffix}").stat().st_mtime)
            except OSError:
                stamps.append(0.0)
        return tuple(stamps)


def _bindings(path: Path) -> Any:
    import chromadb_rust_bindings as rust

    sqlite = rust.SqliteDBConfig(
        hash_type=rust.MigrationHash.MD5,
        migration_mode=rust.MigrationMode.Validate,
        url=str(path / "chroma.sqlite3"),
    )
    return rust.Bindings(
        allow_reset=False,
        sqlite_db_config=sqlite,
        persist_path=str(path),
        hnsw_cache_size=_hnsw_cache_size(),
    )


def _hnsw_cache_size() -> int:
    """As Chroma's client sizes it: as many indexes as the process may keep files open for."""
    try:
        import resource

        return max(1, resource.getrlimit(resource.RLIMIT_NOFILE)[0] // _FILE_HANDLES_PER_INDEX)
    except (ImportError, ValueError, OSError):  # pragma: no cover - Windows
        return 100
