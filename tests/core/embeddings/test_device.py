"""Embedders and the reranker on the GPU: the device rule, 16-bit, fitted batches, and the
fall back to the CPU when the GPU runs out of memory (checked here with a fake OOM)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch

from app.core.embeddings import accel
from app.core.embeddings.e5_torch import TorchE5Embedder

PASSAGES = [
    "Pagefold answers questions about your own documents.",
    "한국어 문서도 검색하고 인용합니다.",
    "The reranker reads the question and the passage together.",
]


def cosine(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_env_keeps_the_embedder_on_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setenv(accel.ENV, "cpu")
    assert accel.embed_device() == "cpu"
    monkeypatch.delenv(accel.ENV)
    assert accel.embed_device() == "cuda"


def test_16_bit_follows_native_bf16_and_batches_fit_the_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.core.models import accel as model_accel

    monkeypatch.setattr(model_accel, "native_bf16", lambda device: False)  # a T4
    assert accel.embed_dtype("cuda") == "float16" and accel.embed_dtype("cpu") == "float32"
    monkeypatch.setattr(model_accel, "memory_left", lambda device: 8 * 1024**3)
    big = accel.fitted_batch("cuda", 384, 512, 32)
    monkeypatch.setattr(model_accel, "memory_left", lambda device: 64 * 1024**2)
    small = accel.fitted_batch("cuda", 384, 512, 32)
    assert big == 227  # 2 GiB / (512 tokens x 384 hidden x 24 x 2 bytes)
    assert small == accel.MIN_BATCH
    assert accel.fitted_batch("cpu", 384, 512, 32) == 32


def test_out_of_memory_on_the_gpu_continues_on_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first batch on the 'GPU' raises CUDA's OOM; the vectors come from the CPU instead."""
    monkeypatch.setenv(accel.ENV, "cpu")
    expected = TorchE5Embedder().embed_documents(PASSAGES)
    embedder = TorchE5Embedder()
    embedder.device = "cuda"  # as if loaded on a GPU (the tensors stay where they are)
    real = embedder._encoder.pooled
    moved: list[str] = []

    def pooled(windows: list[Any]) -> Any:
        if embedder.device != "cpu":
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real(windows)

    monkeypatch.setattr(embedder._encoder, "pooled", pooled)
    monkeypatch.setattr(embedder._encoder, "to", lambda device, dtype: moved.append(device))
    monkeypatch.setattr(accel, "fitted_batch", lambda *a: 32)
    monkeypatch.setattr("app.core.embeddings.e5_torch.fitted_batch", lambda *a: 32)
    monkeypatch.setattr("app.core.models.accel.empty_cache", lambda device=None: None)

    vectors = embedder.embed_documents(PASSAGES)

    assert moved == ["cpu"] and embedder.device == "cpu"
    assert all(cosine(v, e) > 0.9999 for v, e in zip(vectors, expected, strict=True))


def test_other_errors_are_not_taken_for_out_of_memory() -> None:
    assert accel.is_out_of_memory(torch.cuda.OutOfMemoryError("x"))
    assert accel.is_out_of_memory(RuntimeError("MPS backend out of memory (MPS allocated...)"))
    assert not accel.is_out_of_memory(RuntimeError("shape mismatch"))


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_gpu_vectors_agree_with_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(accel.ENV, "cpu")
    on_cpu = TorchE5Embedder().embed_documents(PASSAGES * 20)
    monkeypatch.delenv(accel.ENV)
    gpu = TorchE5Embedder()
    on_gpu = gpu.embed_documents(PASSAGES * 20)

    assert gpu.device == "cuda"
    worst = min(cosine(a, b) for a, b in zip(on_gpu, on_cpu, strict=True))
    assert worst >= 0.999, worst
    assert not math.isnan(worst)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_minilm_on_the_gpu_agrees_with_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.embeddings.sentence import SentenceTransformerEmbedder, minilm_path

    monkeypatch.setenv(accel.ENV, "cpu")
    on_cpu = SentenceTransformerEmbedder("minilm", minilm_path()).embed_documents(PASSAGES)
    monkeypatch.delenv(accel.ENV)
    gpu = SentenceTransformerEmbedder("minilm", minilm_path())
    on_gpu = gpu.embed_documents(PASSAGES)

    assert gpu.device == "cuda"
    assert min(cosine(a, b) for a, b in zip(on_gpu, on_cpu, strict=True)) >= 0.999
