"""Where and at what precision a model runs: device, dtype and 4/8-bit quantization.

The plan is decided before any weight is read, from the parameter count in the files' headers,
so a model that would not fit the GPU is quantized instead of failing halfway through a load.
"""

from __future__ import annotations

import importlib.util
import json
import math
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.core.errors import ModelError
from app.core.models.accel import gpu_dtype, memory_left, model_type_of
from app.core.models.spec import ModelSpec

if TYPE_CHECKING:
    import torch

Device = Literal["cuda", "mps", "cpu"]

# Bytes per parameter once loaded, and room for activations and the KV cache.
_BYTES_PER_PARAM = {"none": 2.0, "8bit": 1.1, "4bit": 0.6, "float32": 4.0}
#: Automatic precision, fastest first at batch size 1: 16-bit, then nf4 4-bit (bitsandbytes'
#: 4-bit kernels decode faster than LLM.int8, which is the slowest of the three).
AUTO_ORDER: tuple[Literal["none", "8bit", "4bit"], ...] = ("none", "4bit", "8bit")
_OVERHEAD_FACTOR = 1.15
_WORKSPACE_BYTES = 768 * 1024**2


@dataclass
class LoadPlan:
    """The decisions a load follows; ``warnings`` are shown to the user as they are."""

    device: Device
    dtype: str  # "bfloat16", "float16" or "float32"
    quantization: Literal["none", "8bit", "4bit"]
    parameters: int | None = None
    warnings: list[str] = field(default_factory=list)


def plan_load(spec: ModelSpec) -> LoadPlan:
    """Choose device, dtype and quantization for ``spec`` on this machine."""
    device = resolve_device(spec.device)
    model_type = model_type_of(spec.path, spec.gguf_file) if device != "cpu" else None
    plan = LoadPlan(device=device, dtype=default_dtype(device, model_type), quantization="none")
    plan.parameters = estimate_parameters(spec)
    requested = spec.quantization
    if device == "mps":
        _check_mps_memory(plan)
    if spec.gguf_file and device == "cuda":
        return _gguf_plan(plan, requested)
    if device != "cuda":
        if requested in ("8bit", "4bit"):
            plan.warnings.append(
                f"{requested} loading needs an NVIDIA GPU (bitsandbytes); the model runs at full "
                f"precision on {device.upper()} instead."
            )
        return plan
    if requested in ("8bit", "4bit"):
        plan.quantization = requested
    elif requested == "auto":
        plan.quantization = _auto_quantization(plan.parameters, plan.warnings)
    if plan.quantization != "none":
        _require_bitsandbytes(plan)
    return plan


def resolve_device(choice: str) -> Device:
    """CUDA, then Apple MPS, then CPU; an explicit choice that is unavailable is an error."""
    import torch

    cuda = torch.cuda.is_available()
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    if choice == "auto":
        return "cuda" if cuda else "mps" if mps else "cpu"
    if choice == "cuda" and not cuda:
        raise ModelError("No CUDA GPU is available: choose the device 'auto' or 'cpu'.")
    if choice == "mps" and not mps:
        raise ModelError("Apple MPS is not available on this machine: choose 'auto' or 'cpu'.")
    if choice not in ("cuda", "mps", "cpu"):
        raise ModelError(f"Unknown device {choice!r}: use auto, cuda, mps or cpu.")
    return choice  # type: ignore[return-value]


def default_dtype(device: Device, model_type: str | None = None) -> str:
    """bf16 where the GPU computes it natively (``accel.native_bf16``), else fp16 (fp32 for
    families that overflow in fp16); fp32 on CPU (fp16 matmuls are slow there)."""
    return "float32" if device == "cpu" else gpu_dtype(device, model_type)


def torch_dtype(name: str) -> torch.dtype:
    import torch

    return {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32}[name]


def free_vram_bytes() -> int | None:
    """Free memory on the current CUDA device, or None without one."""
    import torch

    if not torch.cuda.is_available():
        return None
    free, _total = torch.cuda.mem_get_info()
    return int(free)


def bytes_needed(parameters: int, quantization: str) -> int:
    """A deliberately generous estimate: a load that fails halfway wastes more time."""
    weights = parameters * _BYTES_PER_PARAM[quantization]
    return int(weights * _OVERHEAD_FACTOR) + _WORKSPACE_BYTES


def _auto_quantization(
    parameters: int | None, warnings: list[str]
) -> Literal["none", "8bit", "4bit"]:
    free = free_vram_bytes()
    if parameters is None or free is None:
        return "none"
    for choice in AUTO_ORDER:
        if bytes_needed(parameters, choice) <= free:
            if choice != "none":
                warnings.append(
                    f"The model does not fit the GPU's free memory at 16-bit: loading {choice}."
                )
            return choice
    warnings.append(
        f"Even in 4-bit the model may not fit the GPU's {free / 1024**3:.1f} GiB of free memory."
    )
    return "4bit"


def _gguf_plan(plan: LoadPlan, requested: str) -> LoadPlan:
    """transformers refuses a quantization config together with ``gguf_file=``: a GGUF file
    always loads at 16-bit (import it once to get a folder that can load in 4-bit)."""
    if requested in ("8bit", "4bit"):
        plan.warnings.append(
            f"A GGUF file loads at 16-bit, not {requested}: import it into Pagefold to convert it "
            "once into a folder that can load in 4-bit or 8-bit."
        )
    free = free_vram_bytes()
    if plan.parameters and free is not None and bytes_needed(plan.parameters, "none") > free:
        plan.warnings.append(
            f"The model may not fit the GPU's {free / 1024**3:.1f} GiB of free memory at 16-bit."
        )
    return plan


def _check_mps_memory(plan: LoadPlan) -> None:
    """Metal swaps instead of failing when a model exceeds its working set, which freezes the
    Mac for minutes: refuse before loading."""
    left = memory_left("mps")
    if left is None or plan.parameters is None:
        return
    per_param = "float32" if plan.dtype == "float32" else "none"
    need = bytes_needed(plan.parameters, per_param)
    if need > left:
        raise ModelError(
            f"The model needs about {need / 1024**3:.1f} GiB but only {left / 1024**3:.1f} GiB "
            "of this Mac's GPU memory is available: close other apps, choose a smaller model, "
            "or run it on the CPU."
        )


def _require_bitsandbytes(plan: LoadPlan) -> None:
    if importlib.util.find_spec("bitsandbytes") is None:
        raise ModelError(
            f"{plan.quantization} loading needs the bitsandbytes package "
            "(pip install 'pagefold[cuda]'), or choose the precision 'none'."
        )


def estimate_parameters(spec: ModelSpec) -> int | None:
    """Parameter count read from file headers only (no weights are loaded)."""
    try:
        if spec.gguf_file:
            return _gguf_parameters(spec.path / spec.gguf_file)
        files = sorted(spec.path.glob("*.safetensors"))
        return sum(_safetensors_parameters(f) for f in files) or None
    except (OSError, ValueError, KeyError):
        return None


def _safetensors_parameters(path: Path) -> int:
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
    header.pop("__metadata__", None)
    return sum(math.prod(entry["shape"]) for entry in header.values())


def _gguf_parameters(path: Path) -> int:
    from gguf import GGUFReader

    reader = GGUFReader(str(path))
    return int(sum(int(t.n_elements) for t in reader.tensors))
