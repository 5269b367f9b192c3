"""Hybrid search over a real catalog and Chroma store, with a fake embedder for speed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from app.core.errors import EmbeddingMismatchError
from app.core.retrieval.hybrid import HybridSearcher
from app.core.storage.passage import Passage
from tests.core.retrieval.conftest import FakeEmbedder, RecordingEmbedder, Store

CODENAMES = "데비안의 릴리스 코드명은 토이 스토리 캐릭터 이름에서 가져왔습니다."
HOLD = "패키지를 보류하려면 apt-mark hold 명령을 사용합니다."
FWF = "read.fwf reads fixed-width-format files."
RAMEN = "라면을 끓이려면 물 550밀리리터를 끓인 다음 면과 스프를 넣습니다."


def searcher(store: Store, reranker: object = None) -> HybridSearcher:
    return HybridSearcher(store.catalog, store.vectors, store.layout, reranker)  # type: ignore[arg-type]


def test_finds_passages_with_page_offsets_and_document(
    store: Store, fake_embedder: FakeEmbedder
) -> None:
    collection = store.collection(fake_embedder, "docs")
    doc_id = store.add_document(
        collection, fake_embedder, "/docs/debian.pdf", [(3, CODENAMES), (4, HOLD), (5, FWF)]
    )
    found = searcher(store).search(collection, "데비안은 코드명이 어디서 왔나요?", fake_embedder)
    best = found[0]
    assert (best.text, best.page, best.document_id) == (CODENAMES, 3, doc_id)
    assert (best.path, best.title, best.collection) == ("/docs/debian.pdf", "debian", "docs")
    assert (best.start, best.end) == (0, len(CODENAMES))
    assert best.score > 0
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_k_limits_results(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "a.txt", [(1, t) for t in (CODENAMES, HOLD, FWF)])
    assert len(searcher(store).search(collection, "데비안 패키지", fake_embedder, k=2)) == 2


def test_filter_by_document_applies_to_both_arms(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    debian = store.add_document(collection, fake_embedder, "debian.txt", [(1, CODENAMES)])
    cooking = store.add_document(collection, fake_embedder, "cooking.txt", [(1, RAMEN)])
    found = searcher(store).search(
        collection, "데비안 코드명", fake_embedder, k=5, document_ids=[cooking]
    )
    assert [p.document_id for p in found] == [cooking]
    unfiltered = searcher(store).search(collection, "데비안 코드명", fake_embedder, k=5)
    assert {p.document_id for p in unfiltered} == {debian, cooking}


def test_near_duplicates_are_removed(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "a.txt", [(1, CODENAMES)])
    store.add_document(collection, fake_embedder, "copy.txt", [(9, CODENAMES + " 영화")])
    store.add_document(collection, fake_embedder, "b.txt", [(1, HOLD)])
    found = searcher(store).search(collection, "데비안 코드명", fake_embedder, k=5)
    texts = [p.text for p in found]
    assert texts[0].startswith(CODENAMES)
    assert sum(t.startswith(CODENAMES) for t in texts) == 1
    assert HOLD in texts


def test_new_documents_are_found_after_invalidate(
    store: Store, fake_embedder: FakeEmbedder
) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "a.txt", [(1, CODENAMES)])
    hybrid = searcher(store)
    assert all(p.text != RAMEN for p in hybrid.search(collection, "라면 끓이는 물", fake_embedder))
    store.add_document(collection, fake_embedder, "b.txt", [(1, RAMEN)])
    hybrid.invalidate(collection.id)
    assert hybrid.search(collection, "라면 끓이는 물", fake_embedder)[0].text == RAMEN


def test_empty_query_or_collection_finds_nothing(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    assert searcher(store).search(collection, "데비안", fake_embedder) == []
    store.add_document(collection, fake_embedder, "a.txt", [(1, CODENAMES)])
    assert searcher(store).search(collection, "   ", fake_embedder) == []


def test_other_model_is_refused(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    with pytest.raises(EmbeddingMismatchError, match='indexed with the embedding model "fake"'):
        searcher(store).search(collection, "데비안", FakeEmbedder(name="other"))


def test_other_dimension_is_refused(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    with pytest.raises(EmbeddingMismatchError, match="16-dimensional"):
        searcher(store).search(collection, "데비안", FakeEmbedder(dimension=8))


def test_english_only_model_sits_out_korean_questions(store: Store) -> None:
    embedder = RecordingEmbedder(frozenset({"en"}))
    collection = store.collection(embedder)
    store.add_document(collection, embedder, "a.txt", [(1, CODENAMES), (2, FWF)])
    embedder.queries.clear()
    found = searcher(store).search(collection, "데비안 코드명", embedder)
    assert [p.text for p in found] == [CODENAMES], "only BM25 votes: no noise from dense"
    assert embedder.queries == []
    searcher(store).search(collection, "fixed width files", embedder)
    assert embedder.queries == ["fixed width files"]


class ReversingReranker:
    """Puts the fusion's last candidate first, scoring by its new position."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        self.seen = [p.text for p in passages]
        reordered = list(passages)[::-1]
        return [replace(p, score=float(len(reordered) - i)) for i, p in enumerate(reordered)]


def test_reranker_orders_the_fused_candidates(store: Store, fake_embedder: FakeEmbedder) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(
        collection, fake_embedder, "a.txt", [(1, t) for t in (CODENAMES, HOLD, FWF, RAMEN)]
    )
    reranker = ReversingReranker()
    found = searcher(store, reranker).search(collection, "데비안 코드명", fake_embedder, k=2)
    assert len(reranker.seen) == 4, "the reranker sees more candidates than k"
    assert [p.text for p in found] == reranker.seen[::-1][:2]
    assert [p.score for p in found] == [4.0, 3.0]
