"""Catalog schema 2: a v1 catalog migrates forward with its data; labels, document tags and
OCR'd pages are stored and survive what users do (re-labelling, their own tags, deletions)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.errors import PagefoldError
from app.core.storage import catalog as catalog_module
from app.core.storage.catalog import Catalog, ChunkRecord, DocStatus, TagRecord


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    cat = Catalog(tmp_path / "catalog.sqlite3")
    yield cat
    cat.close()


def write_v1_catalog(path: Path) -> None:
    """A catalog file exactly as Pagefold with schema 1 left it, holding one document."""
    db = sqlite3.connect(path)
    db.executescript(catalog_module._MIGRATIONS[1])
    now = time.time()
    db.execute(
        "INSERT INTO collections (id, name, created_at, embedding_model, embedding_dim,"
        " chunk_tokens, chunk_overlap) VALUES (1, '계약서 2024', ?, 'm', 384, 256, 32)",
        (now,),
    )
    db.execute(
        "INSERT INTO documents (id, collection_id, path, kind, title, status, pages, chunks,"
        " added_at, updated_at) VALUES (7, 1, '/docs/lease.pdf', 'pdf', 'lease', 'indexed', 2, 1,"
        " ?, ?)",
        (now, now),
    )
    db.execute(
        "INSERT INTO chunks (id, document_id, ord, page, start, end, text, tokens)"
        " VALUES ('c1', 7, 0, 2, 0, 11, 'rent is due', 'rent due')"
    )
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()


def test_a_v1_catalog_migrates_forward_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    write_v1_catalog(path)
    cat = Catalog(path)
    try:
        assert cat.schema_version == catalog_module.SCHEMA_VERSION == 2
        col = cat.collection("계약서 2024")
        assert (col.document_count, col.chunk_count, col.embedding_dim) == (1, 1, 384)
        doc = cat.document(7)
        assert (doc.path, doc.status, doc.pages, doc.ocr_pages) == (
            "/docs/lease.pdf",
            "indexed",
            2,
            [],
        )
        assert cat.chunks(7)[0].text == "rent is due"
        assert cat.labels(col.id) == []
        cat.set_labels(col.id, ["계약서"])
        cat.set_document_tags(7, [("계약서", 3.1)])
        assert cat.documents_with_tag(col.id, "계약서") == [7]
        assert cat.integrity_ok()
    finally:
        cat.close()
    reopened = Catalog(path)  # migrating twice must not happen
    assert reopened.document_tags(7) == [TagRecord("계약서", 3.1, "auto")]
    reopened.close()


def test_ocr_pages_are_stored_per_document(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    doc = catalog.upsert_document(col.id, "/scan.pdf", status=DocStatus.INDEXED, ocr_pages=[3, 1])
    assert catalog.document(doc).ocr_pages == [1, 3]
    catalog.upsert_document(col.id, "/scan.pdf", ocr_pages=[])
    assert catalog.document(doc).ocr_pages == []


def test_labels_are_cleaned_kept_in_order_and_replaced(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    assert catalog.set_labels(col.id, [" 보고서 ", "research   paper", "보고서", "계약서"]) == [
        "보고서",
        "research paper",
        "계약서",
    ]
    assert catalog.labels(col.id) == ["보고서", "research paper", "계약서"]
    with pytest.raises(PagefoldError):
        catalog.set_labels(col.id, ["   "])
    assert catalog.labels(col.id) == ["보고서", "research paper", "계약서"]  # nothing half-done
    catalog.set_labels(col.id, [])
    assert catalog.labels(col.id) == []


def test_relabelling_drops_stale_automatic_tags_but_keeps_the_users(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    other = catalog.create_collection("other", "m", 256, 32)
    doc = catalog.upsert_document(col.id, "/a.pdf", status=DocStatus.INDEXED)
    elsewhere = catalog.upsert_document(other.id, "/b.pdf", status=DocStatus.INDEXED)
    catalog.set_labels(col.id, ["contract", "report"])
    catalog.set_labels(other.id, ["report"])
    catalog.set_document_tags(doc, [("contract", 4.0), ("report", 3.8)])
    catalog.set_document_tags(doc, [("signed", 1.0)], source="user")
    catalog.set_document_tags(elsewhere, [("report", 3.0)])

    catalog.set_labels(col.id, ["contract"])

    assert {t.tag for t in catalog.document_tags(doc)} == {"contract", "signed"}
    assert catalog.document_tags(elsewhere) == [TagRecord("report", 3.0, "auto")]
    assert catalog.tag_names(col.id) == ["contract", "signed"]


def test_a_users_tag_wins_over_the_classifier(catalog: Catalog) -> None:
    col = catalog.create_collection("c", "m", 256, 32)
    doc = catalog.upsert_document(col.id, "/a.pdf", status=DocStatus.INDEXED)
    catalog.set_document_tags(doc, [("report", 2.9)])
    catalog.set_document_tags(doc, [("contract", 1.0)], source="user")
    catalog.set_document_tags(doc, [("contract", 2.6), ("report", 3.0)])  # a re-run

    assert catalog.document_tags(doc) == [
        TagRecord("report", 3.0, "auto"),
        TagRecord("contract", 1.0, "user"),
    ]
    catalog.set_document_tags(doc, [], source="auto")
    assert catalog.document_tags(doc) == [TagRecord("contract", 1.0, "user")]
    with pytest.raises(ValueError):
        catalog.set_document_tags(doc, [("x", 1.0)], source="robot")


def test_documents_with_a_tag_stay_within_their_collection(catalog: Catalog) -> None:
    a = catalog.create_collection("a", "m", 256, 32)
    b = catalog.create_collection("b", "m", 256, 32)
    first = catalog.upsert_document(a.id, "/1.pdf", status=DocStatus.INDEXED)
    second = catalog.upsert_document(a.id, "/2.pdf", status=DocStatus.INDEXED)
    third = catalog.upsert_document(b.id, "/3.pdf", status=DocStatus.INDEXED)
    for doc in (first, second, third):
        catalog.set_document_tags(doc, [("contract", 3.0)])
    catalog.replace_chunks(second, [ChunkRecord("k", second, 0, 1, 0, 4, "text")])

    assert catalog.documents_with_tag(a.id, "contract") == [first, second]
    assert catalog.documents_with_tag(a.id, " contract ") == [first, second]
    assert catalog.documents_with_tag(a.id, "report") == []
    catalog.delete_document(second)  # its tags go with it
    assert catalog.documents_with_tag(a.id, "contract") == [first]
    assert set(catalog.collection_tags(a.id)) == {first}
