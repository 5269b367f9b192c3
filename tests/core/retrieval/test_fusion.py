"""Rank fusion and near-duplicate removal."""

from __future__ import annotations

import pytest

from app.core.retrieval.fusion import (
    RRF_K,
    Span,
    is_near_duplicate,
    reciprocal_rank_fusion,
    remove_near_duplicates,
)


def test_rrf_sums_reciprocal_ranks_with_k_60() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], k=60))
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 63)
    assert fused["d"] == pytest.approx(1 / 62)


def test_rrf_uses_the_tuned_k_by_default() -> None:
    """Search fuses with the offset the evaluation chose (``RRF_K``), not the paper's 60."""
    fused = dict(reciprocal_rank_fusion([["a", "x", "both"], ["y", "z", "both"]]))
    assert fused["a"] == pytest.approx(1 / (RRF_K + 1))
    assert fused["both"] == pytest.approx(2 / (RRF_K + 3))


def test_rrf_prefers_agreement_over_one_first_place() -> None:
    order = [item for item, _ in reciprocal_rank_fusion([["x", "both"], ["y", "both"]])]
    assert order[0] == "both"


def test_rrf_ties_keep_the_first_ranking_order() -> None:
    order = [item for item, _ in reciprocal_rank_fusion([["dense"], ["lexical"]])]
    assert order == ["dense", "lexical"]


def test_rrf_with_empty_rankings() -> None:
    assert reciprocal_rank_fusion([[], []]) == []
    assert [i for i, _ in reciprocal_rank_fusion([[], ["a"]])] == ["a"]


def span(cid: str, doc: int, page: int, start: int, end: int, words: str) -> Span:
    return Span(cid, doc, page, start, end, frozenset(words.split()))


def test_mostly_overlapping_stretch_of_a_page_is_a_duplicate() -> None:
    a = span("a", 1, 2, 0, 100, "one two")
    b = span("b", 1, 2, 40, 140, "three four")
    assert is_near_duplicate(a, b)


def test_neighbouring_chunks_sharing_only_their_overlap_are_kept() -> None:
    a = span("a", 1, 2, 0, 100, "one two")
    b = span("b", 1, 2, 88, 188, "three four")
    assert not is_near_duplicate(a, b)


def test_same_range_on_another_page_or_document_is_not_overlap() -> None:
    a = span("a", 1, 2, 0, 100, "one two")
    assert not is_near_duplicate(a, span("b", 1, 3, 0, 100, "three four"))
    assert not is_near_duplicate(a, span("c", 2, 2, 0, 100, "five six"))


def test_same_words_in_another_document_is_a_duplicate() -> None:
    words = "데비안 코드 명 토이 스토리 캐릭터 이름"
    a = span("a", 1, 1, 0, 50, words)
    b = span("b", 2, 7, 300, 350, words + " 영화")
    assert is_near_duplicate(a, b)


def test_remove_near_duplicates_keeps_the_better_ranked_and_stops_at_limit() -> None:
    spans = [
        span("first", 1, 1, 0, 100, "a b c"),
        span("copy", 1, 1, 10, 100, "a b c d"),
        span("other", 2, 1, 0, 100, "x y z"),
        span("third", 3, 1, 0, 100, "p q r"),
    ]
    kept = remove_near_duplicates(spans, limit=2)
    assert [s.chunk_id for s in kept] == ["first", "other"]


def test_weights_let_one_ranking_count_more() -> None:
    even = reciprocal_rank_fusion([["a", "b"], ["b", "a"]])
    assert even[0][1] == even[1][1]  # symmetric rankings tie
    weighted = reciprocal_rank_fusion([["a", "b"], ["b", "a"]], weights=[1.0, 2.0])
    assert [item for item, _ in weighted] == ["b", "a"]
