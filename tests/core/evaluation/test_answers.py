"""Reading the chat service's events into an answer, and judging citations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.chat.events import (
    Answer,
    DoneEvent,
    ErrorEvent,
    SourcesEvent,
    StatusEvent,
    TokenEvent,
)
from app.core.errors import PagefoldError
from app.core.evaluation.answers import ChatAnswerer, citation_correct
from app.core.evaluation.dataset import EvalQuestion
from tests.core.evaluation.fakes import passage

WARRANTY = passage("The warranty lasts 2 years.", 8, doc_id=2)
FILTER = passage("Replace the filter every 6 months.", 3, doc_id=2)


def _turn(question: str) -> Iterator[object]:
    yield StatusEvent("Searching…")
    yield SourcesEvent([FILTER, WARRANTY])
    yield TokenEvent("Two years ")
    yield TokenEvent("[2].")
    answer = Answer(
        "Two years [2].",
        [FILTER, WARRANTY],
        [2],
        timings={
            "retrieval_s": 0.02,
            "prompt_s": 0.005,
            "first_token_s": 0.4,
            "total_s": 1.5,
            "prompt_tokens": 812,
        },
    )
    yield DoneEvent(answer)


def test_the_answer_its_citations_and_stage_timings_are_read() -> None:
    result = ChatAnswerer(_turn, name="SmolLM2").answer("How long is the warranty?")
    assert result.text == "Two years [2]."
    assert [p.page for p in result.cited] == [8]
    assert result.retrieval_ms == pytest.approx(20.0) and result.prompt_ms == pytest.approx(5.0)
    assert result.first_token_ms == pytest.approx(400.0) and result.total_ms == pytest.approx(
        1500.0
    )
    assert result.refused is False  # the chat layer's judgement is kept


def test_a_refusal_counts_when_the_chat_layer_or_the_wording_says_so() -> None:
    from app.core.evaluation.answers import AnswerResult, judge_answer
    from app.core.evaluation.report import QuestionResult

    question = EvalQuestion("u", "price?", unanswerable=True)
    for answer, refused in [
        (AnswerResult("문서에 가격 정보가 없습니다.", refused=True), True),
        (AnswerResult("The sources do not contain the price."), True),
        (AnswerResult("It costs 200 euros [1].", refused=False), False),
    ]:
        result = QuestionResult("u", "price?", judged=False, unanswerable=True)
        judge_answer(question, answer, result, None)
        assert result.refused is refused
        assert result.answer_contains is None and result.citation_correct is None


def test_untimed_stages_are_timed_from_the_events() -> None:
    def bare(question: str) -> Iterator[object]:
        yield SourcesEvent([FILTER])
        yield TokenEvent("Every 6 months.")
        yield DoneEvent(Answer("Every 6 months.", [FILTER], []))

    result = ChatAnswerer(bare).answer("filter?")
    assert result.cited == []
    assert result.retrieval_ms is not None and result.first_token_ms is not None
    assert result.total_ms is not None and result.total_ms >= result.first_token_ms
    assert result.prompt_ms is None


def test_an_error_event_becomes_a_user_error() -> None:
    def broken(question: str) -> Iterator[object]:
        yield ErrorEvent("The model stopped: out of memory.")

    with pytest.raises(PagefoldError, match="out of memory"):
        ChatAnswerer(broken).answer("x")


def test_a_citation_is_correct_when_a_cited_page_holds_the_answer() -> None:
    q = EvalQuestion("w", "warranty?", answer="2 years", doc="manual.pdf")
    assert citation_correct(q, [FILTER, WARRANTY], None) is True
    assert citation_correct(q, [FILTER], None) is False
    assert citation_correct(q, [], None) is False
    # the whole page is checked, not only the cited chunk
    page_text = {(2, 3): "Replace the filter every 6 months. The warranty lasts 2 years."}
    assert citation_correct(q, [FILTER], lambda d, p: page_text.get((d, p), "")) is True
    by_page = EvalQuestion("p", "filter?", pages=(3,))
    assert citation_correct(by_page, [FILTER], None) is True
    assert (
        citation_correct(EvalQuestion("r", "?", reference="Two years."), [WARRANTY], None) is None
    )
