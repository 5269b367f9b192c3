"""Where embedders and rerankers run: a CUDA or Apple GPU in 16-bit when there is one.

Why: indexing a large folder is embedding-bound (about 25 passages/s on two CPU threads), and
an encoder of 20-300 M parameters runs one to two orders of magnitude faster on any GPU. The
dtype follows the language model's rule (bfloat16 only where native, ``models/accel.py``),
batch sizes are fitted to the memory left, and an out-of-memory moves the encoder to the CPU
for good instead of failing the ingest. ``PAGEFOLD_EMBED_DEVICE=cpu`` keeps it on the CPU
(e.g. to leave the whole GPU to a large language model).
"""

from __future__ import annotations

import logging
import os
from typing import Literal

log = logging.getLogger(__name__)

EmbedDevice = Literal["cuda", "mps", "cpu"]
ENV = "PAGEFOLD_EMBED_DEVICE"
#: Activation bytes per token and hidden unit in a BERT layer pass (q, k, v, attention out,
#: 4x FFN, norms; kept for one layer at a time under inference mode), with margin.
_ACTIVATION_FACTOR = 24
#: Share of the free memory one batch may take (the language model may be resident too).
_BATCH_SHARE = 0.25
MIN_BATCH, MAX_BATCH = 8, 512


def embed_device() -> EmbedDevice:
    """``PAGEFOLD_EMBED_DEVICE`` when set (cpu, cuda, mps), else CUDA, then MPS, then CPU."""
    wanted = os.environ.get(ENV, "auto").strip().lower()
    if wanted == "cpu":
        return "cpu"
    import torch

    cuda = torch.cuda.is_available()
    backend = getattr(torch.backends, "mps", None)
    mps = bool(backend is not None and backend.is_available())
    if (wanted == "cuda" and not cuda) or (wanted == "mps" and not mps):
        log.warning("%s=%s is not available here; embedding on the CPU", ENV, wanted)
        return "cpu"
    if wanted in ("cuda", "mps"):
        return wanted  # type: ignore[return-value]
    return "cuda" if cuda else "mps" if mps else "cpu"


def embed_dtype(device: str) -> str:
    """bfloat16 where the GPU computes it natively, else float16; float32 on the CPU."""
    if device == "cpu":
        return "float32"
    from app.core.models.accel import native_bf16

    return "bfloat16" if native_bf16(device) else "float16"


def fitted_batch(device: str, hidden: int, tokens: int, default: int) -> int:
    """The largest batch whose activations take a quarter of the free memory, within bounds;
    ``default`` on the CPU, where larger batches do not run faster."""
    if device == "cpu":
        return default
    from app.core.models.accel import memory_left

    left = memory_left(device)
    if left is None:
        return default
    per_sequence = max(tokens, 1) * hidden * _ACTIVATION_FACTOR * 2
    fits = int(left * _BATCH_SHARE) // per_sequence
    return max(MIN_BATCH, min(MAX_BATCH, fits))


def is_out_of_memory(exc: BaseException) -> bool:
    """CUDA's and Metal's out-of-memory errors (Metal raises a plain RuntimeError)."""
    import torch

    if isinstance(exc, torch.cuda.OutOfMemoryError):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def after_oom(device: str, what: str) -> None:
    """Log the fallback and give the cached blocks back before the CPU takes over."""
    from app.core.models.accel import empty_cache

    log.warning("%s ran out of %s memory; it continues on the CPU", what, device.upper())
    empty_cache(device)
