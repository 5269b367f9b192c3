"""Judging passages and answers: the rules every system is measured by."""

from __future__ import annotations

import math

import pytest

from app.core.evaluation.dataset import EvalQuestion
from app.core.evaluation.metrics import (
    contains,
    hit_at,
    is_refusal,
    is_relevant,
    ndcg_at,
    percentile,
    reciprocal_rank,
    same_document,
    token_f1,
)
from app.core.storage.passage import Passage


def _passage(text: str, page: int = 1, path: str = "/docs/handbook.pdf") -> Passage:
    return Passage("c1", text, 1, path, path.rsplit("/", 1)[-1], page, 0, len(text))


def test_answer_found_across_a_hard_wrap_inside_a_korean_word() -> None:
    assert contains("코어타임, 즉 오전 10시부터 오\n후 4시까지는", "오전 10시부터 오후 4시까지")
    assert contains("Use\x06 lsb_release  -a to see", "lsb_release -a")
    assert contains("READ.FWF reads", "read.fwf")
    assert not contains("오전 9시부터 오후 6시까지", "오전 10시부터 오후 4시까지")
    assert not contains("anything", "   ")


def test_document_matches_by_name_or_by_stem() -> None:
    assert same_document("/a/b/R-data.pdf", "R-data.pdf", "R-data.pdf")
    assert same_document("/tmp/x/debian-faq.ko.pdf", "", "debian-faq.ko.txt")
    assert not same_document("/a/manual.pdf", "manual.pdf", "handbook.pdf")


def test_relevance_requires_every_criterion_given() -> None:
    q = EvalQuestion("q", "?", answer="주 2회", doc="handbook.pdf", pages=(1,))
    assert is_relevant(q, _passage("재택근무는 주 2회까지", page=1))
    assert not is_relevant(q, _passage("재택근무는 주 2회까지", page=2))
    assert not is_relevant(q, _passage("재택근무는 주 2회까지", path="/docs/other.pdf"))
    assert not is_relevant(q, _passage("재택근무는 없습니다", page=1))
    page_only = EvalQuestion("p", "?", pages=(2,))
    assert is_relevant(page_only, _passage("anything", page=2))
    assert not is_relevant(EvalQuestion("u", "?", unanswerable=True), _passage("x"))


def test_ranking_metrics() -> None:
    rels = [False, False, True, False, True]
    assert hit_at(rels, 1) == 0.0 and hit_at(rels, 3) == 1.0
    assert reciprocal_rank(rels, 5) == pytest.approx(1 / 3)
    assert reciprocal_rank(rels, 2) == 0.0
    assert ndcg_at([True, False], 5) == 1.0
    assert ndcg_at([False] * 4 + [True], 5) == pytest.approx(1 / math.log2(6))
    both = (1 / math.log2(4) + 1 / math.log2(6)) / (1 + 1 / math.log2(3))
    assert ndcg_at(rels, 5) == pytest.approx(both)
    assert ndcg_at([], 5) == 0.0


def test_token_f1_ignores_korean_particles_and_endings() -> None:
    reference = "재택근무는 주 2회까지 할 수 있습니다"
    assert token_f1("재택근무를 주 2회까지 할 수 있어요", reference) > 0.8
    assert token_f1("점심시간은 낮 12시부터입니다", reference) < 0.3
    assert token_f1("The warranty lasts 2 years.", "2 years") == pytest.approx(2 / 3)
    assert token_f1("", "something") == 0.0


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("제공된 문서에서 그 정보를 찾을 수 없습니다.", True),
        ("The sources do not contain the price.", True),
        ("I don't know.", True),
        ("", True),
        ("코어타임은 오전 10시부터 오후 4시까지입니다 [1].", False),
        ("Hold the Lock button for 3 seconds [2].", False),
    ],
)
def test_refusals_are_recognised_in_both_languages(text: str, refused: bool) -> None:
    assert is_refusal(text) is refused


def test_percentile_is_nearest_rank() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile([1.0, 2.0], 95) == 2.0
    assert percentile([], 50) is None
