"""What an evaluation found: per-question results, the summary metrics, and two runs compared.

The summary is a flat ``{metric: value}`` dict in a fixed order so the table, the JSON and
Markdown reports, the comparison and the GUI all show the same numbers under the same names.
A metric that does not apply to a run (answer metrics without a model) is ``None``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.core.evaluation.metrics import (
    hit_at,
    mean,
    ndcg_at,
    percentile,
    reciprocal_rank,
)

REPORT_VERSION = 1


@dataclass
class RetrievedPassage:
    """A compact record of one retrieved passage: enough to see why a question missed."""

    title: str
    page: int
    score: float
    relevant: bool
    chunk_id: str = ""


@dataclass
class QuestionResult:
    """One question's outcome; answer fields stay ``None`` when no model answered."""

    id: str
    question: str
    judged: bool
    unanswerable: bool
    relevances: list[bool] = field(default_factory=list)
    retrieved: list[RetrievedPassage] = field(default_factory=list)
    retrieval_ms: float = 0.0
    answer: str | None = None
    answer_contains: bool | None = None
    answer_f1: float | None = None
    citation_correct: bool | None = None
    refused: bool | None = None
    prompt_ms: float | None = None
    first_token_ms: float | None = None
    total_ms: float | None = None
    error: str = ""
    kind: str = ""

    @property
    def first_rank(self) -> int | None:
        return next((i for i, rel in enumerate(self.relevances, start=1) if rel), None)


# (key, label, kind): kind "rate" is shown as a percentage, "score" as 0.000, "ms" as time.
METRICS: tuple[tuple[str, str, str], ...] = (
    ("hit@1", "hit@1", "rate"),
    ("hit@3", "hit@3", "rate"),
    ("hit@k", "hit@k", "rate"),
    ("mrr", "MRR@k", "score"),
    ("ndcg", "nDCG@k", "score"),
    ("answer_contains", "answer contains", "rate"),
    ("answer_f1", "answer token F1", "score"),
    ("citation_correct", "citation correct", "rate"),
    ("refusal_unanswerable", "refusal (unanswerable)", "rate"),
    ("refusal_answerable", "refusal (answerable)", "rate"),
    ("retrieval_ms", "retrieval p50", "ms"),
    ("retrieval_p95_ms", "retrieval p95", "ms"),
    ("prompt_ms", "prompt p50", "ms"),
    ("first_token_ms", "first token p50", "ms"),
    ("total_ms", "answer total p50", "ms"),
)

#: Metrics where a smaller number is better (the comparison marks the better side).
LOWER_IS_BETTER = frozenset(key for key, _, kind in METRICS if kind == "ms") | {
    "refusal_answerable"
}


