"""Embedders that run one call per core get several calls at once; every passage still lands."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from app.core.config import Settings
from app.core.documents.tokens import estimate_tokens
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
    settings.retrieval.chunk_overlap = 0  # each vector is then exactly its passage's text
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


class TokenCountingEmbedder(CountingEmbedder):
    """A model whose tokenizer finds "dense" passages ten times longer; logs each batch."""

    def __init__(self) -> None:
        super().__init__(1)
        self.batches: list[list[str]] = []

    def token_lengths(self, texts: list[str]) -> list[int]:
        return [len(t) * (10 if "dense" in t else 1) for t in texts]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.batches.append(list(texts))
        return super().embed_documents(texts)


def test_batches_group_passages_of_equal_token_length_not_character_length(
    settings: Settings, tmp_path: Path
) -> None:
    """A batch is padded to its longest passage, and Korean has about three times the tokens
    of English per character: passages must be batched by the model's count, not characters."""
    paragraphs = []
    for i in range(4 * EMBED_BATCH):
        kind = "dense" if i % 2 else "light"
        words = [kind] + [f"w{i}x{j}" for j in range(12 + i % 9)]
        while estimate_tokens(" ".join(words)) > 60:
            words.pop()
        paragraphs.append(" ".join(words))
    assert all(estimate_tokens(p) > 33 for p in paragraphs), "two would share a chunk"
    (tmp_path / "mixed.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    settings.retrieval.chunk_tokens, settings.retrieval.chunk_overlap = 64, 0
    library = Library(settings)
    embedder = TokenCountingEmbedder()
    library.embedder = lambda _name: embedder  # type: ignore[method-assign]
    try:
        report = library.ingest("notes", [tmp_path / "mixed.txt"])
        assert report.chunks == len(paragraphs)
        mixed = [b for b in embedder.batches if len({"dense" in t for t in b}) > 1]
        assert len(mixed) <= 1, "batches mixed short and long passages"
    finally:
        library.close()
