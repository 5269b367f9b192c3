"""What each catalog embedder and reranker costs per question on this CPU, beside the default.

    .venv/bin/python benchmarks/encoder_latency.py [--questions 10] [--rerank-reps 3]

The catalog's weights cannot be downloaded here, so each option is built with random weights at
its real architecture and size (XLM-RoBERTa: e5-small/base/large, mMiniLMv2-L12-H384 and
bge-reranker-v2-m3): a forward pass costs the same whatever the weight values. Inputs are real:
devset questions (Korean and English) and 20 devset passages split as Pagefold splits them
(20 is what search hands a reranker, ``RERANK_AT_LEAST``), tokenized with e5's XLM-R vocabulary,
which all five share. Pairs are truncated at 512 tokens, as ``CrossEncoderReranker`` does, and
batched longest first, as ``CrossEncoder.predict`` does. Rerankers are timed in float32 (what
``CrossEncoderReranker`` runs) and, on a CPU with native bfloat16, with bfloat16 autocast too.

The default (the bundled e5-small through ``TorchE5Embedder``) is measured in the same run, and
every option is timed alternately with it, so a busy machine slows both alike; the ratio is the
number to read. Prints medians in milliseconds, the thread count and the load average.

On a loaded machine use ``--threads 1``: with more torch threads than idle cores, each parallel
region waits for its slowest descheduled thread. On the 2-core build machine at load average 10
the default's query embedding took 636-1208 ms with 2 threads against 84-98 ms with 1, which is
what made an earlier run report 14 s and 56 s for the rerankers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
if not DEVSET.exists():
    DEVSET = Path("/work/shared/devset")
MAX_LENGTH = 512
RERANK_PASSAGES = 20
RERANK_BATCH = 16  # CrossEncoderReranker's batch size


@dataclass(frozen=True)
class Arch:
    label: str
    hidden: int
    layers: int
    heads: int
    intermediate: int
    max_positions: int = 514


EMBEDDERS = [
    Arch("multilingual-e5-small", 384, 12, 12, 1536),
    Arch("multilingual-e5-base", 768, 12, 12, 3072),
    Arch("multilingual-e5-large", 1024, 24, 16, 4096),
]
RERANKERS = [
    Arch("mmarco-mminilmv2-l12 (rerank 20)", 384, 12, 12, 1536),
    Arch("bge-reranker-v2-m3 (rerank 20)", 1024, 24, 16, 4096, 8194),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--rerank-reps", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=0, help="torch threads (0: torch's default, the cores)"
    )
    args = parser.parse_args()

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)

    from app.core.embeddings.e5_torch import TorchE5Embedder

    default = TorchE5Embedder()
    tokenizer = default._tokenizer
    questions = _questions(args.questions)
    passages = _passages(RERANK_PASSAGES)
    for q in questions[:2]:
        default.embed_query(q)  # warm
    torch.manual_seed(0)
    print(
        f"torch threads {torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f}, "
        f"precision {default.precision}, {len(questions)} questions, "
        f"{len(passages)} passages of median {_median_tokens(tokenizer, passages)} tokens"
    )
    print(f"{'option':40} {'median ms':>10} {'default ms':>11} {'x default':>10}")
    rows: list[dict[str, Any]] = []

    def query_default() -> None:
        for q in questions:
            default.embed_query(q)

    for arch in EMBEDDERS:
        model = _model(arch, reranker=False)
        ids = [_ids(tokenizer, f"query: {q}") for q in questions]

        def run_embedder(model: Any = model, ids: list[list[int]] = ids) -> None:
            for one in ids:
                _forward(model, [one], default.precision)

        mine, base = _alternate(run_embedder, query_default, reps=3)
        rows.append(_row(arch.label + " (query)", mine / len(questions), base / len(questions)))
        del model
    precisions = ["fp32", "bf16"] if default.precision == "bf16" else ["fp32"]
    for arch in RERANKERS:
        model = _model(arch, reranker=True)
        # longest first, as CrossEncoder.predict batches them (less padding per batch)
        pairs = sorted((_pair(tokenizer, questions[0], p) for p in passages), key=len)[::-1]
        for precision in precisions:

            def run_reranker(
                model: Any = model, pairs: list[list[int]] = pairs, precision: str = precision
            ) -> None:
                for start in range(0, len(pairs), RERANK_BATCH):
                    _forward(model, pairs[start : start + RERANK_BATCH], precision)

            _forward(model, pairs[-2:], precision)  # warm on a small batch: a full one is slow
            mine, base = _alternate(run_reranker, query_default, reps=args.rerank_reps, warm=False)
            rows.append(_row(f"{arch.label} {precision}", mine, base / len(questions)))
        del model
    out = Path(".cache/encoder_latency.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


def _row(label: str, ms: float, default_ms: float) -> dict[str, Any]:
    print(f"{label:40} {ms:10.1f} {default_ms:11.1f} {ms / default_ms:10.1f}", flush=True)
    return {"option": label, "median_ms": ms, "default_ms": default_ms}


def _alternate(
    mine: Callable[[], None], base: Callable[[], None], reps: int, warm: bool = True
) -> tuple[float, float]:
    """Median ms of each, run in turn so background load hits both; one warm-up each."""
    if warm:
        mine()
    base()
    a: list[float] = []
    b: list[float] = []
    for _ in range(reps):
        a.append(_timed(mine))
        b.append(_timed(base))
    return statistics.median(a), statistics.median(b)


def _timed(fn: Callable[[], None]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _model(arch: Arch, reranker: bool) -> Any:
    import torch
    from transformers import (
        XLMRobertaConfig,
        XLMRobertaForSequenceClassification,
        XLMRobertaModel,
    )

    config = XLMRobertaConfig(
        vocab_size=250_002,
        hidden_size=arch.hidden,
        num_hidden_layers=arch.layers,
        num_attention_heads=arch.heads,
        intermediate_size=arch.intermediate,
        max_position_embeddings=arch.max_positions,
        num_labels=1,
    )
    with torch.no_grad():
        model = (XLMRobertaForSequenceClassification if reranker else XLMRobertaModel)(config)
    return model.eval()


def _forward(model: Any, batch: list[list[int]], precision: str) -> None:
    """One padded batch through the encoder, with the attention mask, as the loaders run it."""
    import torch

    from app.core.embeddings.sentence import autocast

    width = max(len(x) for x in batch)
    ids = torch.ones((len(batch), width), dtype=torch.long)  # 1 = XLM-R's <pad>
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, one in enumerate(batch):
        ids[row, : len(one)] = torch.tensor(one)
        mask[row, : len(one)] = 1
    with torch.inference_mode(), autocast(precision):
        model(input_ids=ids, attention_mask=mask)


def _ids(tokenizer: Any, text: str) -> list[int]:
    return [tokenizer.bos, *tokenizer.ids(text)[: MAX_LENGTH - 2], tokenizer.eos]


def _pair(tokenizer: Any, question: str, passage: str) -> list[int]:
    """<s> question </s></s> passage </s>, the passage truncated to fit 512 tokens."""
    q = tokenizer.ids(question)[:64]
    p = tokenizer.ids(passage)[: MAX_LENGTH - len(q) - 4]
    return [tokenizer.bos, *q, tokenizer.eos, tokenizer.eos, *p, tokenizer.eos]


def _median_tokens(tokenizer: Any, passages: list[str]) -> int:
    return int(statistics.median(len(tokenizer.ids(p)) for p in passages))


def _questions(limit: int) -> list[str]:
    lines = (DEVSET / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()][:limit]


def _passages(limit: int) -> list[str]:
    from app.core.documents.loaders import load_document
    from app.core.documents.splitter import split_document
    from app.core.indexing.pipeline import with_heading

    texts: list[str] = []
    for name in ("R-data.pdf", "debian-faq.ko.txt"):
        chunks = split_document(load_document(DEVSET / name))
        texts += [with_heading(c) for c in chunks[5 : 5 + limit // 2]]
    return texts


if __name__ == "__main__":
    main()
