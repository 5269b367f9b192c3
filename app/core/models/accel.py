"""Facts about the accelerator that the load plan, the hardware fit and the embedders share.

One rule each, so two modules can no longer disagree: ``native_bf16`` decides bfloat16 (compute
capability 8.0 or higher on CUDA; ``torch.cuda.is_bf16_supported()`` alone also answers True on
T4/V100/RTX 20xx cards, where bfloat16 is emulated and several times slower than float16),
``memory_left`` says how much memory a model may still take, and ``kv_context_cap`` turns the
memory left after loading into a context window the KV cache can really hold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

#: Bytes per element of each dtype Pagefold loads.
DTYPE_BYTES = {"bfloat16": 2, "float16": 2, "float32": 4}
#: Model families whose activations overflow float16 (Gemma-2's logit soft-capping, Gemma-3).
FP16_UNSAFE = ("gemma2", "gemma3", "gemma3_text")
#: Share of the memory left after loading that the KV cache may take; the rest is for
#: activations (a 2,000-token prefill of a 7B model needs about 0.5 GB of them).
KV_SHARE = 0.8
#: Share of available RAM a CPU model's KV cache may take (the OS and the app keep the rest).
CPU_KV_SHARE = 0.5
#: Never fewer tokens than this, even when memory is short: a question with a few sources.
MIN_CONTEXT = 1024


class TextConfig(Protocol):
    """The parts of a transformers config the KV-cache size depends on."""

    num_hidden_layers: int
    num_attention_heads: int
    hidden_size: int


def cuda_capability_has_bf16(capability: tuple[int, int] | None) -> bool:
    """Native bfloat16 tensor cores arrived with Ampere (compute capability 8.0)."""
    return capability is not None and tuple(capability) >= (8, 0)


def native_bf16(device: str) -> bool:
    """Whether ``device`` computes bfloat16 natively, not by emulation."""
    import torch

    if device == "cuda":
        if not torch.cuda.is_available():
            return False
        if not cuda_capability_has_bf16(tuple(torch.cuda.get_device_capability())):  # type: ignore[arg-type]
            return False
        try:
            return bool(torch.cuda.is_bf16_supported(including_emulation=False))
        except TypeError:  # older torch without the argument: the capability decided
            return True
    if device == "mps":
        return mps_has_bf16()
    return False


def mps_has_bf16() -> bool:
    """Metal computes bfloat16 from macOS 14 on."""
    import torch

    mps = getattr(torch.backends, "mps", None)
    check = getattr(mps, "is_macos_or_newer", None)
    try:
        return bool(check(14, 0)) if check is not None else False
    except (RuntimeError, TypeError):
        return False


def gpu_dtype(device: str, model_type: str | None = None) -> str:
    """bfloat16 where native; float16 otherwise, except for families that overflow in float16,
    which get float32 instead (Gemma-2 on an old Mac writes NaNs in float16)."""
    if native_bf16(device):
        return "bfloat16"
    if model_type in FP16_UNSAFE:
        return "float32"
    return "float16"


def model_type_of(folder: Path, gguf_file: str | None = None) -> str | None:
    """The architecture name (``llama``, ``gemma2``...) from config.json or the GGUF header."""
    try:
        if gguf_file:
            from gguf import GGUFReader

            field = GGUFReader(str(folder / gguf_file)).fields["general.architecture"]
            return bytes(field.parts[field.data[0]]).decode("utf-8")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        value = config.get("model_type") or config.get("text_config", {}).get("model_type")
        return str(value) if value else None
    except (OSError, ValueError, KeyError, IndexError, ImportError):
        return None


def memory_left(device: str) -> int | None:
    """Bytes a model may still take on ``device``: free VRAM, Metal's recommended working set
    minus what is allocated, or a share of available RAM on the CPU."""
    import torch

    if device == "cuda" and torch.cuda.is_available():
        free, _total = torch.cuda.mem_get_info()
        return int(free)
    if device == "mps":
        mps = getattr(torch, "mps", None)
        if mps is None or not hasattr(mps, "recommended_max_memory"):
            return None
        return int(mps.recommended_max_memory()) - int(mps.driver_allocated_memory())
    import psutil

    return int(psutil.virtual_memory().available * CPU_KV_SHARE / KV_SHARE)


def empty_cache(device: str | None = None) -> None:
    """Give cached blocks back to the driver (CUDA and Metal keep them otherwise)."""
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    mps = getattr(torch, "mps", None)
    backend = getattr(torch.backends, "mps", None)
    if device not in ("mps", None) or mps is None or backend is None:
        return
    if backend.is_available() and hasattr(mps, "empty_cache"):
        mps.empty_cache()


def kv_bytes_per_token(config: TextConfig, dtype: str) -> int:
    """Keys and values of one token across all layers: layers x kv_heads x head_dim x 2 x bytes.

    Qwen2.5-7B in bf16: 28 x 4 x 128 x 2 x 2 = 57,344 bytes, so 32k tokens take 1.9 GB.
    """
    heads = int(getattr(config, "num_attention_heads", 0) or 1)
    kv_heads = int(getattr(config, "num_key_value_heads", None) or heads)
    head_dim = int(getattr(config, "head_dim", None) or config.hidden_size // heads)
    return int(config.num_hidden_layers) * kv_heads * head_dim * 2 * DTYPE_BYTES.get(dtype, 2)


def kv_context_cap(config: TextConfig, dtype: str, left_bytes: int | None, configured: int) -> int:
    """The configured window, cut to what the KV cache can hold in ``left_bytes``.

    Rounded down to a multiple of 256 tokens; at least ``MIN_CONTEXT`` (a load that leaves less
    room than that fails at the first long question anyway, with its own message).
    """
    if left_bytes is None:
        return configured
    per_token = kv_bytes_per_token(config, dtype)
    fits = int(max(left_bytes, 0) * KV_SHARE) // max(per_token, 1)
    return max(min(configured, fits // 256 * 256), min(configured, MIN_CONTEXT))
