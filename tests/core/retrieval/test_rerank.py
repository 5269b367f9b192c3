"""The optional cross-encoder stage: off without a model, on with a real (tiny) one."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.retrieval.rerank import CrossEncoderReranker, load_reranker
from app.core.storage.passage import Passage

KOREAN_WORDS = ["데비안", "코드명", "토이", "스토리", "패키지", "보류", "라면", "물"]
WORDS = [*KOREAN_WORDS, "read", "fwf", "files"]


def passage(n: int, text: str) -> Passage:
    return Passage(f"c{n}", text, 1, "a.txt", "a", 1, n * 100, n * 100 + len(text), 0.01 * n)


PASSAGES = [
    passage(1, "데비안 코드명 토이 스토리"),
    passage(2, "패키지 보류"),
    passage(3, "read fwf files"),
    passage(4, "라면 물"),
]


def test_no_path_or_missing_folder_switches_rerank_off(tmp_path: Path) -> None:
    assert load_reranker(None) is None
    assert load_reranker("") is None
    assert load_reranker(tmp_path / "absent") is None


def test_folder_without_safetensors_weights_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    assert load_reranker(tmp_path) is None


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer BERT cross-encoder with random weights, saved as safetensors."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    folder = tmp_path_factory.mktemp("cross-encoder")
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    BertTokenizer(vocab={t: i for i, t in enumerate(tokens)}).save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=5 + len(WORDS),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
    )
    config.num_labels = 1  # one relevance score per (question, passage) pair
    BertForSequenceClassification(config).save_pretrained(folder, safe_serialization=True)
    return folder


@pytest.mark.slow
def test_cross_encoder_scores_and_orders_every_candidate(tiny_cross_encoder: Path) -> None:
    reranker = load_reranker(tiny_cross_encoder)
    assert isinstance(reranker, CrossEncoderReranker)
    ranked = reranker.rerank("데비안 코드명", PASSAGES)
    assert sorted(p.chunk_id for p in ranked) == sorted(p.chunk_id for p in PASSAGES)
    scores = [p.score for p in ranked]
    assert scores == sorted(scores, reverse=True)
    assert {p.score for p in ranked}.isdisjoint({p.score for p in PASSAGES})
    for p in ranked:  # each score belongs to its own passage, not to a position
        alone = reranker.rerank(
            "데비안 코드명", [next(x for x in PASSAGES if x.chunk_id == p.chunk_id)]
        )
        assert alone[0].score == pytest.approx(p.score, abs=1e-5)
    assert reranker.rerank("데비안", []) == []
