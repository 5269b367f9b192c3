"""Embedders that run one call per core get several calls at once; every passage still lands."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from app.core.config import Settings
from app.core.embeddings.base import Embedder
from app.core.indexing.pipeline import EMBED_BATCH
from app.core.library import Library


class CountingEmbedder(Embedder):
    """Slow enough for calls to overlap; records how many ran at the same time."""

    def __init__(self, parallel_calls: int) -> None:
        self.name, self.dimension = "counting", 8
        self.parallel_calls = parallel_calls
        self.running = self.most = 0
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self._lock:
            self.running -= 1
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    @staticmethod
    def _vector(text: str) -> list[float]:
        words = text.lower().split()
        raw = [1.0 + sum(hash(w) % 7 == i for w in words) for i in range(8)]
        norm = sum(v * v for v in raw) ** 0.5
        return [v / norm for v in raw]


@pytest.mark.parametrize("width", [1, 3])
def test_embedding_calls_overlap_up_to_what_the_embedder_allows(
    settings: Settings, tmp_path: Path, width: int
) -> None:
    lines = [f"Paragraph {i} talks about topic {i % 17} and nothing else." for i in range(2000)]
    (tmp_path / "long.txt").write_text("\n\n".join(lines), encoding="utf-8")
    library = Library(settings)
    embedder = CountingEmbedder(width)
    library.embedder = lambda _name: embedder  # type: ignore[method-assign]
    try:
        report = library.ingest("notes", [tmp_path / "long.txt"])
        assert report.chunks > 3 * EMBED_BATCH  # enough batches to overlap
        assert embedder.most == width
        assert library.consistency("notes")["vectors"] == report.chunks
        col = library.collection("notes")
        chunks = library.catalog.chunks(report.results[0].document_id)
        stored = library.vectors.handle(col.id).get(
            ids=[c.id for c in chunks], include=["embeddings"]
        )
        by_id = dict(zip(stored["ids"], stored["embeddings"], strict=True))
        for chunk in chunks:  # each passage's vector is its own text's, whatever the order
            assert by_id[chunk.id] == pytest.approx(embedder.embed_query(chunk.text))
    finally:
        library.close()
