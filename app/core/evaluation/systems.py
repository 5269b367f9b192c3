"""Settings under test built over a Library: hybrid (as users get it), dense-only, BM25-only.

Dense-only and BM25-only read the same Chroma collection and BM25 index that hybrid search
fuses, so a comparison isolates what fusion adds; neither removes near duplicates or reranks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError
from app.core.evaluation.answers import Answerer
from app.core.evaluation.runner import Searcher, System
from app.core.storage.catalog import ChunkRecord, CollectionRecord
from app.core.storage.passage import Passage

if TYPE_CHECKING:
    from app.core.library import Library
    from app.core.retrieval.languages import QueryRewriter

MODES = ("hybrid", "dense", "lexical")
MODE_LABELS = {"hybrid": "hybrid", "dense": "dense-only", "lexical": "BM25-only"}


def library_system(
    library: Library,
    collection: str,
    mode: str = "hybrid",
    label: str | None = None,
    answerer: Answerer | None = None,
    rewrite: QueryRewriter | None = None,
) -> System:
    """``collection`` searched the way ``mode`` says; hybrid is exactly ``Library.search``
    (with ``rewrite``, as it searches when a language model is loaded)."""
    if mode not in MODES:
        raise PagefoldError(f'Unknown search mode "{mode}"; use one of {", ".join(MODES)}.')
    col = library.collection(collection)
    search = _searcher(library, col, mode)
    if mode == "hybrid" and rewrite is not None:
        name = col.name
        search = lambda query, k: library.search([name], query, k=k, rewrite=rewrite)  # noqa: E731
    return System(
        label=label or MODE_LABELS[mode],
        search=search,
        settings=describe(library, col, mode),
        answerer=answerer,
        page_text=library.page_text,
    )


def describe(library: Library, col: CollectionRecord, mode: str) -> dict[str, Any]:
    """The settings that shaped a run, recorded in its report."""
    info: dict[str, Any] = {
        "mode": mode,
        "embedding_model": col.embedding_model,
        "chunk_tokens": col.chunk_tokens,
        "chunk_overlap": col.chunk_overlap,
        "documents": len(library.documents(col.id)),
    }
    if mode == "hybrid":
        info["candidates"] = library.settings.retrieval.candidates
        info["reranker"] = library.searcher.reranker is not None
    return info


def _searcher(library: Library, col: CollectionRecord, mode: str) -> Searcher:
    if mode == "hybrid":
        return lambda query, k: library.search([col.name], query, k=k)
    if mode == "dense":
        return lambda query, k: dense_search(library, col, query, k)
    from app.core.retrieval.lexical import LexicalIndexes

    indexes = LexicalIndexes(library.catalog, library.layout.lexical_index)
    return lambda query, k: lexical_search(library, col, indexes, query, k)


def dense_search(library: Library, col: CollectionRecord, query: str, k: int) -> list[Passage]:
    """Chroma's nearest chunks alone; score is cosine similarity."""
    embedder = library.embedder(col.embedding_model)
    hits = library.vectors_for(col).query(col.id, embedder.embed_query(query), k)
    records = library.catalog.chunks_by_ids([h.chunk_id for h in hits])
    scored = [(records[h.chunk_id], 1.0 - h.distance) for h in hits if h.chunk_id in records]
    return _passages(library, col, scored)


def lexical_search(
    library: Library, col: CollectionRecord, indexes: Any, query: str, k: int
) -> list[Passage]:
    """BM25 over Korean-aware tokens alone; score is the BM25 score."""
    from app.core.retrieval.tokenize import lexical_tokens

    hits = indexes.get(col.id).search(lexical_tokens(query), k)
    records = library.catalog.chunks_by_ids([h.chunk_id for h in hits])
    scored = [(records[h.chunk_id], h.score) for h in hits if h.chunk_id in records]
    return _passages(library, col, scored)


def _passages(
    library: Library, col: CollectionRecord, scored: Sequence[tuple[ChunkRecord, float]]
) -> list[Passage]:
    from app.core.retrieval.hybrid import passages_from_chunks

    return passages_from_chunks(library.catalog, col, scored)
