"""Check and repair one collection: catalog, vectors and BM25 must agree, SQLite must be whole.

``check`` compares the three views of a collection (the catalog's indexed passages, Chroma's
vectors, the saved BM25 index) and runs SQLite's ``integrity_check`` on the catalog and on
Chroma's own database. ``repair`` fixes what check finds, doing the least work that restores
agreement: vectors that are missing are re-embedded for those passages only (the file is parsed
again to get the exact text that was embedded, which is cheap next to embedding); vectors of no
passage are deleted; the BM25 index is rebuilt from the catalog. A catalog SQLite cannot read is
rebuilt by ``rebuild_catalog``: what can still be read is kept, and every document goes back to
pending so the next refresh re-indexes it from the file on disk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError
from app.core.storage.catalog import Catalog, DocStatus, DocumentRecord
from app.core.storage.failures import StoreError
from app.core.storage.layout import DataLayout

if TYPE_CHECKING:
    from app.core.library import Library

REBUILT_NOTE = "catalog rebuilt after damage; the next refresh re-indexes it"


@dataclass
class Health:
    """What ``check`` found in one collection; ``ok`` when nothing needs a repair."""

    collection: str
    catalog_problems: list[str] = field(default_factory=list)
    chroma_problems: list[str] = field(default_factory=list)
    indexed_passages: int = 0
    vectors: int = 0
    missing: dict[int, list[str]] = field(default_factory=dict)  # document id -> chunk ids
    orphans: list[str] = field(default_factory=list)
    vectors_unreadable: str = ""
    lexical: str = "ok"
    interrupted: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.catalog_problems
            or self.chroma_problems
            or self.missing
            or self.orphans
            or self.vectors_unreadable
            or self.lexical.startswith("damaged")
            or self.interrupted
        )

    def lines(self) -> list[str]:
        missing = sum(len(ids) for ids in self.missing.values())
        out = [
            f'Collection "{self.collection}": {self.indexed_passages} indexed passages, '
            f"{self.vectors} vectors.",
            f"  catalog (SQLite): {_problems(self.catalog_problems)}",
            f"  vector store (SQLite): {_problems(self.chroma_problems)}",
            "  vectors: "
            + (self.vectors_unreadable or _vectors(missing, self.missing, self.orphans)),
            f"  keyword index (BM25): {self.lexical}",
        ]
        if self.interrupted:
            out.append(f"  interrupted documents: {self.interrupted} (redone by a refresh)")
        if self.ok:
            out.append("Everything agrees: nothing to repair.")
        else:
            out.append(f'Run `pagefold collections repair "{self.collection}"` to fix this.')
        return out


def _problems(found: list[str]) -> str:
    return "ok" if not found else "DAMAGED: " + "; ".join(found[:3])


def _vectors(missing: int, docs: dict[int, list[str]], orphans: list[str]) -> str:
    if not missing and not orphans:
        return "ok (every indexed passage has its vector)"
    return (
        f"{missing} passages of {len(docs)} documents have no vector; "
        f"{len(orphans)} vectors belong to no passage"
    )


def sqlite_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check``'s complaints (first 5); an unopenable file is one too."""
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = db.execute("PRAGMA integrity_check(5)").fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def check(library: Library, name: str) -> Health:
    """Compare catalog, vectors and BM25 for ``name``; read-only."""
    col = library.collection(name)
    health = Health(col.name)
    health.catalog_problems = sqlite_problems(library.layout.catalog_db)
    health.chroma_problems = sqlite_problems(library.layout.chroma_dir / "chroma.sqlite3")
    passages = _indexed_passages(library.catalog, col.id)
    health.indexed_passages = len(passages)
    try:
        vector_ids = library.vectors_for(col).ids(col.id)
    except StoreError as exc:
        health.vectors_unreadable = f"UNREADABLE: {exc}"
        vector_ids = set()
    health.vectors = len(vector_ids)
    if not health.vectors_unreadable:
        for chunk_id, doc_id in passages.items():
            if chunk_id not in vector_ids:
                health.missing.setdefault(doc_id, []).append(chunk_id)
        health.orphans = sorted(vector_ids - passages.keys() - _in_progress(library, col.id))
    health.lexical = _lexical_state(library, col.id, set(passages))
    health.interrupted = sum(
        1 for d in library.documents(col.name) if d.status == DocStatus.INTERRUPTED
    )
    return health


