"""Test doubles for the robustness suite: an instant embedder that can also be slowed down
or made to fail, to test the pipeline's behaviour rather than the meaning of vectors."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

from app.core.embeddings.base import Embedder
from app.core.indexing.priority import thread_nice


class FakeEmbedder(Embedder):
    """Deterministic 32-dimensional unit vectors from a hash of the text."""

    def __init__(self, delay_s: float = 0.0, before_batch: Callable[[int], None] | None = None):
        self.name = "fake-embedder"
        self.dimension = 32
        self.delay_s = delay_s
        self.before_batch = before_batch
        self.batches = 0
        self.texts = 0
        self.threads: set[str] = set()
        self.nice: set[int | None] = set()
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            self.batches += 1
            self.texts += len(texts)
            self.threads.add(threading.current_thread().name)
            self.nice.add(thread_nice())
            batch = self.batches
        if self.before_batch is not None:
            self.before_batch(batch)
        if self.delay_s:
            time.sleep(self.delay_s)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        raw = hashlib.blake2b(text.encode("utf-8"), digest_size=32).digest()
        values = [b - 127.5 for b in raw]
        norm = sum(v * v for v in values) ** 0.5
        return [v / norm for v in values]
