"""Tiny random-weight encoders of the real architectures, saved as safetensors.

Speed and wiring do not depend on the weight values, so these stand in for the catalog's
rerankers and embedders, whose weights cannot be downloaded here. A BERT word-piece vocabulary
of the test words keeps them a few kilobytes.
"""

from __future__ import annotations

import json
from pathlib import Path

WORDS = [
    "telescope", "mount", "hex", "key", "warranty", "motor", "drive", "years", "cafeteria",
    "opens", "weekdays", "install", "tool", "need", "what", "the", "a", "of", "is", "when",
    "휴가", "출장비", "영수증", "연차",
]  # fmt: skip


_ST = "sentence_transformers.models"


def _tokenizer(folder: Path) -> None:
    from transformers import BertTokenizer

    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    BertTokenizer(vocab={t: i for i, t in enumerate(tokens)}).save_pretrained(folder)


def _config(**extra: object):  # type: ignore[no-untyped-def]
    from transformers import BertConfig

    return BertConfig(
        vocab_size=5 + len(WORDS),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        **extra,
    )


def make_cross_encoder(folder: Path, seed: int = 0) -> dict[str, bytes]:
    """A one-layer BERT cross-encoder (one relevance score); returns its files' bytes."""
    import torch
    from transformers import BertForSequenceClassification

    folder.mkdir(parents=True, exist_ok=True)
    _tokenizer(folder)
    torch.manual_seed(seed)
    config = _config()
    config.num_labels = 1
    BertForSequenceClassification(config).save_pretrained(folder, safe_serialization=True)
    return _files(folder)


def make_embedder(folder: Path, seed: int = 1, hidden: int = 32) -> dict[str, bytes]:
    """A one-layer BERT sentence embedder (mean pooling) of ``hidden`` dimensions."""
    import torch
    from transformers import BertModel

    folder.mkdir(parents=True, exist_ok=True)
    _tokenizer(folder)
    torch.manual_seed(seed)
    config = _config()
    config.hidden_size = hidden
    BertModel(config).save_pretrained(folder, safe_serialization=True)
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": f"{_ST}.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": f"{_ST}.Pooling"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True}),
        encoding="utf-8",
    )
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": 128, "do_lower_case": False}), encoding="utf-8"
    )
    return _files(folder)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
