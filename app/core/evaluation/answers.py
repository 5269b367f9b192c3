"""Answers for evaluation: a small seam over the chat service, and how answers are judged.

Why a seam: the runner needs only "ask this, give me the text, what was cited and how long each
stage took"; tests plug in a fake, the CLI and the window plug in the real chat service through
``ChatAnswerer``, which reads the service's event stream.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.core.evaluation.dataset import EvalQuestion
from app.core.evaluation.metrics import contains, is_refusal, same_document, token_f1
from app.core.evaluation.report import QuestionResult
from app.core.storage.passage import Passage

PageText = Callable[[int, int], str]


@dataclass
class AnswerResult:
    """An answer with its citations; timings in milliseconds, ``None`` when not measured."""

    text: str
    cited: list[Passage] = field(default_factory=list)
    refused: bool | None = None  # the chat layer's own judgement, when it makes one
    retrieval_ms: float | None = None
    prompt_ms: float | None = None
    first_token_ms: float | None = None
    total_ms: float | None = None


class Answerer(Protocol):
    def answer(self, question: str) -> AnswerResult: ...


class ChatAnswerer:
    """Runs ``ask(question) -> Iterator[event]`` (the chat service) and collects one answer.

    Events are recognised by class name (``SourcesEvent``, ``TokenEvent``, ``DoneEvent``,
    ``ErrorEvent``) so this module does not import the chat package; stages the service does
    not time itself are timed here from the events' arrival.
    """

    def __init__(self, ask: Callable[[str], Iterable[Any]], name: str = "") -> None:
        self._ask = ask
        self.name = name

    def answer(self, question: str) -> AnswerResult:
        started = time.perf_counter()
        stamps: dict[str, float] = {}
        tokens: list[str] = []
        done: Any = None
        for event in self._ask(question):
            kind = type(event).__name__
            elapsed = (time.perf_counter() - started) * 1000
            if kind == "ErrorEvent":
                from app.core.errors import PagefoldError

                raise PagefoldError(str(getattr(event, "message", event)))
            if kind == "SourcesEvent":
                stamps.setdefault("sources", elapsed)
            elif kind == "TokenEvent":
                stamps.setdefault("first_token", elapsed)
                tokens.append(str(getattr(event, "text", "")))
            elif kind == "DoneEvent":
                stamps["total"] = elapsed
                done = getattr(event, "answer", event)
        return _result(done, "".join(tokens), stamps)


def _result(done: Any, streamed: str, stamps: dict[str, float]) -> AnswerResult:
    text = getattr(done, "text", None)
    text = streamed if text is None else str(text)
    timings = _timings_ms(getattr(done, "timings", None) or {})
    refused = getattr(done, "refused", None)
    return AnswerResult(
        text=text,
        cited=_cited(done),
        refused=None if refused is None else bool(refused),
        retrieval_ms=timings.get("retrieval", stamps.get("sources")),
        prompt_ms=timings.get("prompt"),
        first_token_ms=timings.get("first_token", stamps.get("first_token")),
        total_ms=timings.get("total", stamps.get("total")),
    )


def _timings_ms(timings: Any) -> dict[str, float]:
    """Stage timings in milliseconds from keys ending ``_ms`` or ``_s`` (others are not times)."""
    out: dict[str, float] = {}
    items = timings.items() if isinstance(timings, dict) else vars(timings).items()
    for key, value in items:
        if not isinstance(value, int | float):
            continue
        if key.endswith("_ms"):
            out[key[:-3]] = float(value)
        elif key.endswith("_s"):
            out[key[:-2]] = float(value) * 1000
    return out


def _cited(done: Any) -> list[Passage]:
    """The cited sources; ``cited`` may hold 1-based numbers into ``sources``."""
    cited = getattr(done, "cited_sources", None)
    if cited is None:
        sources = list(getattr(done, "sources", None) or [])
        cited = [
            sources[n - 1] if isinstance(n, int) and 0 < n <= len(sources) else n
            for n in getattr(done, "cited", None) or []
        ]
    return [_passage(c) for c in cited if not isinstance(c, int)]


def _passage(source: Any) -> Passage:
    """A cited source as a Passage (the chat layer may wrap it with a number)."""
    inner = getattr(source, "passage", source)
    if isinstance(inner, Passage):
        return inner
    return Passage(
        chunk_id=str(getattr(inner, "chunk_id", "")),
        text=str(getattr(inner, "text", "")),
        document_id=int(getattr(inner, "document_id", 0)),
        path=str(getattr(inner, "path", "")),
        title=str(getattr(inner, "title", "")),
        page=int(getattr(inner, "page", 0)),
        start=int(getattr(inner, "start", 0)),
        end=int(getattr(inner, "end", 0)),
    )


def judge_answer(
    question: EvalQuestion, answer: AnswerResult, result: QuestionResult, page_text: PageText | None
) -> None:
    """Fill the answer fields of ``result``."""
    result.answer = answer.text
    result.refused = bool(answer.refused) or is_refusal(answer.text)  # either judge suffices
    result.prompt_ms, result.first_token_ms = answer.prompt_ms, answer.first_token_ms
    result.total_ms = answer.total_ms
    if question.unanswerable:
        return
    if question.answer:
        result.answer_contains = contains(answer.text, question.answer)
    if question.gold_answer:
        result.answer_f1 = token_f1(answer.text, question.gold_answer)
    result.citation_correct = citation_correct(question, answer.cited, page_text)


def citation_correct(
    question: EvalQuestion, cited: Sequence[Passage], page_text: PageText | None
) -> bool | None:
    """Whether a cited page holds the answer (or is an expected page); None if unjudgeable."""
    if not question.answer and not question.pages:
        return None
    for source in cited:
        if question.doc and not same_document(source.path, source.title, question.doc):
            continue
        if question.pages and source.page not in question.pages:
            continue
        if not question.answer:
            return True
        text = source.text
        if page_text is not None and source.document_id:
            text = page_text(source.document_id, source.page) or text
        if contains(text, question.answer):
            return True
    return False
