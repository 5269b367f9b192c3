"""The SQLite catalog: collections, their documents and their chunks.

The catalog is the source of truth; Chroma holds vectors keyed by the same chunk ids. SQLite runs
in WAL mode and every change of state is one transaction, so a kill at any point leaves either the
old or the new state. Chunk text and lexical tokens live here too, so the BM25 index can be rebuilt
without re-parsing files and the vector store can be checked against the catalog after a crash.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import AlreadyExistsError, NotFoundError, PagefoldError
from app.core.hangul import SYLLABLE_CLASS
from app.core.storage.failures import translate
from app.core.storage.sqlite import SQLiteStore

SCHEMA_VERSION = 2

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at REAL NOT NULL,
        embedding_model TEXT NOT NULL,
        embedding_dim INTEGER,
        chunk_tokens INTEGER NOT NULL,
        chunk_overlap INTEGER NOT NULL,
        adapter TEXT NOT NULL DEFAULT '',
        options TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE folders (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        include TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (collection_id, path)
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        mtime REAL NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0,
        chunks INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'pending',
        error TEXT NOT NULL DEFAULT '',
        added_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        UNIQUE (collection_id, path)
    );
    CREATE INDEX documents_hash ON documents(collection_id, content_hash);
    CREATE TABLE chunks (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        page INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        tokens TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX chunks_document ON chunks(document_id, ord);
    """,
    # 2: which pages were read by OCR (a citation says so); tags: a collection's labels and the
    # tags its documents carry, from zero-shot classification ('auto') or from the user.
    2: """
    ALTER TABLE documents ADD COLUMN ocr_pages TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE tags (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        ord INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (collection_id, name)
    );
    CREATE TABLE document_tags (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        score REAL NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'user')),
        PRIMARY KEY (document_id, tag)
    );
    CREATE INDEX document_tags_tag ON document_tags(tag, document_id);
    """,
}


class DocStatus:
    """Document states; ``indexing`` left behind by a crash is redone at the next open."""

    PENDING = "pending"
    INDEXING = "indexing"
    INDEXED = "indexed"
    FAILED = "failed"
    DUPLICATE = "duplicate"
    # never stored: how ``Library.documents`` shows an ``indexing`` row whose process is gone
    INTERRUPTED = "interrupted"


@dataclass
class CollectionRecord:
    id: int
    name: str
    created_at: float
    embedding_model: str
    embedding_dim: int | None
    chunk_tokens: int
    chunk_overlap: int
    adapter: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    document_count: int = 0
    chunk_count: int = 0


@dataclass
class DocumentRecord:
    id: int
    collection_id: int
    path: str
    kind: str
    title: str
    content_hash: str
    size: int
    mtime: float
    pages: int
    chunks: int
    status: str
    error: str
    added_at: float
    updated_at: float
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR


@dataclass
class TagRecord:
    """A document's tag; ``score`` is the classifier's calibrated score (1.0 for the user's)."""

    tag: str
    score: float
    source: str  # 'auto' (zero-shot classification) or 'user'


@dataclass
class ChunkRecord:
    id: str
    document_id: int
    ord: int
    page: int
    start: int
    end: int
    text: str
    tokens: str = ""


