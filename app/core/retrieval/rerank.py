"""Optional cross-encoder rerank of the fused candidates.

Why optional: a cross-encoder reads question and passage together and orders better than any
fusion, but no multilingual reranker ships on the package registry, so it is used only when the
user has put one in a folder; without one, search keeps the fusion order.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from app.core.embeddings.accel import after_oom, embed_device, embed_dtype, is_out_of_memory
from app.core.errors import ModelError
from app.core.retrieval.model import Passage

log = logging.getLogger(__name__)


class Reranker(Protocol):
    """Reorders passages for a question; each returned passage's score is the reranker's."""

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]: ...


class CrossEncoderReranker:
    """A sentence-transformers ``CrossEncoder`` from a local folder, loaded at first use."""

    def __init__(self, model_path: Path | str, batch_size: int = 16) -> None:
        self.model_path = Path(model_path)
        self.batch_size = batch_size
        self._model: Any = None
        self._device = "cpu"
        self._lock = threading.Lock()

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        if not passages:
            return []
        pairs = [(query, p.text) for p in passages]
        with self._lock:
            try:
                scores = self._predict(pairs)
            except RuntimeError as exc:  # out of GPU memory: continue on the CPU
                if not is_out_of_memory(exc) or self._device == "cpu":
                    raise
                after_oom(self._device, "The reranker")
                self._loaded().model.to("cpu", torch_float32())
                self._device = "cpu"
                scores = self._predict(pairs)
        scored = [
            dataclasses.replace(p, score=float(s)) for p, s in zip(passages, scores, strict=True)
        ]
        return sorted(scored, key=lambda p: -p.score)

    def _predict(self, pairs: list[tuple[str, str]]) -> Any:
        return self._loaded().predict(pairs, batch_size=self.batch_size, show_progress_bar=False)

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
