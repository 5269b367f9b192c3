"""One evaluation as the CLI and the window ask for it: a request in, progress out, a report back.

Both front ends drive the same generator, so ``pagefold eval`` and the Evaluate dialog always
measure the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import CancelledError, PagefoldError
from app.core.evaluation.answers import Answerer
from app.core.evaluation.compare import Step, in_thread, parse_compare, run_comparison
from app.core.evaluation.dataset import load_questions
from app.core.evaluation.example import EXAMPLE_COLLECTION, example_documents, example_questions
from app.core.evaluation.report import Comparison, EvalReport
from app.core.evaluation.runner import EvalProgress, run_evaluation
from app.core.evaluation.systems import library_system
from app.core.indexing.events import CancelToken, IngestProgress

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
    questions = load_questions(request.questions)
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