class Catalog(SQLiteStore):
    """Thread-safe access to ``catalog.sqlite3``; one connection guarded by a lock."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._migrate(_MIGRATIONS, SCHEMA_VERSION, self._newer)

    def _newer(self, version: int) -> str:
        return (
            f"The catalog at {self.path} was written by a newer Pagefold "
            f"(schema {version}); this version understands up to {SCHEMA_VERSION}."
        )

    def _guard(self) -> AbstractContextManager[None]:
        return translated()

    def integrity_ok(self) -> bool:
        return bool(self._query("PRAGMA integrity_check")[0][0] == "ok")

    # -- collections ------------------------------------------------------------------------

    def create_collection(
        self, name: str, embedding_model: str, chunk_tokens: int, chunk_overlap: int
    ) -> CollectionRecord:
        name = _clean_name(name)
        try:
            with self.transaction() as db:
                db.execute(
                    "INSERT INTO collections (name, created_at, embedding_model, chunk_tokens,"
                    " chunk_overlap) VALUES (?, ?, ?, ?, ?)",
                    (name, time.time(), embedding_model, chunk_tokens, chunk_overlap),
                )
        except sqlite3.IntegrityError as exc:
            raise AlreadyExistsError(f'A collection named "{name}" already exists.') from exc
        return self.collection(name)

    def collections(self) -> list[CollectionRecord]:
        rows = self._query(
            "SELECT c.*, (SELECT COUNT(*) FROM documents d WHERE d.collection_id = c.id"
            " AND d.status = 'indexed') AS document_count,"
            " (SELECT COALESCE(SUM(d.chunks), 0) FROM documents d WHERE d.collection_id = c.id"
            " AND d.status = 'indexed') AS chunk_count FROM collections c ORDER BY c.name"
        )
        return [_collection(r) for r in rows]

    def collection(self, name_or_id: str | int) -> CollectionRecord:
        for record in self.collections():
            if name_or_id in (record.name, record.id):
                return record
        raise NotFoundError(f'No collection named "{name_or_id}".')

    def find_collection(self, name: str) -> CollectionRecord | None:
        try:
            return self.collection(name)
        except NotFoundError:
            return None

    def rename_collection(self, collection_id: int, new_name: str) -> None:
        new_name = _clean_name(new_name)
        try:
            with self.transaction() as db:
                db.execute("UPDATE collections SET name=? WHERE id=?", (new_name, collection_id))
        except sqlite3.IntegrityError as exc:
            raise AlreadyExistsError(f'A collection named "{new_name}" already exists.') from exc

    def delete_collection(self, collection_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM collections WHERE id=?", (collection_id,))

    def set_embedding(self, collection_id: int, model: str, dim: int) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE collections SET embedding_model=?, embedding_dim=? WHERE id=?",
                (model, dim, collection_id),
            )

    def update_collection(self, collection_id: int, **values: Any) -> None:
        """Change chunking, adapter or options of a collection."""
        allowed = {"chunk_tokens", "chunk_overlap", "adapter", "options"}
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        if "options" in values:
            values["options"] = json.dumps(values["options"], ensure_ascii=False)
        sets = ", ".join(f"{key}=?" for key in values)
        with self.transaction() as db:
            db.execute(
                f"UPDATE collections SET {sets} WHERE id=?", (*values.values(), collection_id)
            )

    # -- followed folders -------------------------------------------------------------------

    def add_folder(self, collection_id: int, path: str, include: list[str]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO folders (collection_id, path, include) VALUES (?, ?, ?)",
                (collection_id, path, json.dumps(include)),
            )

    def folders(self, collection_id: int) -> list[tuple[str, list[str]]]:
        rows = self._query(
            "SELECT path, include FROM folders WHERE collection_id=? ORDER BY path",
            (collection_id,),
        )
        return [(r["path"], json.loads(r["include"])) for r in rows]

    # -- documents --------------------------------------------------------------------------

    def documents(self, collection_id: int, status: str | None = None) -> list[DocumentRecord]:
        sql = "SELECT * FROM documents WHERE collection_id=?"
        params: list[Any] = [collection_id]
        if status:
            sql += " AND status=?"
            params.append(status)
        return [_document(r) for r in self._query(sql + " ORDER BY path", params)]

    def document(self, document_id: int) -> DocumentRecord:
        rows = self._query("SELECT * FROM documents WHERE id=?", (document_id,))
        if not rows:
            raise NotFoundError(f"No document with id {document_id}.")
        return _document(rows[0])

    def document_by_path(self, collection_id: int, path: str) -> DocumentRecord | None:
        rows = self._query(
            "SELECT * FROM documents WHERE collection_id=? AND path=?", (collection_id, path)
        )
        return _document(rows[0]) if rows else None

    def indexed_with_hash(
        self, collection_id: int, content_hash: str, other_than: str
    ) -> DocumentRecord | None:
        rows = self._query(
            "SELECT * FROM documents WHERE collection_id=? AND content_hash=? AND path<>?"
            " AND status='indexed' LIMIT 1",
            (collection_id, content_hash, other_than),
        )
        return _document(rows[0]) if rows else None

    def upsert_document(self, collection_id: int, path: str, **values: Any) -> int:
        """Insert or update the row for ``path``; returns its id."""
        now = time.time()
        with self.transaction() as db:
            row = db.execute(
                "SELECT id FROM documents WHERE collection_id=? AND path=?", (collection_id, path)
            ).fetchone()
            if row is None:
                cur = db.execute(
                    "INSERT INTO documents (collection_id, path, added_at, updated_at)"
                    " VALUES (?, ?, ?, ?)",
                    (collection_id, path, now, now),
                )
                doc_id = int(cur.lastrowid or 0)
            else:
                doc_id = int(row["id"])
            if "ocr_pages" in values:
                values["ocr_pages"] = json.dumps(sorted(set(values["ocr_pages"])))
            if values:
                sets = ", ".join(f"{key}=?" for key in values)
                db.execute(
                    f"UPDATE documents SET {sets}, updated_at=? WHERE id=?",
                    (*values.values(), now, doc_id),
                )
        return doc_id

    def set_status(self, document_id: int, status: str, error: str = "") -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET status=?, error=?, updated_at=? WHERE id=?",
                (status, error, time.time(), document_id),
            )

    def delete_document(self, document_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE id=?", (document_id,))

    def documents_in_state(self, status: str) -> list[DocumentRecord]:
        return [
            _document(r) for r in self._query("SELECT * FROM documents WHERE status=?", (status,))
        ]

    # -- chunks -----------------------------------------------------------------------------

    def replace_chunks(self, document_id: int, chunks: Iterable[ChunkRecord]) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM chunks WHERE document_id=?", (document_id,))
            db.executemany(
                "INSERT INTO chunks (id, document_id, ord, page, start, end, text, tokens)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, document_id, c.ord, c.page, c.start, c.end, c.text, c.tokens)
                    for c in chunks
                ],
            )

    def chunk_ids(self, document_id: int) -> list[str]:
        rows = self._query("SELECT id FROM chunks WHERE document_id=? ORDER BY ord", (document_id,))
        return [r["id"] for r in rows]

    def chunks(self, document_id: int) -> list[ChunkRecord]:
        rows = self._query("SELECT * FROM chunks WHERE document_id=? ORDER BY ord", (document_id,))
        return [_chunk(r) for r in rows]

    def chunks_by_ids(self, ids: Sequence[str]) -> dict[str, ChunkRecord]:
        found: dict[str, ChunkRecord] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self._query(f"SELECT * FROM chunks WHERE id IN ({marks})", part):
                found[row["id"]] = _chunk(row)
        return found

    def indexed_tokens(self, collection_id: int) -> list[tuple[str, str]]:
        """(chunk id, tokens) of every indexed chunk: what the BM25 index is built from."""
        rows = self._query(
            "SELECT c.id, c.tokens FROM chunks c JOIN documents d ON d.id = c.document_id"
            " WHERE d.collection_id=? AND d.status='indexed' ORDER BY c.rowid",
            (collection_id,),
        )
        return [(r[0], r[1]) for r in rows]

    def korean_chunks(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` whose tokens hold a Hangul syllable (what ``LexicalIndex.
        korean_share`` counts), tested by SQLite so no passage text reaches Python."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._query(
                f"SELECT id FROM chunks WHERE id IN ({marks}) AND tokens GLOB ?",
                (*part, f"*[{SYLLABLE_CLASS}]*"),  # SQLite's GLOB takes the regex's range
            )
            found.update(r[0] for r in rows)
        return found

    def indexed_chunk_ids(self, collection_id: int) -> set[str]:
        rows = self._query(
            "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id"
            " WHERE d.collection_id=? AND d.status='indexed'",
            (collection_id,),
        )
        return {r[0] for r in rows}

    def page_text(self, document_id: int, page: int) -> str:
        """Reassemble a page's text from its chunks (used for snippets and text views)."""
        rows = self._query(
            "SELECT start, end, text FROM chunks WHERE document_id=? AND page=? ORDER BY start",
            (document_id, page),
        )
        out = ""
        for row in rows:
            if row["end"] > len(out):
                out = out[: row["start"]].ljust(row["start"]) + row["text"]
        return out

    # -- tags -------------------------------------------------------------------------------

    def set_labels(self, collection_id: int, labels: Sequence[str]) -> list[str]:
        """Replace the labels documents are classified into; returns them cleaned, in order.

        Automatic tags of labels that are gone are dropped with them; the user's own tags stay.
        """
        cleaned = list(dict.fromkeys(_clean_tag(label) for label in labels))
        with self.transaction() as db:
            db.execute("DELETE FROM tags WHERE collection_id=?", (collection_id,))
            db.executemany(
                "INSERT INTO tags (collection_id, name, ord) VALUES (?, ?, ?)",
                [(collection_id, name, i) for i, name in enumerate(cleaned)],
            )
            db.execute(
                "DELETE FROM document_tags WHERE source='auto' AND document_id IN"
                " (SELECT id FROM documents WHERE collection_id=?) AND tag NOT IN"
                " (SELECT name FROM tags WHERE collection_id=?)",
                (collection_id, collection_id),
            )
        return cleaned

    def labels(self, collection_id: int) -> list[str]:
        rows = self._query(
            "SELECT name FROM tags WHERE collection_id=? ORDER BY ord, name", (collection_id,)
        )
        return [r["name"] for r in rows]

    def set_document_tags(
        self, document_id: int, tags: Iterable[tuple[str, float]], source: str = "auto"
    ) -> None:
        """Replace a document's tags from ``source``; a user's tag wins over an automatic one."""
        if source not in ("auto", "user"):
            raise ValueError(f"unknown tag source {source!r}")
        verb = "INSERT OR REPLACE" if source == "user" else "INSERT OR IGNORE"
        rows = [(document_id, _clean_tag(tag), float(score), source) for tag, score in tags]
        with self.transaction() as db:
            db.execute(
                "DELETE FROM document_tags WHERE document_id=? AND source=?", (document_id, source)
            )
            db.executemany(
                f"{verb} INTO document_tags (document_id, tag, score, source) VALUES (?, ?, ?, ?)",
                rows,
            )

    def document_tags(self, document_id: int) -> list[TagRecord]:
        rows = self._query(
            "SELECT tag, score, source FROM document_tags WHERE document_id=?"
            " ORDER BY score DESC, tag",
            (document_id,),
        )
        return [TagRecord(r["tag"], r["score"], r["source"]) for r in rows]

    def collection_tags(self, collection_id: int) -> dict[int, list[TagRecord]]:
        """Every tagged document of a collection with its tags (one query, for listings)."""
        rows = self._query(
            "SELECT t.document_id, t.tag, t.score, t.source FROM document_tags t"
            " JOIN documents d ON d.id = t.document_id WHERE d.collection_id=?"
            " ORDER BY t.document_id, t.score DESC, t.tag",
            (collection_id,),
        )
        found: dict[int, list[TagRecord]] = {}
        for r in rows:
            found.setdefault(r[0], []).append(TagRecord(r["tag"], r["score"], r["source"]))
        return found

    def tag_names(self, collection_id: int) -> list[str]:
        """The labels plus any other tag a document of the collection carries."""
        rows = self._query(
            "SELECT DISTINCT t.tag FROM document_tags t JOIN documents d ON d.id = t.document_id"
            " WHERE d.collection_id=? ORDER BY t.tag",
            (collection_id,),
        )
        labels = self.labels(collection_id)
        return labels + [r[0] for r in rows if r[0] not in labels]

    def documents_with_tag(self, collection_id: int, tag: str) -> list[int]:
        rows = self._query(
            "SELECT d.id FROM documents d JOIN document_tags t ON t.document_id = d.id"
            " WHERE d.collection_id=? AND t.tag=? ORDER BY d.id",
            (collection_id, " ".join(tag.split())),
        )
        return [r[0] for r in rows]


@contextmanager
def translated() -> Iterator[None]:
    """SQLite failures (full disk, damage, lock, permission) as messages with advice."""
    try:
        yield
    except sqlite3.Error as exc:
        error = translate(exc, "catalog (catalog.sqlite3)")
        if error is None:
            raise
        raise error from exc


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise PagefoldError("A collection needs a name.")
    if len(name) > 200:
        raise PagefoldError("A collection name can be at most 200 characters long.")
    return name


def _collection(row: sqlite3.Row) -> CollectionRecord:
    data = dict(row)
    data["options"] = json.loads(data.get("options") or "{}")
    return CollectionRecord(**data)


def _document(row: sqlite3.Row) -> DocumentRecord:
    data = dict(row)
    data["ocr_pages"] = json.loads(data.get("ocr_pages") or "[]")
    return DocumentRecord(**data)


def _clean_tag(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise PagefoldError("A tag needs a name.")
    if len(name) > 100:
        raise PagefoldError(f'The tag "{name[:20]}…" is too long (at most 100 characters).')
    return name


def _chunk(row: sqlite3.Row) -> ChunkRecord:
    return ChunkRecord(**dict(row))
