"""One evaluation as the CLI and the window ask for it: a request in, progress out, a report back.

Both front ends drive the same generator, so ``pagefold eval`` and the Evaluate dialog always
measure the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.cancel import CancelToken
from app.core.errors import CancelledError, PagefoldError
from app.core.evaluation.answers import Answerer
from app.core.evaluation.compare import Step, in_thread, parse_compare, run_comparison
from app.core.evaluation.dataset import EvalQuestion, load_questions, select
from app.core.evaluation.example import EXAMPLE_COLLECTION, example_documents, example_questions
from app.core.evaluation.report import Comparison, EvalReport
from app.core.evaluation.runner import EvalProgress, run_evaluation
from app.core.evaluation.systems import library_system
from app.core.indexing.events import IngestProgress

if TYPE_CHECKING:
    from app.core.library import Library


@dataclass(frozen=True)
class EvalRequest:
    """What to evaluate; ``compare`` is a ``--compare`` value ("" for a single run)."""

    collection: str
    questions: Path
    k: int = 5
    mode: str = "hybrid"
    compare: str = ""
    example: bool = False
    split: str = ""

    @classmethod
    def bundled_example(cls, k: int = 5, compare: str = "") -> EvalRequest:
        return cls(EXAMPLE_COLLECTION, example_questions(), k=k, compare=compare, example=True)


EvalJob = Generator[EvalProgress, None, EvalReport | Comparison]


def evaluate_collection(
    library: Library,
    request: EvalRequest,
    answerer: Answerer | None = None,
    cancel: CancelToken | None = None,
) -> EvalJob:
    """Index the example first if asked, then run (or compare) the questions."""
    if request.k < 1:
        raise PagefoldError("Passages per question (k) must be at least 1.")
    if request.example:
        yield from index_example(library, request.collection, cancel)
    questions = select(load_questions(request.questions), request.split, request.collection)
    if not request.collection:
        report = yield from _each_collection(library, request, questions, answerer, cancel)
        return report
    library.collection(request.collection)  # a missing collection fails before any work
    if request.compare:
        spec = parse_compare(request.compare)
        comparison = yield from run_comparison(
            library, request.collection, spec, questions, request.k, cancel
        )
        return comparison
    system = library_system(library, request.collection, request.mode, answerer=answerer)
    if answerer is not None:
        system.settings["answer_model"] = getattr(answerer, "name", "")
    report = yield from run_evaluation(system, questions, request.k, request.collection, cancel)
    return report


def _each_collection(
    library: Library,
    request: EvalRequest,
    questions: list[EvalQuestion],
    answerer: Answerer | None,
    cancel: CancelToken | None,
) -> Generator[EvalProgress, None, EvalReport]:
    """A file whose questions name their collections: each group asked of its own collection,
    the results kept in one report (so per-kind numbers span both collections)."""
    groups: dict[str, list[EvalQuestion]] = {}
    for q in questions:
        groups.setdefault(q.collection, []).append(q)
    if "" in groups or not groups:
        raise PagefoldError(
            "Name the collection to evaluate (pagefold eval COLLECTION QUESTIONS.jsonl); only a "
            'file whose every question has a "collection" field can go without one.'
        )
    if request.compare:
        raise PagefoldError("--compare needs one collection; name it before the questions file.")
    for name in groups:
        library.collection(name)  # every collection must exist before any work
    merged: EvalReport | None = None
    for name, group in groups.items():
        system = library_system(library, name, request.mode, answerer=answerer)
        part = yield from run_evaluation(system, group, request.k, name, cancel)
        if merged is None:
            merged = part
            merged.collection = ", ".join(groups)
        else:
            merged.results += part.results
            merged.seconds += part.seconds
            merged.cancelled = merged.cancelled or part.cancelled
    assert merged is not None
    return merged


def index_example(
    library: Library, collection: str = EXAMPLE_COLLECTION, cancel: CancelToken | None = None
) -> Generator[EvalProgress, None, None]:
    """Index the bundled documents; files already indexed cost one stat call each."""
    docs = example_documents()

    def work(step: Step) -> None:
        def on_progress(p: IngestProgress) -> None:
            step(round(p.fraction * 1000), 1000, f"{p.phase} {Path(p.current).name}".strip())

        report = library.ingest(collection, docs, progress=on_progress, cancel=cancel)
        if report.cancelled:
            raise CancelledError("Evaluation stopped.")
        if report.failed:
            first = report.failed[0]
            raise PagefoldError(f"Indexing the example failed on {first.path}: {first.message}")

    yield from in_thread("example", work)
