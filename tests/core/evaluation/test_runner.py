"""The runner over fake search and answers: metrics, answers, cancel, failures, reports."""

from __future__ import annotations

import json

import pytest

from app.core.cancel import CancelToken
from app.core.evaluation.dataset import EvalQuestion
from app.core.evaluation.formatting import (
    comparison_markdown,
    comparison_table,
    markdown,
    text_table,
)
from app.core.evaluation.report import Comparison, EvalReport
from app.core.evaluation.runner import EvalProgress, System, run_evaluation, run_to_end
from tests.core.evaluation.fakes import FakeAnswerer, FakeSearcher, passage

PASSAGES = [
    passage("filter replace every 6 months", 3),
    passage("warranty lasts 2 years from purchase", 4),
    passage("child lock hold button 3 seconds", 2),
    passage("remote battery CR2032 included", 1),
]
QUESTIONS = [
    EvalQuestion("f", "when replace filter", answer="every 6 months", doc="manual.pdf", pages=(3,)),
    EvalQuestion("w", "how long warranty", answer="2 years"),
    EvalQuestion("b", "what battery remote", pages=(1,)),
    EvalQuestion("x", "is a remote battery included for the lock", answer="hold button 3 seconds"),
    EvalQuestion("u", "what does it cost", unanswerable=True),
]


def _run(
    system: System, questions=QUESTIONS, k: int = 3, **kw
) -> tuple[EvalReport, list[EvalProgress]]:
    events: list[EvalProgress] = []
    report = run_to_end(run_evaluation(system, questions, k, "manuals", **kw), events.append)
    return report, events


def test_retrieval_metrics_follow_the_ranks() -> None:
    report, events = _run(System("fake", FakeSearcher(PASSAGES)))
    by_id = {r.id: r for r in report.results}
    assert by_id["f"].first_rank == 1 and by_id["w"].first_rank == 1 and by_id["b"].first_rank == 1
    assert by_id["x"].first_rank == 2  # "remote battery included" ranks the battery passage first
    assert not by_id["u"].judged and by_id["u"].relevances == []
    s = report.summary()
    assert s["hit@1"] == pytest.approx(3 / 4)
    assert s["hit@k"] == 1.0
    assert s["mrr"] == pytest.approx((1 + 1 + 1 + 1 / 2) / 4)
    assert s["answer_contains"] is None and s["total_ms"] is None
    assert report.counts() == {
        "questions": 5,
        "judged": 4,
        "unanswerable": 1,
        "answered": 0,
        "errors": 0,
    }
    assert [e.done for e in events if e.phase == "questions"] == [0, 1, 2, 3, 4, 5]
    assert events[-1].phase == "done" and events[-1].fraction == 1.0


def test_a_failing_question_is_recorded_and_the_run_goes_on() -> None:
    report, _ = _run(System("fake", FakeSearcher(PASSAGES, fail_on="warranty")))
    failed = [r for r in report.results if r.error]
    assert [r.id for r in failed] == ["w"] and "search failed" in failed[0].error
    assert len(report.results) == 5
    assert "Failed:" in text_table(report)


def test_cancel_stops_between_questions_and_keeps_what_was_done() -> None:
    cancel = CancelToken()

    def stop_after_two(event: EvalProgress) -> None:
        if event.done == 2:
            cancel.cancel()

    partial = run_to_end(
        run_evaluation(System("fake", FakeSearcher(PASSAGES)), QUESTIONS, 3, "m", cancel),
        stop_after_two,
    )
    assert partial.cancelled and [r.id for r in partial.results] == ["f", "w"]
    assert partial.summary()["hit@k"] == 1.0


def test_warm_up_search_is_not_timed_as_a_question() -> None:
    searcher = FakeSearcher(PASSAGES)
    _run(System("fake", searcher))
    assert searcher.calls == len(QUESTIONS) + 1


def test_answers_are_judged_for_content_citations_and_refusals() -> None:
    filt, warranty = PASSAGES[0], PASSAGES[1]
    answerer = FakeAnswerer(
        {
            "when replace filter": ("Replace the filter every 6 months [1].", [filt]),
            "how long warranty": ("The warranty lasts 2 years [1].", [filt]),  # wrong page cited
            "is a remote battery included for the lock": ("I cannot find that in the sources.", []),
            "what does it cost": ("The sources do not contain a price.", []),
        }
    )
    system = System(
        "fake",
        FakeSearcher(PASSAGES),
        answerer=answerer,
        page_text=lambda doc, page: {3: filt.text, 4: warranty.text}.get(page, ""),
    )
    report, _ = _run(system)
    by_id = {r.id: r for r in report.results}
    assert by_id["f"].answer_contains and by_id["f"].citation_correct
    assert by_id["w"].answer_contains and by_id["w"].citation_correct is False
    assert by_id["x"].refused and not by_id["x"].answer_contains
    assert by_id["u"].refused and by_id["u"].answer_contains is None
    s = report.summary()
    assert s["refusal_unanswerable"] == 1.0
    assert s["refusal_answerable"] == pytest.approx(2 / 4)  # "x" and the scripted "I don't know."
    assert s["answer_contains"] == pytest.approx(2 / 3)  # "b" gives a page, not answer text
    assert s["citation_correct"] == pytest.approx(1 / 4)
    assert s["first_token_ms"] == 20.0 and s["total_ms"] == 80.0
    assert 0.0 < s["answer_f1"] < 1.0


def test_reports_as_text_markdown_and_json() -> None:
    report, _ = _run(System("hybrid", FakeSearcher(PASSAGES), {"mode": "hybrid"}))
    table = text_table(report)
    assert "hit@3" in table and "75.0%" in table and "MRR@3" in table
    md = markdown(report)
    assert md.startswith("# Evaluation: hybrid") and "| hit@1 | 75.0% |" in md
    assert "- mode: `hybrid`" in md
    data = json.loads(json.dumps(report.to_json()))
    assert data["version"] == 1 and data["metrics"]["hit@k"] == 1.0
    assert data["questions"][0]["retrieved"][0]["relevant"] is True


def test_comparison_prints_both_sides_and_the_difference() -> None:
    good, _ = _run(System("hybrid", FakeSearcher(PASSAGES)))
    weak, _ = _run(System("dense-only", FakeSearcher(PASSAGES[:1] + PASSAGES[2:])))
    comparison = Comparison(good, weak)
    rows = {key: (a, b, d) for key, _, a, b, d in comparison.rows()}
    assert rows["hit@k"] == (1.0, 0.75, pytest.approx(-0.25))
    assert comparison.flipped() == ([], ["w"])
    table = comparison_table(comparison)
    assert "hybrid" in table and "dense-only" in table and "-25.0 pt" in table and "worse" in table
    assert "Found only by hybrid: w" in table
    assert "| hit@3 | 100.0% | 75.0% | -25.0 pt |" in comparison_markdown(comparison)
    assert json.loads(json.dumps(comparison.to_json()))["lost"] == ["w"]


def test_differences_are_signed_and_a_tie_never_reads_as_negative() -> None:
    from app.core.evaluation.formatting import format_delta, format_value, verdict

    assert format_delta("hit@1", -0.0) == "+0.0 pt" and format_delta("mrr", -1e-6) == "+0.000"
    assert (
        format_delta("retrieval_ms", -0.2) == "+0 ms" and format_delta("hit@1", -0.25) == "-25.0 pt"
    )
    assert verdict("retrieval_ms", -30.0) == "better" and verdict("hit@1", -0.1) == "worse"
    assert verdict("mrr", 0.0) == "" and format_value("answer_f1", None) == "–"
