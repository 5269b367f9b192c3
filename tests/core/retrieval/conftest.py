"""Fixtures for retrieval tests: a real catalog and Chroma store in tmp_path, filled by hand.

Chunks are written the way the ingestion pipeline writes them (catalog rows with lexical tokens,
vectors with a ``document_id`` metadata, documents marked indexed), so these tests exercise the
real storage without depending on the loaders and the splitter.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from app.core.embeddings.base import Embedder
from app.core.retrieval.tokenize import lexical_tokens
from app.core.storage.catalog import Catalog, ChunkRecord, CollectionRecord, DocStatus
from app.core.storage.layout import DataLayout
from app.core.storage.vectors import VectorStore

os.environ.setdefault("HF_HUB_OFFLINE", "1")


class FakeEmbedder(Embedder):
    """Deterministic hash vectors: fast, and unrelated to meaning (dense arm = noise)."""

    def __init__(self, name: str = "fake", dimension: int = 16) -> None:
        self.name = name
        self.dimension = dimension
        self._fake = DeterministicFakeEmbedding(size=dimension)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        vector = self._fake.embed_query(text)
        norm = sum(x * x for x in vector) ** 0.5
        return [x / norm for x in vector]


class RecordingEmbedder(FakeEmbedder):
    """The fake, reading only ``languages`` (None: both), keeping every text it embeds one by
    one: the passages of an ingest, then each search's questions."""

    def __init__(self, languages: frozenset[str] | None = None) -> None:
        super().__init__()
        self.languages = languages
        self.queries: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return super().embed_query(text)


@dataclass
class Store:
    """One data folder: catalog, vectors and layout, with a helper to add documents."""

    layout: DataLayout
    catalog: Catalog
    vectors: VectorStore

    def collection(self, embedder: Embedder, name: str = "test") -> CollectionRecord:
        record = self.catalog.find_collection(name) or self.catalog.create_collection(
            name, embedder.name, 256, 32
        )
        self.catalog.set_embedding(record.id, embedder.name, embedder.dimension)
        return self.catalog.collection(record.id)

    def add_document(
        self,
        collection: CollectionRecord,
        embedder: Embedder,
        path: str,
        pages: Sequence[tuple[int, str]],
    ) -> int:
        """Index one document whose chunks are ``(page, text)``, in reading order."""
        doc_id = self.catalog.upsert_document(collection.id, path, title=Path(path).stem)
        chunks, offsets = [], dict.fromkeys((page for page, _ in pages), 0)
        for i, (page, text) in enumerate(pages):
            start = offsets[page]
            offsets[page] = start + len(text) + 1  # chunks of a page follow each other
            chunks.append(
                ChunkRecord(
                    id=hashlib.sha1(f"{path}:{i}".encode()).hexdigest()[:16],
                    document_id=doc_id,
                    ord=i,
                    page=page,
                    start=start,
                    end=start + len(text),
                    text=text,
                    tokens=" ".join(lexical_tokens(text)),
                )
            )
        vectors = embedder.embed_documents([c.text for c in chunks])
        self.catalog.replace_chunks(doc_id, chunks)
        self.vectors.upsert(
            collection.id,
            [c.id for c in chunks],
            vectors,
            [{"document_id": doc_id} for _ in chunks],
        )
        content_hash = hashlib.sha1("".join(c.text for c in chunks).encode()).hexdigest()
        self.catalog.upsert_document(
            collection.id,
            path,
            status=DocStatus.INDEXED,
            chunks=len(chunks),
            content_hash=content_hash,
        )
        return doc_id


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    layout = DataLayout(tmp_path / "data").ensure()
    catalog = Catalog(layout.catalog_db)
    yield Store(layout, catalog, VectorStore(layout.chroma_dir))
    catalog.close()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


def group_by_document(
    passages: Sequence[tuple[str, int, str]],
) -> dict[str, list[tuple[int, str]]]:
    documents: dict[str, list[tuple[int, str]]] = {}
    for path, page, text in passages:
        documents.setdefault(path, []).append((page, text))
    return documents
