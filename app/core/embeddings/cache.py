"""A content-hash vector cache: identical passage texts are embedded once, ever.

Why: a 15 MB file of one repeated word became some 26,000 identical passages, each embedded
separately, for about 45 minutes (issue 19). Vectors are kept in ``<data>/vector_cache.sqlite3``
keyed by the embedding model and the SHA-256 of the exact text the model saw, so a repeated
passage, a file copied into a second collection and a re-ingest after a crash or a deleted
``chroma/`` all reuse what was computed. A cache that cannot be read or written never stops
indexing: the texts are simply embedded.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from array import array
from pathlib import Path

from app.core.embeddings.base import Embedder
from app.core.storage.sqlite import SQLiteStore

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    digest BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, digest)
) WITHOUT ROWID
"""
_LOOKUP_BATCH = 500  # under SQLite's 999 host parameters


class VectorCache(SQLiteStore):
    """Float32 vectors by (model, SHA-256 of the text); safe to share between threads."""

    FOREIGN_KEYS = False

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._db.execute(_SCHEMA)

    def get(self, model: str, digests: list[bytes]) -> dict[bytes, list[float]]:
        found: dict[bytes, list[float]] = {}
        with self._lock:
            for i in range(0, len(digests), _LOOKUP_BATCH):
                part = digests[i : i + _LOOKUP_BATCH]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT digest, vector FROM vectors WHERE model=? AND digest IN ({marks})",
                    [model, *part],
                )
                for digest, blob in rows:
                    found[bytes(digest)] = array("f", blob).tolist()
        return found

    def put(self, model: str, vectors: dict[bytes, list[float]]) -> None:
        rows = [(model, d, array("f", v).tobytes()) for d, v in vectors.items()]
        with self._lock:
            self._db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)", rows)

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM vectors").fetchone()[0])


def text_digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class CachedEmbedder(Embedder):
    """An embedder that asks the cache first and embeds each distinct missing text once."""

    def __init__(self, inner: Embedder, cache: VectorCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.dimension = inner.dimension
        self.languages = inner.languages
        self.parallel_calls = int(getattr(inner, "parallel_calls", 1))
        self.embedded = 0  # texts the model really embedded (for tests and benchmarks)
        self._key = f"{inner.name}:{inner.dimension}"

    def reads(self, text: str) -> bool:
        return self.inner.reads(text)

    def legible(self, text: str) -> str:
        return self.inner.legible(text)

    def token_lengths(self, texts: list[str]) -> list[int]:
        return self.inner.token_lengths(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_queries(texts)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        digests = [text_digest(t) for t in texts]
        known = self._lookup(digests)
        missing: dict[bytes, str] = {}
        for digest, text in zip(digests, texts, strict=True):
            if digest not in known:
                missing.setdefault(digest, text)
        if missing:
            fresh = self.inner.embed_documents(list(missing.values()))
            computed = dict(zip(missing, fresh, strict=True))
            self.embedded += len(computed)
            self._store(computed)
            known.update(computed)
        return [known[d] for d in digests]

    def _lookup(self, digests: list[bytes]) -> dict[bytes, list[float]]:
        try:
            return self.cache.get(self._key, digests)
        except sqlite3.Error:
            log.warning("vector cache unreadable; embedding instead", exc_info=True)
            return {}

    def _store(self, vectors: dict[bytes, list[float]]) -> None:
        try:
            self.cache.put(self._key, vectors)
        except sqlite3.Error:
            log.warning("vector cache not written; indexing goes on", exc_info=True)
