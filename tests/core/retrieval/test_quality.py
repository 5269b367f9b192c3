"""Retrieval quality with the real embedders over a small Korean + English corpus.

Every question's answer must be in the top 5 of hybrid search. With the English-only MiniLM
(the offline test model) the Korean answers come from BM25 over Kiwi morphemes: hybrid must
find Korean answers that MiniLM's dense search alone misses. With multilingual-e5-small (the
default model) dense search alone already reads Korean.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL
from app.core.embeddings.base import Embedder
from app.core.embeddings.factory import load_embeddings
from app.core.retrieval.hybrid import HybridSearcher
from app.core.storage.catalog import CollectionRecord
from tests.core.retrieval.conftest import Store, group_by_document
from tests.core.retrieval.corpus import ENGLISH, ENGLISH_QUESTIONS, KOREAN, KOREAN_QUESTIONS

pytestmark = pytest.mark.slow

Search = Callable[[str], list[str]]


def fill(store: Store, embedder: Embedder) -> CollectionRecord:
    collection = store.collection(embedder)
    for path, pages in group_by_document(KOREAN + ENGLISH).items():
        store.add_document(collection, embedder, path, pages)
    return store.catalog.collection(collection.id)


def hybrid_search(store: Store, collection: CollectionRecord, embedder: Embedder) -> Search:
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    return lambda q: [p.text for p in searcher.search(collection, q, embedder, k=5)]


def dense_search(store: Store, collection: CollectionRecord, embedder: Embedder) -> Search:
    def search(query: str) -> list[str]:
        hits = store.vectors.query(collection.id, embedder.embed_query(query), 5)
        chunks = store.catalog.chunks_by_ids([h.chunk_id for h in hits])
        return [chunks[h.chunk_id].text for h in hits]

    return search


def missed(search: Search, questions: list[tuple[str, str]]) -> list[str]:
    return [q for q, answer in questions if not any(answer in text for text in search(q))]


def test_hybrid_with_minilm_finds_korean_answers_dense_misses(store: Store) -> None:
    minilm = load_embeddings(TEST_EMBEDDING_MODEL)
    collection = fill(store, minilm)
    hybrid = hybrid_search(store, collection, minilm)
    assert missed(hybrid, KOREAN_QUESTIONS) == []
    assert missed(hybrid, ENGLISH_QUESTIONS) == []
    dense_missed = missed(dense_search(store, collection, minilm), KOREAN_QUESTIONS)
    assert dense_missed, "MiniLM cannot read Korean; hybrid is what finds these answers"
    assert missed(dense_search(store, collection, minilm), ENGLISH_QUESTIONS) == []


def test_e5_dense_reads_korean_and_hybrid_finds_everything(store: Store) -> None:
    e5 = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    collection = fill(store, e5)
    dense = dense_search(store, collection, e5)
    assert len(missed(dense, KOREAN_QUESTIONS)) <= 1
    hybrid = hybrid_search(store, collection, e5)
    assert missed(hybrid, KOREAN_QUESTIONS) == []
    assert missed(hybrid, ENGLISH_QUESTIONS) == []


def test_top_passage_cites_its_document_and_page(store: Store) -> None:
    e5 = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    collection = fill(store, e5)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    best = searcher.search(collection, "read.fwf는 어떤 파일을 읽나요?", e5, k=5)[0]
    assert (best.path, best.page) == ("r-data.pdf", 14)
    assert "read.fwf" in best.text
