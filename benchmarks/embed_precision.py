"""Embedding speed and agreement: float32 beside bfloat16 autocast, same model, same passages.

    .venv/bin/python benchmarks/embed_precision.py [--passages 200]

Pagefold embeds with bfloat16 autocast on CPUs that compute bfloat16 natively (AVX512-BF16,
AMX) and float32 elsewhere. This prints both speeds on the devset's passages (English R manual
and Korean Debian FAQ, split as Pagefold splits them), the ratio, and how far the bfloat16
vectors are from the float32 ones (cosine), plus whether each passage's nearest neighbours among
the others stay the same (top-5 overlap), which is what retrieval sees.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

from app.core.documents.model import ParsedDocument
from app.core.embeddings.sentence import (
    SentenceTransformerEmbedder,
    cpu_has_native_bf16,
    minilm_path,
)

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def passages(limit: int) -> list[str]:
    from app.core.documents.loaders import load_document
    from app.core.documents.splitter import split_document
    from app.core.indexing.pipeline import with_heading

    docs: list[ParsedDocument] = []
    for name in ("R-data.pdf", "debian-faq.ko.txt"):
        if (DEVSET / name).exists():
            docs.append(load_document(DEVSET / name))
    if not docs:
        raise SystemExit("the devset is not beside the checkout (../shared/devset)")
    texts: list[str] = []
    for doc in docs:  # half from each, so both languages weigh the same
        texts += [with_heading(c) for c in split_document(doc)][: limit // len(docs)]
    return texts


def timed(embedder: SentenceTransformerEmbedder, texts: list[str]) -> tuple[float, np.ndarray]:
    embedder.embed_documents(texts[:8])  # warm-up: first-call allocations are not throughput
    best, vectors = float("inf"), np.empty(0)
    for _ in range(2):
        start = time.perf_counter()
        vectors = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
        best = min(best, time.perf_counter() - start)
    return best, vectors


def neighbour_overlap(a: np.ndarray, b: np.ndarray, k: int = 5) -> float:
    def top(v: np.ndarray) -> np.ndarray:
        sims = v @ v.T
        np.fill_diagonal(sims, -np.inf)
        return np.argsort(-sims, axis=1)[:, :k]

    ta, tb = top(a), top(b)
    return float(np.mean([len(set(x) & set(y)) / k for x, y in zip(ta, tb, strict=True)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=200)
    args = parser.parse_args()
    texts = passages(args.passages)
    print(f"{len(texts)} passages; CPU has native bfloat16: {cpu_has_native_bf16()}")
    fp32 = SentenceTransformerEmbedder("minilm", minilm_path(), precision="fp32")
    bf16 = SentenceTransformerEmbedder("minilm", minilm_path(), precision="bf16")
    s32, v32 = timed(fp32, texts)
    s16, v16 = timed(bf16, texts)
    cos = np.sum(v32 * v16, axis=1)
    print(f"{'precision':>9} {'seconds':>8} {'passages/s':>11}")
    print(f"{'float32':>9} {s32:8.2f} {len(texts) / s32:11.1f}")
    print(f"{'bfloat16':>9} {s16:8.2f} {len(texts) / s16:11.1f}")
    print(f"bfloat16 speed-up: {s32 / s16:.2f}x")
    print(f"cosine(bf16, fp32): min {cos.min():.5f}, mean {cos.mean():.5f}")
    print(f"top-5 neighbours unchanged: {neighbour_overlap(v32, v16):.1%}")


if __name__ == "__main__":
    main()