@dataclass
class EvalReport:
    """One run: a labelled setting over a question set."""

    label: str
    collection: str
    k: int
    results: list[QuestionResult]
    settings: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    cancelled: bool = False

    @property
    def judged(self) -> list[QuestionResult]:
        return [r for r in self.results if r.judged]

    def summary(self) -> dict[str, float | None]:
        """Every metric in ``METRICS`` order; ``None`` where it does not apply."""
        judged = self.judged
        rels = [r.relevances for r in judged]
        values: dict[str, float | None] = {
            "hit@1": mean([hit_at(r, 1) for r in rels]),
            "hit@3": mean([hit_at(r, min(3, self.k)) for r in rels]),
            "hit@k": mean([hit_at(r, self.k) for r in rels]),
            "mrr": mean([reciprocal_rank(r, self.k) for r in rels]),
            "ndcg": mean([ndcg_at(r, self.k) for r in rels]),
        }
        values.update(self._answer_metrics())
        values.update(self._latencies())
        return values

    def _answer_metrics(self) -> dict[str, float | None]:
        answered = [r for r in self.results if r.answer is not None and not r.error]
        answerable = [r for r in answered if not r.unanswerable]
        unanswerable = [r for r in answered if r.unanswerable]
        return {
            "answer_contains": _rate(r.answer_contains for r in answerable),
            "answer_f1": mean([r.answer_f1 for r in answerable if r.answer_f1 is not None]),
            "citation_correct": _rate(r.citation_correct for r in answerable),
            "refusal_unanswerable": _rate(r.refused for r in unanswerable),
            "refusal_answerable": _rate(r.refused for r in answerable),
        }

    def _latencies(self) -> dict[str, float | None]:
        retrieval = [r.retrieval_ms for r in self.results if not r.error]
        answered = [r for r in self.results if r.answer is not None and not r.error]

        def p50(name: str) -> float | None:
            values = [getattr(r, name) for r in answered if getattr(r, name) is not None]
            return percentile(values, 50)

        return {
            "retrieval_ms": percentile(retrieval, 50),
            "retrieval_p95_ms": percentile(retrieval, 95),
            "prompt_ms": p50("prompt_ms"),
            "first_token_ms": p50("first_token_ms"),
            "total_ms": p50("total_ms"),
        }

    def counts(self) -> dict[str, int]:
        return {
            "questions": len(self.results),
            "judged": len(self.judged),
            "unanswerable": sum(r.unanswerable for r in self.results),
            "answered": sum(r.answer is not None for r in self.results),
            "errors": sum(bool(r.error) for r in self.results),
        }

    def by_kind(self) -> dict[str, EvalReport]:
        """The run split by the questions' ``kind`` (ko, en, cross…), in first-seen order."""
        kinds = list(dict.fromkeys(r.kind for r in self.results if r.kind))
        return {
            kind: EvalReport(
                self.label, self.collection, self.k, [r for r in self.results if r.kind == kind]
            )
            for kind in kinds
        }

    def missed(self) -> list[QuestionResult]:
        """Judged questions with no relevant passage in the top k."""
        return [r for r in self.judged if not any(r.relevances[: self.k])]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": REPORT_VERSION,
            "label": self.label,
            "collection": self.collection,
            "k": self.k,
            "settings": self.settings,
            "seconds": round(self.seconds, 3),
            "cancelled": self.cancelled,
            "counts": self.counts(),
            "metrics": self.summary(),
            "questions": [asdict(r) for r in self.results],
        }


def _rate(flags: Any) -> float | None:
    values = [1.0 if f else 0.0 for f in flags if f is not None]
    return mean(values)


@dataclass
class Comparison:
    """Two runs of the same questions; ``b`` is the changed setting, ``a`` the reference."""

    a: EvalReport
    b: EvalReport

    def rows(self) -> list[tuple[str, str, float | None, float | None, float | None]]:
        """(key, label, a, b, b - a) for each metric either side has."""
        sa, sb = self.a.summary(), self.b.summary()
        rows = []
        for key, _label, _ in METRICS:
            va, vb = sa.get(key), sb.get(key)
            if va is None and vb is None:
                continue
            delta = vb - va if va is not None and vb is not None else None
            rows.append((key, metric_label(key, self.a.k), va, vb, delta))
        return rows

    def flipped(self) -> tuple[list[str], list[str]]:
        """Question ids found in the top k only by ``b`` (gained) and only by ``a`` (lost)."""
        k = self.a.k
        found_a = {r.id for r in self.a.judged if any(r.relevances[:k])}
        found_b = {r.id for r in self.b.judged if any(r.relevances[:k])}
        order = [r.id for r in self.a.judged]
        gained = [q for q in order if q in found_b and q not in found_a]
        lost = [q for q in order if q in found_a and q not in found_b]
        return gained, lost

    def to_json(self) -> dict[str, Any]:
        gained, lost = self.flipped()
        return {
            "version": REPORT_VERSION,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "difference": {key: delta for key, _, _, _, delta in self.rows()},
            "gained": gained,
            "lost": lost,
        }


def metric_label(key: str, k: int) -> str:
    label = next(lbl for name, lbl, _ in METRICS if name == key)
    return label.replace("@k", f"@{k}")


def metric_kind(key: str) -> str:
    return next(kind for name, _, kind in METRICS if name == key)
