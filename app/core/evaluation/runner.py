"""Run a question set against one setting, as a generator of progress events.

Why a generator: the CLI prints each step, the window's worker forwards each one as a signal and
stops between questions when the user cancels; the finished ``EvalReport`` is the generator's
return value (``StopIteration.value``), which ``run_to_end`` hands back for plain callers.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.cancel import CancelToken
from app.core.errors import PagefoldError
from app.core.evaluation.answers import Answerer, PageText, judge_answer
from app.core.evaluation.dataset import EvalQuestion
from app.core.evaluation.metrics import is_relevant
from app.core.evaluation.report import EvalReport, QuestionResult, RetrievedPassage
from app.core.storage.passage import Passage

Searcher = Callable[[str, int], list[Passage]]


@dataclass
class EvalProgress:
    """One step: ``phase`` is "indexing" (a compare setting re-indexing), "questions" or "done"."""

    label: str
    phase: str
    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)


@dataclass
class System:
    """One setting under test: how it searches and, optionally, how it answers."""

    label: str
    search: Searcher
    settings: dict[str, Any] = field(default_factory=dict)
    answerer: Answerer | None = None
    page_text: PageText | None = None


EvalRun = Generator[EvalProgress, None, EvalReport]


def run_evaluation(
    system: System,
    questions: Sequence[EvalQuestion],
    k: int = 5,
    collection: str = "",
    cancel: CancelToken | None = None,
) -> EvalRun:
    """Ask every question; one failing question is recorded and the run goes on."""
    report = EvalReport(system.label, collection, k, [], dict(system.settings))
    started = time.perf_counter()
    total = len(questions)
    yield EvalProgress(system.label, "questions", 0, total, "warming up")
    _warm_up(system, questions, k)
    for n, question in enumerate(questions, start=1):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        report.results.append(_ask(system, question, k))
        yield EvalProgress(system.label, "questions", n, total, question.id)
    report.seconds = time.perf_counter() - started
    yield EvalProgress(system.label, "done", len(report.results), total)
    return report


def _warm_up(system: System, questions: Sequence[EvalQuestion], k: int) -> None:
    """One untimed search first, so loading the embedder or Kiwi is not billed to question 1."""
    if questions:
        with contextlib.suppress(PagefoldError):  # the timed call reports it
            system.search(questions[0].question, k)


def _ask(system: System, question: EvalQuestion, k: int) -> QuestionResult:
    result = QuestionResult(
        question.id,
        question.question,
        question.judgeable,
        question.unanswerable,
        kind=question.kind,
    )
    try:
        began = time.perf_counter()
        passages = system.search(question.question, k)[:k]
        result.retrieval_ms = (time.perf_counter() - began) * 1000
        result.relevances = [is_relevant(question, p) for p in passages]
        result.retrieved = [
            _compact(p, rel) for p, rel in zip(passages, result.relevances, strict=True)
        ]
        if system.answerer is not None:
            judge_answer(
                question, system.answerer.answer(question.question), result, system.page_text
            )
    except PagefoldError as exc:
        result.error = str(exc)
    return result


def _compact(passage: Passage, relevant: bool) -> RetrievedPassage:
    return RetrievedPassage(
        title=passage.title,
        page=passage.page,
        score=round(float(passage.score), 6),
        relevant=relevant,
        chunk_id=passage.chunk_id,
    )


def run_to_end(
    run: Generator[EvalProgress, None, Any],
    on_progress: Callable[[EvalProgress], None] | None = None,
) -> Any:
    """Drive a run (or a comparison) to its end; returns its report."""
    while True:
        try:
            event = next(run)
        except StopIteration as stop:
            return stop.value
        if on_progress is not None:
            on_progress(event)