def _indexed_passages(catalog: Catalog, collection_id: int) -> dict[str, int]:
    """Chunk id -> document id of every indexed passage."""
    return {
        chunk_id: doc.id
        for doc in catalog.documents(collection_id, status=DocStatus.INDEXED)
        for chunk_id in catalog.chunk_ids(doc.id)
    }


def _in_progress(library: Library, collection_id: int) -> set[str]:
    """Chunks of documents another live process is indexing: their vectors are not orphans."""
    docs = library.catalog.documents(collection_id, status=DocStatus.INDEXING)
    return {cid for doc in docs for cid in library.catalog.chunk_ids(doc.id)}


def _lexical_state(library: Library, collection_id: int, passages: set[str]) -> str:
    from app.core.retrieval.lexical import LexicalIndex, catalog_stamp

    saved = LexicalIndex.load(library.layout.lexical_index(collection_id))
    if saved is None:
        return "not saved yet (built at the next search)"
    if saved.stamp != catalog_stamp(library.catalog, collection_id):
        return "out of date (rebuilt at the next search)"
    if set(saved.chunk_ids) != passages:
        return "damaged: it does not list the catalog's passages"
    return "ok"


# -- repair -----------------------------------------------------------------------------------


@dataclass
class Repair:
    collection: str
    recovered: dict[str, int] = field(default_factory=dict)
    reembedded: int = 0
    reindexed: list[str] = field(default_factory=list)  # changed on disk: indexed afresh
    removed: list[str] = field(default_factory=list)  # gone from disk
    orphans_deleted: int = 0
    lexical_rebuilt: bool = False

    def lines(self) -> list[str]:
        return [
            f'Repaired "{self.collection}": {self.reembedded} passages re-embedded, '
            f"{len(self.reindexed)} changed documents re-indexed, "
            f"{len(self.removed)} documents gone from disk removed, "
            f"{self.orphans_deleted} stray vectors deleted"
            + (", keyword index rebuilt." if self.lexical_rebuilt else "."),
        ]


def repair(library: Library, name: str) -> Repair:
    """Make ``name``'s catalog, vectors and BM25 agree again, re-embedding only what is
    missing. Holds the collection's lease, so it waits for or refuses a live ingest."""
    col = library.collection(name)
    result = Repair(col.name)
    with library.write_lane(col.id):
        result.recovered = {k: v for k, v in library.recover().items() if v}
        health = check(library, col.name)
        if health.vectors_unreadable:  # Chroma cannot read the collection: start it afresh
            library.vectors_for(col).drop(col.id)
            health = check(library, col.name)
        store = library.vectors_for(col)
        store.delete_ids(col.id, health.orphans)
        result.orphans_deleted = len(health.orphans)
        redo: list[Path] = []
        for doc_id, chunk_ids in health.missing.items():
            doc = library.catalog.document(doc_id)
            if not _reembed(library, doc, set(chunk_ids), result):
                redo.append(Path(doc.path))
        if redo:
            _reindex(library, col.name, redo, result)
        library.drop_lexical(col.id)
        library.prepare_search(col.name)
        result.lexical_rebuilt = True
    return result


def _reembed(library: Library, doc: DocumentRecord, wanted: set[str], result: Repair) -> bool:
    """Embed just ``wanted`` passages of ``doc`` from its unchanged file; False when the file
    changed or is gone (then it is re-indexed or removed instead)."""
    from app.core.indexing.pipeline import EMBED_BATCH, file_hash, parse_file

    path = Path(doc.path)
    try:
        if file_hash(path) != doc.content_hash:
            return False
    except OSError:
        return False
    col = library.collection(doc.collection_id)
    parsed = parse_file(path, col.chunk_tokens, col.chunk_overlap, None)
    records = {r.ord: r for r in library.catalog.chunks(doc.id) if r.id in wanted}
    spans = [
        (c, text)
        for c, text in zip(parsed.chunks, parsed.embed_texts, strict=True)
        if c.index in records
    ]
    if len(spans) != len(records):  # parsed differently now (a newer parser): index afresh
        return False
    embedder = library.embedder_for(col)
    store = library.vectors_for(col)
    for start in range(0, len(spans), EMBED_BATCH):
        batch = [c for c, _ in spans[start : start + EMBED_BATCH]]
        texts = [text for _, text in spans[start : start + EMBED_BATCH]]
        vectors = embedder.embed_documents(texts)  # what ingest embedded, title included
        rows = [records[c.index] for c in batch]
        meta: list[dict[str, Any]] = [
            {"document_id": doc.id, "page": r.page, "ord": r.ord} for r in rows
        ]
        store.upsert(col.id, [r.id for r in rows], vectors, meta)
        result.reembedded += len(rows)
    return True


