"""The SQLite catalog: collections, documents, chunks, schema versioning."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.errors import AlreadyExistsError, NotFoundError, PagefoldError
from app.core.storage.catalog import SCHEMA_VERSION, Catalog, ChunkRecord, DocStatus


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    cat = Catalog(tmp_path / "catalog.sqlite3")
    yield cat
    cat.close()


def test_collections_create_rename_delete(catalog: Catalog) -> None:
    col = catalog.create_collection("  계약서   2024 ", "m", 256, 32)
    assert col.name == "계약서 2024"  # whitespace folded
    with pytest.raises(AlreadyExistsError):
        catalog.create_collection("계약서 2024", "m", 256, 32)
    catalog.create_collection("papers", "m", 256, 32)
    catalog.rename_collection(col.id, "contracts")
    assert [c.name for c in catalog.collections()] == ["contracts", "papers"]
    with pytest.raises(AlreadyExistsError):
        catalog.rename_collection(col.id, "papers")
    catalog.delete_collection(col.id)
    with pytest.raises(NotFoundError):
        catalog.collection("contracts")
    with pytest.raises(PagefoldError):
        catalog.create_collection("   ", "m", 256, 32)


def test_counts_only_indexed_documents(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    a = catalog.upsert_document(col.id, "/a.pdf", status=DocStatus.INDEXED, chunks=3)
    catalog.upsert_document(col.id, "/b.pdf", status=DocStatus.FAILED, error="broken")
    catalog.replace_chunks(a, [ChunkRecord(f"x{i}", a, i, 1, 0, 5, "hello") for i in range(3)])
    record = catalog.collection("c")
    assert (record.document_count, record.chunk_count) == (1, 3)
    assert catalog.indexed_chunk_ids(col.id) == {"x0", "x1", "x2"}


def test_korean_chunks_are_told_by_their_tokens(catalog: Catalog) -> None:
    """What hybrid search counts as Korean: a Hangul syllable in the passage's tokens, the
    same test as ``LexicalIndex.korean_share``; lone jamo and other scripts are not."""
    col = catalog.create_collection("c", "m", 256, 32)
    doc = catalog.upsert_document(col.id, "/a.pdf", status=DocStatus.INDEXED)
    tokens = ["라면 끓이 ctrl", "green tea", "ㅋㅋ", "東京 タワー", "GIMP 에서"]
    catalog.replace_chunks(
        doc, [ChunkRecord(f"x{i}", doc, i, 1, 0, 5, t, t) for i, t in enumerate(tokens)]
    )
    ids = [f"x{i}" for i in range(len(tokens))] + ["missing"]
    assert catalog.korean_chunks(ids) == {"x0", "x4"}
    assert catalog.korean_chunks([]) == set()


def test_deleting_a_collection_cascades(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    doc = catalog.upsert_document(col.id, "/a.pdf", status=DocStatus.INDEXED)
    catalog.replace_chunks(doc, [ChunkRecord("x", doc, 0, 1, 0, 5, "hello")])
    catalog.delete_collection(col.id)
    assert catalog.chunks_by_ids(["x"]) == {}


def test_transaction_rolls_back_on_error(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    with pytest.raises(RuntimeError), catalog.transaction():
        catalog.upsert_document(col.id, "/a.pdf", status=DocStatus.INDEXED)
        raise RuntimeError("crash in the middle")
    assert catalog.documents(col.id) == []


def test_page_text_is_reassembled_from_overlapping_chunks(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    doc = catalog.upsert_document(col.id, "/a.pdf")
    text = "첫 문장입니다. Second sentence here. 세 번째 문장."
    spans = [(0, 20), (9, 35), (28, len(text))]
    catalog.replace_chunks(
        doc, [ChunkRecord(f"k{i}", doc, i, 2, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    )
    assert catalog.page_text(doc, 2) == text
    assert catalog.page_text(doc, 3) == ""


def test_schema_version_and_newer_catalog_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    Catalog(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(PagefoldError, match="newer Pagefold"):
        Catalog(path)
