"""Two settings on the same questions, side by side (``pagefold eval --compare``).

Search modes and the reranker reuse the collection as it is. Chunk sizes and embedding models
need the documents indexed again: that happens in a temporary data folder, from the files the
collection lists, and is thrown away afterwards, so the user's collection is never touched.
The recipe baseline is built from the same files. Comparisons measure retrieval.
"""

from __future__ import annotations

import contextlib
import queue
import tempfile
import threading
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.core.cancel import CancelToken
from app.core.errors import CancelledError, PagefoldError
from app.core.evaluation.dataset import EvalQuestion
from app.core.evaluation.report import Comparison
from app.core.evaluation.runner import EvalProgress, System, run_evaluation
from app.core.evaluation.systems import library_system
from app.core.indexing.events import IngestProgress
from app.core.storage.catalog import DocStatus

if TYPE_CHECKING:
    from app.core.library import Library

T = TypeVar("T")
Step = Callable[[int, int, str], None]
CompareRun = Generator[EvalProgress, None, Comparison]

COMPARE_CHOICES = "dense | lexical | reranker | recipe | chunks=N[,M] | embedding=MODEL[,MODEL]"
_SIMPLE = {"dense", "lexical", "bm25", "reranker", "recipe"}
_VALUED = {"chunks", "embedding"}


@dataclass(frozen=True)
class CompareSpec:
    kind: str  # dense, lexical, reranker, recipe, chunks, embedding
    values: tuple[str, ...] = ()


def parse_compare(text: str) -> CompareSpec:
    """Read a ``--compare`` value; the message lists what is accepted."""
    kind, _, rest = text.strip().partition("=")
    kind = kind.strip().lower()
    values = tuple(v.strip() for v in rest.split(",") if v.strip())
    if kind in _SIMPLE and not rest:
        return CompareSpec("lexical" if kind == "bm25" else kind)
    if kind in _VALUED and 1 <= len(values) <= 2:
        if kind == "chunks" and not all(v.isdigit() and 32 <= int(v) <= 2048 for v in values):
            raise PagefoldError(
                "Chunk sizes are token counts between 32 and 2048, e.g. chunks=128,512."
            )
        return CompareSpec(kind, values)
    raise PagefoldError(f'Cannot compare "{text}". Use one of: {COMPARE_CHOICES}.')