def _reindex(library: Library, name: str, paths: list[Path], result: Repair) -> None:
    col = library.collection(name)
    present = [p for p in paths if p.exists()]
    for path in paths:
        doc = library.catalog.document_by_path(col.id, str(path))
        if doc is None:
            continue
        if path.exists():
            library.catalog.upsert_document(col.id, str(path), mtime=-1.0, content_hash="")
        else:
            library.remove_document(name, doc.id)
            result.removed.append(str(path))
    if present:
        library.ingest(name, present, follow_folders=False)
        result.reindexed.extend(str(p) for p in present)


# -- a catalog SQLite cannot read ---------------------------------------------------------


_TABLES = ("collections", "folders", "documents", "tags", "document_tags")


@dataclass
class CatalogRebuild:
    kept: dict[str, int]  # table -> rows read back
    damaged_copy: Path

    def lines(self) -> list[str]:
        counts = ", ".join(f"{n} {t}" for t, n in self.kept.items())
        return [
            f"The catalog was damaged and has been rebuilt ({counts} read back).",
            f"The damaged file is kept as {self.damaged_copy.name}.",
        ]


def catalog_damaged(layout: DataLayout) -> bool:
    return bool(sqlite_problems(layout.catalog_db))


def rebuild_catalog(layout: DataLayout) -> CatalogRebuild:
    """Read back every row SQLite still can, write them to a fresh catalog, swap it in.

    Passages are not read back: every document goes back to pending with its size and mtime
    forgotten, so the next refresh re-indexes it from the file (vectors of unchanged content
    keep their ids, so Chroma is overwritten, not duplicated). Only for a folder no other
    Pagefold process is using.
    """
    damaged = layout.catalog_db
    rows = _salvage(damaged)
    if not rows["collections"]:
        _write_back(Catalog.__new__(Catalog), rows)  # raises the message
    fresh = damaged.with_name(damaged.name + ".rebuilding")
    for leftover in (fresh, *_sidecars(fresh)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    catalog = Catalog(fresh)
    try:
        _write_back(catalog, rows)
    finally:
        catalog.close()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    copy = damaged.with_name(f"{damaged.name}.damaged-{stamp}")
    for path in (damaged, *_sidecars(damaged)):
        if path.exists():  # catalog.sqlite3-wal -> catalog.sqlite3.damaged-<stamp>-wal
            shutil.move(str(path), str(copy) + path.name[len(damaged.name) :])
    os.replace(fresh, damaged)
    return CatalogRebuild({t: len(r) for t, r in rows.items()}, copy)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _salvage(path: Path) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in _TABLES}
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return rows
    db.row_factory = sqlite3.Row
    try:
        for table in _TABLES:
            rows[table] = _read_table(db, table)
    finally:
        db.close()
    return rows


def _read_table(db: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """The whole table, or row by row around damaged pages."""
    try:
        return [dict(r) for r in db.execute(f"SELECT rowid AS _rowid, * FROM {table}")]
    except sqlite3.Error:
        pass
    try:
        top = int(db.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0)
    except sqlite3.Error:
        top = 100_000
    found: list[dict[str, Any]] = []
    for rowid in range(1, min(top, 1_000_000) + 1):
        with contextlib.suppress(sqlite3.Error):
            row = db.execute(f"SELECT rowid AS _rowid, * FROM {table} WHERE rowid=?", (rowid,))
            found.extend(dict(r) for r in row)
    return found


def _write_back(catalog: Catalog, rows: dict[str, list[dict[str, Any]]]) -> None:
    collections = {int(r["id"]) for r in rows["collections"]}
    if not collections:
        raise PagefoldError(
            "The catalog is too damaged to read any collection back. Create your collections "
            "again and add your folders: the files themselves are untouched."
        )
    with catalog.transaction() as db:
        for table in _TABLES:
            for row in rows[table]:
                row.pop("_rowid", None)
                if table == "documents":
                    if int(row["collection_id"]) not in collections:
                        continue
                    row.update(
                        status=DocStatus.PENDING,
                        error=REBUILT_NOTE,
                        mtime=-1.0,
                        content_hash="",
                        chunks=0,
                    )
                if table in ("folders", "tags") and int(row["collection_id"]) not in collections:
                    continue
                marks = ",".join("?" * len(row))
                with contextlib.suppress(sqlite3.IntegrityError):
                    db.execute(
                        f"INSERT INTO {table} ({','.join(row)}) VALUES ({marks})",
                        tuple(row.values()),
                    )
