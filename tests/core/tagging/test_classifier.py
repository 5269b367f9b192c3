"""The decision rule of zero-shot tagging, with a fake embedder whose geometry is known:
each label is one axis, neutral sentences point anywhere, a document leans towards its kind."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from app.core.embeddings.base import Embedder
from app.core.errors import PagefoldError
from app.core.tagging.classifier import MARGIN, THRESHOLD, LabelClassifier, prompts

DIM = 32
LABELS = ["contract", "invoice", "계약서"]


class FakeAxisEmbedder(Embedder):
    """Label prompts embed onto the label's own axis; any other text onto a random direction
    equally close to every label."""

    def __init__(self, name: str = "fake-axes", languages: frozenset[str] | None = None) -> None:
        self.name = name
        self.dimension = DIM
        self.languages = languages

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        for axis, label in enumerate(LABELS):
            if text in prompts(label):
                return np.eye(DIM)[axis].tolist()
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
        v = np.random.default_rng(seed).normal(size=DIM)
        v[: len(LABELS)] = v[0]  # equally close to every label: no label is favoured by chance
        return (v / np.linalg.norm(v)).tolist()


def leaning(weights: dict[int, float], noise_seed: int = 0) -> list[float]:
    """A document vector: the given label axes plus a little noise elsewhere."""
    v = np.random.default_rng(noise_seed).normal(scale=0.05, size=DIM)
    v[: len(LABELS)] = 0.0
    for axis, weight in weights.items():
        v[axis] = weight
    return (v / np.linalg.norm(v)).tolist()


def test_prompts_speak_the_labels_language() -> None:
    assert prompts("contract") == ["contract", "This is a contract."]
    assert prompts("invoice") == ["invoice", "This is an invoice."]
    assert prompts("계약서") == ["계약서", "이것은 계약서입니다."]


def test_a_document_gets_the_label_it_leans_towards() -> None:
    classifier = LabelClassifier(FakeAxisEmbedder(), LABELS)
    tags = classifier.classify(leaning({0: 1.0}))
    assert [t for t, _ in tags] == ["contract"]
    assert tags[0][1] >= THRESHOLD


def test_no_tag_when_no_label_stands_out() -> None:
    classifier = LabelClassifier(FakeAxisEmbedder(), LABELS)
    unrelated = FakeAxisEmbedder().embed_documents(["A walk along the river at dusk."])[0]
    assert classifier.classify(unrelated) == []
    assert classifier.classify(leaning({0: 0.1, 1: 0.1}, noise_seed=3)) == []


def test_two_tags_only_when_both_fit_almost_equally_well() -> None:
    classifier = LabelClassifier(FakeAxisEmbedder(), LABELS)
    both = classifier.classify(leaning({0: 1.0, 1: 0.98}))
    assert [t for t, _ in both] == ["contract", "invoice"]
    assert both[0][1] - both[1][1] <= MARGIN
    one = classifier.classify(leaning({0: 1.0, 1: 0.6}))
    assert [t for t, _ in one] == ["contract"]


def test_scores_are_calibrated_per_label_not_raw_cosines() -> None:
    """The same document scores alike on any model scale: a model whose vectors all share a
    big common component (as e5's do) gives the same tags."""
    plain = LabelClassifier(FakeAxisEmbedder(), LABELS)

    class Shifted(FakeAxisEmbedder):
        def _vector(self, text: str) -> list[float]:
            v = np.asarray(super()._vector(text)) * 0.4
            v[-1] += 1.0  # every vector leans the same way: raw cosines all near 0.85
            return (v / np.linalg.norm(v)).tolist()

    shifted = LabelClassifier(Shifted("fake-shifted"), LABELS)
    doc = np.asarray(leaning({0: 1.0})) * 0.4
    doc[-1] += 1.0
    assert [t for t, _ in shifted.classify(doc.tolist())] == ["contract"]
    assert [t for t, _ in plain.classify(leaning({0: 1.0}))] == ["contract"]


def test_an_english_only_model_refuses_korean_labels() -> None:
    english_only = FakeAxisEmbedder("fake-en", languages=frozenset({"en"}))
    with pytest.raises(PagefoldError, match="계약서"):
        LabelClassifier(english_only, ["contract", "계약서"])
    assert LabelClassifier(english_only, ["contract"]).labels == ["contract"]