def run_comparison(
    library: Library,
    collection: str,
    spec: CompareSpec,
    questions: Sequence[EvalQuestion],
    k: int = 5,
    cancel: CancelToken | None = None,
) -> CompareRun:
    """Build both sides (indexing again where needed), then run the questions on each."""
    with (
        tempfile.TemporaryDirectory(prefix="pagefold-eval-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        builder = _Builder(library, collection, Path(tmp), stack, cancel)
        side_a, side_b = yield from builder.sides(spec)
        a = yield from run_evaluation(side_a, questions, k, collection, cancel)
        b = yield from run_evaluation(side_b, questions, k, collection, cancel)
    return Comparison(a, b)


class _Builder:
    def __init__(
        self,
        library: Library,
        collection: str,
        tmp: Path,
        stack: contextlib.ExitStack,
        cancel: CancelToken | None,
    ) -> None:
        self.library, self.collection, self.tmp = library, collection, tmp
        self.stack, self.cancel = stack, cancel
        self.col = library.collection(collection)

    def sides(self, spec: CompareSpec) -> Generator[EvalProgress, None, tuple[System, System]]:
        lib, name = self.library, self.collection
        if spec.kind in ("dense", "lexical"):
            return library_system(lib, name, "hybrid"), library_system(lib, name, spec.kind)
        if spec.kind == "reranker":
            return self._reranker_sides()
        if spec.kind == "recipe":
            recipe = yield from self._recipe()
            return library_system(lib, name, "hybrid", label="Pagefold hybrid"), recipe
        return (yield from self._reindexed_sides(spec))

    def _reranker_sides(self) -> tuple[System, System]:
        chosen = self.library.settings.retrieval.reranker
        on = self._sibling(use_reranker=True, reranker="" if chosen == "off" else chosen)
        if on.searcher.reranker is None:
            raise PagefoldError(
                "No reranker model is installed, so there is nothing to compare: download "
                "one with `pagefold models download bge-reranker-v2-m3` (or "
                "mmarco-mminilmv2-l12)."
            )
        off = self._sibling(use_reranker=False)
        return (
            library_system(on, self.collection, label="reranker on"),
            library_system(off, self.collection, label="reranker off"),
        )

    def _sibling(self, **retrieval: Any) -> Library:
        """The same data folder with other retrieval settings (shares the Chroma client)."""
        from app.core.library import Library

        settings = self.library.settings.model_copy(deep=True)
        for key, value in retrieval.items():
            setattr(settings.retrieval, key, value)
        lib = Library(settings, vector_client=self.library.vectors.client)
        self.stack.callback(lib.close)
        return lib

    def _reindexed_sides(
        self, spec: CompareSpec
    ) -> Generator[EvalProgress, None, tuple[System, System]]:
        variants = [self._variant(spec.kind, v) for v in spec.values]
        sides = []
        if len(variants) == 1:
            sides.append(
                library_system(self.library, self.collection, label=self._label(spec.kind))
            )
        for n, (label, options) in enumerate(variants):
            lib = yield from self._reindex(f"side-{n}", label, options)
            sides.append(library_system(lib, self.collection, label=label))
        return sides[0], sides[1]

    def _variant(self, kind: str, value: str) -> tuple[str, dict[str, Any]]:
        if kind == "chunks":
            size = int(value)
            overlap = round(size * self.col.chunk_overlap / max(1, self.col.chunk_tokens))
            return f"chunks {size}", {"chunk_tokens": size, "chunk_overlap": overlap}
        return f"embedding {_short(value)}", {"embedding_model": value}

    def _label(self, kind: str) -> str:
        if kind == "chunks":
            return f"chunks {self.col.chunk_tokens}"
        return f"embedding {_short(self.col.embedding_model)}"

    def _reindex(
        self, folder: str, label: str, options: dict[str, Any]
    ) -> Generator[EvalProgress, None, Library]:
        from app.core.library import Library

        settings = self.library.settings.model_copy(
            deep=True, update={"data_dir": self.tmp / folder}
        )
        lib = Library(settings)
        self.stack.callback(lib.close)
        create = {
            "embedding_model": options.get("embedding_model", self.col.embedding_model),
            "chunk_tokens": options.get("chunk_tokens", self.col.chunk_tokens),
            "chunk_overlap": options.get("chunk_overlap", self.col.chunk_overlap),
        }
        lib.create_collection(self.collection, **create)
        paths = self._paths()

        def ingest(step: Step) -> None:
            def on_progress(p: IngestProgress) -> None:
                step(round(p.fraction * 1000), 1000, f"{label}: {p.phase} {Path(p.current).name}")

            report = lib.ingest(self.collection, paths, progress=on_progress, cancel=self.cancel)
            if report.cancelled:
                raise CancelledError("Evaluation stopped.")
            if report.failed:
                first = report.failed[0]
                raise PagefoldError(f"Indexing for {label} failed on {first.path}: {first.message}")

        yield from in_thread(label, ingest)
        return lib

    def _recipe(self) -> Generator[EvalProgress, None, System]:
        from app.core.evaluation.recipe import RecipeIndex

        paths = self._paths()
        label = "LangChain recipe"

        def build(step: Step) -> RecipeIndex:
            def on_progress(done: int, total: int) -> None:
                if self.cancel is not None and self.cancel.cancelled:
                    raise CancelledError("Evaluation stopped.")
                step(done, total, f"{label}: embedding")

            return RecipeIndex.build(paths, self.tmp / "recipe", progress=on_progress)

        index = yield from in_thread(label, build)
        settings = {
            "mode": "recipe",
            "chunk_chars": 1000,
            "chunk_overlap_chars": 200,
            "embedding_model": "all-MiniLM-L6-v2",
            "loader": "pypdf",
        }
        return System(label, index.search, settings)

    def _paths(self) -> list[Path]:
        docs = self.library.catalog.documents(self.col.id, status=DocStatus.INDEXED)
        paths = [Path(d.path) for d in docs]
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise PagefoldError(
                f"{len(missing)} of the collection's files are gone from disk (e.g. {missing[0]}); "
                "refresh the collection before comparing settings that index again."
            )
        if not paths:
            raise PagefoldError(f'Collection "{self.collection}" has no indexed documents.')
        return paths


def _short(model: str) -> str:
    return Path(model).name or model


def in_thread(label: str, work: Callable[[Step], T]) -> Generator[EvalProgress, None, T]:
    """Run blocking ``work`` in a thread, relaying its steps as progress events."""
    events: queue.Queue[EvalProgress | None] = queue.Queue()
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work(
                lambda d, t, m: events.put(EvalProgress(label, "indexing", d, t, m))
            )
        except BaseException as exc:
            box["error"] = exc
        finally:
            events.put(None)

    thread = threading.Thread(target=run, name=f"eval-{label}", daemon=True)
    thread.start()
    while (event := events.get()) is not None:
        yield event
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value
