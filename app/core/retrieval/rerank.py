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

from app.core.errors import ModelError
from app.core.retrieval.model import Passage

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
        self._lock = threading.Lock()

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        """bfloat16 autocast where the CPU computes it natively, as the embedders do: 20
        passages with mMiniLMv2-L12 took 23.0 s against 40.9 s in float32 on the loaded
        build machine (``benchmarks/encoder_latency.py``)."""
        from app.core.embeddings.sentence import autocast, cpu_has_native_bf16

        if not passages:
            return []
        precision = self.precision
        if precision == "auto":
            precision = "bf16" if cpu_has_native_bf16() else "fp32"
        with self._lock, autocast(precision):
            scores = self._loaded().predict(
                [(query, p.text) for p in passages],
                batch_size=self.batch_size,
                show_progress_bar=False,
            )
        scored = [
            dataclasses.replace(p, score=float(s)) for p, s in zip(passages, scores, strict=True)
        ]
        return sorted(scored, key=lambda p: -p.score)

    def _loaded(self) -> Any:
        if self._model is None:
            self._model = _load_cross_encoder(self.model_path)
        return self._model


def _load_cross_encoder(folder: Path) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import CrossEncoder

        from app.core.embeddings.sentence import quiet_loading

        with quiet_loading():
            return CrossEncoder(
                str(folder),
                device="cpu",
                local_files_only=True,
                trust_remote_code=False,
                model_kwargs={"use_safetensors": True},
                max_length=MAX_LENGTH,
            )
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
