"""bfloat16 embedding: faster on CPUs that have it, and it must not change what search finds."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.embeddings.sentence import (
    SentenceTransformerEmbedder,
    minilm_path,
)

PASSAGES = [
    "read.csv reads a file in table format and creates a data frame from it.",
    "The capital of France is Paris, on the river Seine.",
    "Use install.packages() to add a package from CRAN to your library.",
    "Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.",
]
QUESTIONS = {
    "How do I load a CSV file into a data frame?": 0,
    "Which river flows through Paris?": 1,
    "How can I install an R package?": 2,
    "How do plants make sugar from light?": 3,
}


@pytest.fixture(scope="module")
def both() -> tuple[SentenceTransformerEmbedder, SentenceTransformerEmbedder]:
    return (
        SentenceTransformerEmbedder("minilm", minilm_path(), precision="fp32"),
        SentenceTransformerEmbedder("minilm", minilm_path(), precision="bf16"),
    )


def test_bf16_vectors_match_fp32_and_find_the_same_passages(
    both: tuple[SentenceTransformerEmbedder, SentenceTransformerEmbedder],
) -> None:
    fp32, bf16 = both
    a = np.asarray(fp32.embed_documents(PASSAGES))
    b = np.asarray(bf16.embed_documents(PASSAGES))
    assert np.min(np.sum(a * b, axis=1)) > 0.999  # both are unit vectors
    for question, expected in QUESTIONS.items():
        for embedder, passages in ((fp32, a), (bf16, b)):
            scores = passages @ np.asarray(embedder.embed_query(question))
            assert int(np.argmax(scores)) == expected, (embedder.precision, question)
