"""Optional cross-encoder rerank of the fused candidates.

Why optional: a cross-encoder reads question and passage together and orders better than any
fusion, but no multilingual reranker ships on the package registry, so it is used when the user
has downloaded one (``reranker_choice.py`` picks it); without one, search keeps the fusion order.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.embeddings.accel import after_oom, embed_device, embed_dtype, is_out_of_memory
from app.core.errors import ModelError
from app.core.storage.passage import Passage

if TYPE_CHECKING:
    from app.core.embeddings.sentence import Precision

log = logging.getLogger(__name__)

#: Tokens per (question, passage) pair. bge-reranker-v2-m3 declares 8,192, and a batch is padded
#: to its longest pair; Pagefold's passages are 256 tokens, so 512 cuts nothing real and bounds
#: the cost of a pathological passage.
MAX_LENGTH = 512


class Reranker(Protocol):
    """Reorders passages for a question; each returned passage's score is the reranker's."""

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]: ...


class CrossEncoderReranker:
    """A sentence-transformers ``CrossEncoder`` from a local folder, loaded at first use."""

    def __init__(
        self, model_path: Path | str, batch_size: int = 16, precision: Precision = "auto"
    ) -> None:
        self.model_path = Path(model_path)
        self.batch_size = batch_size
        self.precision = precision
        self._model: Any = None
        self._device = "cpu"
        self._lock = threading.Lock()

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        """bfloat16 autocast where the CPU computes it natively, as the embedders do: 20
        passages with mMiniLMv2-L12 took 23.0 s against 40.9 s in float32 on the loaded
        build machine (``benchmarks/encoder_latency.py``)."""
        from app.core.embeddings.sentence import cpu_has_native_bf16

        if not passages:
            return []
        pairs = [(query, p.text) for p in passages]
        precision = self.precision
        if precision == "auto":
            precision = "bf16" if cpu_has_native_bf16() else "fp32"
        with self._lock:
            try:
                scores = self._predict(pairs, precision)
            except RuntimeError as exc:  # out of GPU memory: continue on the CPU
                if not is_out_of_memory(exc) or self._device == "cpu":
                    raise
                after_oom(self._device, "The reranker")
                self._loaded().model.to("cpu", torch_float32())
                self._device = "cpu"
                scores = self._predict(pairs, precision)
        scored = [
            dataclasses.replace(p, score=float(s)) for p, s in zip(passages, scores, strict=True)
        ]
        return sorted(scored, key=lambda p: -p.score)

    def _predict(self, pairs: list[tuple[str, str]], precision: str) -> Any:
        """On the CPU in bfloat16 autocast where it is native; on a GPU the weights are
        already 16-bit (``embeddings/accel.py``)."""
        from app.core.embeddings.sentence import autocast

        model = self._loaded()
        with autocast(precision if self._device == "cpu" else "fp32"):
            return model.predict(pairs, batch_size=self.batch_size, show_progress_bar=False)

    def _loaded(self) -> Any:
        if self._model is None:
            self._device = embed_device()
            self._model = _load_cross_encoder(self.model_path, self._device)
        return self._model


def torch_float32() -> Any:
    import torch

    return torch.float32


def _load_cross_encoder(folder: Path, device: str = "cpu") -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import CrossEncoder

        from app.core.embeddings.sentence import quiet_loading

        with quiet_loading():
            encoder = CrossEncoder(
                str(folder),
                device="cpu",
                local_files_only=True,
                trust_remote_code=False,
                model_kwargs={"use_safetensors": True},
                max_length=MAX_LENGTH,
            )
        if device != "cpu":  # 16-bit on the GPU (embeddings/accel.py)
            import torch

            encoder.model.to(device, getattr(torch, embed_dtype(device)))
        return encoder
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"The reranker in {folder} cannot be loaded: {exc}") from exc


def usable_reranker_folder(path: Path) -> bool:
    """A folder with a config and safetensors weights (the only weights Pagefold loads)."""
    return path.is_dir() and (path / "config.json").is_file() and any(path.glob("*.safetensors"))


def load_reranker(path: Path | str | None) -> Reranker | None:
    """A reranker for the folder at ``path``, or ``None`` (search without rerank) when absent."""
    if path is None or str(path) == "":
        return None
    folder = Path(path).expanduser()
    if not usable_reranker_folder(folder):
        log.info("no usable reranker model in %s; results keep the fusion order", folder)
        return None
    return CrossEncoderReranker(folder)
