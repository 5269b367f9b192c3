"""What this machine can run: detect the GPU and memory, and fit catalog models to it.

The policy (documented in ``resources/catalog/README.md``): pick the largest model that fits at a
precision worth running, with room for the context, scoring parameters by a quality factor per
precision; open licences first; on a CPU only small models, since big ones answer too slowly.
"""

from __future__ import annotations

import functools
import importlib.util
import platform
import sys
from dataclasses import dataclass, field
from typing import Literal

from app.core.models.accel import cuda_capability_has_bf16
from app.core.models.catalog import BYTES_PER_PARAM, OVERHEAD_FACTOR, CatalogEntry

Backend = Literal["cuda", "mps", "cpu"]
GIB = 1024**3  # how cards and RAM are sold ("8 GB" = 8 GiB)
GB = 1e9  # how the catalog's vram_gb figures are counted

#: Share of the device's memory a model may take; the rest belongs to the OS, driver and app.
BUDGET_SHARE: dict[str, float] = {"cuda": 0.90, "mps": 0.65, "cpu": 0.60}
#: Quality kept at each precision, relative to bf16 (a rough, documented ranking aid).
QUALITY: dict[str, float] = {"bf16": 1.0, "8bit": 0.98, "4bit": 0.90, "cpu": 1.0}
#: Largest model (billions of parameters) a CPU runs at a usable speed, per kind; larger ones
#: still fit (if memory allows) but are marked slow and ranked last.
CPU_MAX_PARAMS_B: dict[str, float] = {"llm": 4.0, "embedding": 0.15, "reranker": 0.2}
#: Fallback order when a load runs out of memory: nf4 4-bit decodes faster than LLM.int8 at
#: batch size 1, so 16-bit falls back to 4-bit; 8-bit (only ever picked by hand) to 4-bit.
SMALLER: dict[str, str] = {"bf16": "4bit", "8bit": "4bit", "4bit": "cpu"}
#: The CPU loads weights in float32 (fp16/bf16 matmuls are slow there): twice the bf16 bytes.
CPU_BYTES_PER_PARAM = 4.0

PRECISION_LABEL = {"bf16": "16-bit", "8bit": "8-bit", "4bit": "4-bit", "cpu": "the CPU"}


@dataclass
class Hardware:
    """The accelerator and memory of this machine; build one by hand to simulate another."""

    gpu_name: str | None
    vram_bytes: int
    backend: Backend
    ram_bytes: int
    cuda_capability: tuple[int, int] | None = None
    bitsandbytes: bool = False  # 8-bit and 4-bit loading on CUDA needs it
    notes: list[str] = field(default_factory=list)
    #: An NVIDIA GPU is installed but this build's torch has no CUDA: offer the CUDA build.
    nvidia_without_cuda: bool = False

    @property
    def budget_bytes(self) -> int:
        """Memory a model may use on the chosen backend."""
        pool = self.vram_bytes if self.backend == "cuda" else self.ram_bytes
        return int(pool * BUDGET_SHARE[self.backend])

    @property
    def cpu_budget_bytes(self) -> int:
        return int(self.ram_bytes * BUDGET_SHARE["cpu"])

    @property
    def bf16_supported(self) -> bool:
        """Older CUDA GPUs (before Ampere) run fp16 instead, at the same memory cost; the
        same rule as the load plan's (``accel.cuda_capability_has_bf16``)."""
        return self.backend != "cuda" or cuda_capability_has_bf16(self.cuda_capability)

    def precisions(self) -> list[str]:
        """Precisions the accelerator can run, in the order they are tried: fastest first
        (16-bit, then nf4 4-bit; LLM.int8 is the slowest at batch size 1)."""
        if self.backend == "cuda":
            return ["bf16", "4bit", "8bit"] if self.bitsandbytes else ["bf16"]
        if self.backend == "mps":
            return ["bf16"]
        return ["cpu"]

    def describe(self) -> str:
        ram = f"{self.ram_bytes / GIB:.0f} GB RAM"
        if self.backend == "cuda":
            return f"{self.gpu_name or 'NVIDIA GPU'} ({self.vram_bytes / GIB:.0f} GB, CUDA), {ram}"
        if self.backend == "mps":
            chip = self.gpu_name or "Apple silicon"
            return f"{chip} ({self.ram_bytes / GIB:.0f} GB unified memory)"
        return f"no usable GPU, {ram}"


@dataclass
class Fit:
    """Whether one model runs here, at which precision, and why, in words for the user."""

    entry: CatalogEntry
    precision: str  # "bf16" | "8bit" | "4bit" | "cpu"
    fits: bool
    reason: str
    need_gb: float = 0.0
    budget_gb: float = 0.0
    slow: bool = False  # fits in memory, but too large for a CPU to run at a usable speed

    @property
    def on_gpu(self) -> bool:
        return self.precision != "cpu"

    @property
    def score(self) -> float:
        return self.entry.params_b * QUALITY[self.precision] if self.fits else 0.0


@functools.lru_cache(maxsize=1)
def detect_hardware() -> Hardware:
    """Look at this machine once per process; the answer is kept in the probe cache
    (``probes.py``), so later runs skip importing torch (3.6-9 s here)."""
    from dataclasses import asdict, fields

    from app.core.models.probes import cached

    stored = dict(cached("hardware", lambda: asdict(probe_hardware())))
    data = {f.name: stored[f.name] for f in fields(Hardware) if f.name in stored}
    capability = data.get("cuda_capability")
    data["cuda_capability"] = tuple(capability) if capability else None
    return Hardware(**data)


def probe_hardware() -> Hardware:
    """Ask torch and psutil (torch is imported here, not at start-up)."""
    import psutil

    ram = int(psutil.virtual_memory().total)
    bnb = importlib.util.find_spec("bitsandbytes") is not None
    try:
        import torch
    except ImportError:  # a stripped-down install: CPU only
        return Hardware(None, 0, "cpu", ram, notes=["PyTorch is not installed."])
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        return Hardware(
            props.name,
            int(props.total_memory),
            "cuda",
            ram,
            (props.major, props.minor),
            bitsandbytes=bnb,
        )
    if sys.platform == "darwin" and torch.backends.mps.is_available():
        chip = f"Apple {platform.machine()}"
        return Hardware(chip, ram, "mps", ram)
    notes = _cpu_notes()
    return Hardware(None, 0, "cpu", ram, notes=notes, nvidia_without_cuda=bool(notes))


def _cpu_notes() -> list[str]:
    if nvidia_gpu_present():
        return [GPU_BUILD_NOTE]
    return []


#: Shown by the welcome page, the model manager and ``models recommend`` on a CPU-only build.
GPU_BUILD_NOTE = (
    "An NVIDIA GPU is present, but this Pagefold build runs on the CPU only. Install the "
    "CUDA build (Pagefold-cuda) to answer several times faster on the GPU."
)


def nvidia_gpu_present() -> bool:
    """An NVIDIA driver is installed (its tool or its kernel module), whatever torch says."""
    import shutil
    from pathlib import Path

    return bool(shutil.which("nvidia-smi")) or Path("/proc/driver/nvidia/version").exists()


def need_gb(entry: CatalogEntry, precision: str) -> float | None:
    """Memory the entry needs at a precision; the CPU loads float32 weights, so it needs the
    catalog's bf16 figure with the weights counted twice."""
    if precision != "cpu":
        return entry.vram_gb.get(precision)
    bf16 = entry.vram_gb.get("bf16")
    if bf16 is None:
        return None
    weights = entry.params_b * BYTES_PER_PARAM["bf16"] * OVERHEAD_FACTOR
    return round(bf16 + weights * (CPU_BYTES_PER_PARAM / BYTES_PER_PARAM["bf16"] - 1), 1)


def fit_at(entry: CatalogEntry, hw: Hardware, precision: str) -> Fit:
    """Check one precision, e.g. before loading what the user picked (warn, don't guess)."""
    need = need_gb(entry, precision)
    on_cpu = precision == "cpu"
    budget = (hw.cpu_budget_bytes if on_cpu else hw.budget_bytes) / GB
    if need is None:
        return Fit(
            entry,
            precision,
            False,
            f"{entry.name} has no {PRECISION_LABEL[precision]} "
            "version (GGUF models load at 16-bit).",
            0.0,
            budget,
        )
    if precision not in hw.precisions() and not on_cpu:
        return Fit(entry, precision, False, _unsupported(precision, hw), need, budget)
    where = "RAM" if on_cpu or hw.backend == "mps" else "GPU memory"
    if need > budget:
        return Fit(
            entry,
            precision,
            False,
            f"needs about {need:.1f} GB; {budget:.1f} GB of {where} is available for a model.",
            need,
            budget,
        )
    result = Fit(
        entry, precision, True, _fits_reason(entry, precision, hw, need, budget), need, budget
    )
    if on_cpu and entry.params_b > CPU_MAX_PARAMS_B.get(entry.kind, 4.0):
        result.slow = True
        result.reason += " It would be very slow on a CPU."
    return result


def fit(entry: CatalogEntry, hw: Hardware) -> Fit:
    """The best precision at which ``entry`` runs here, or why it does not."""
    tried = [fit_at(entry, hw, p) for p in hw.precisions() if p in entry.precisions or p == "cpu"]
    best = [f for f in tried if f.fits]
    if best:
        return best[0]
    if hw.backend != "cpu":
        on_cpu = fit_at(entry, hw, "cpu")
        if on_cpu.fits:
            on_cpu.reason = (
                f"too large for the {hw.vram_bytes / GIB:.0f} GB GPU even at the "
                f"smallest precision; runs on the CPU instead (slow). {on_cpu.reason}"
            )
            return on_cpu
    if tried:
        last = tried[-1]
        return Fit(
            entry,
            last.precision,
            False,
            f"{entry.name} does not fit: {last.reason}",
            last.need_gb,
            last.budget_gb,
        )
    return fit_at(entry, hw, entry.precisions[0])


def recommend(hw: Hardware, catalog: list[CatalogEntry], kind: str = "llm") -> list[Fit]:
    """Every entry of ``kind`` with its best fit, best first; the first is the recommendation.

    Order: fits; on the GPU before a CPU fallback; usable speed before slow; curated
    (``recommended``) first; open licences before non-commercial or gated ones; then parameters
    times the precision's quality factor.
    """
    fits = [fit(e, hw) for e in catalog if e.kind == kind]
    return sorted(
        fits,
        key=lambda f: (
            f.fits,
            f.on_gpu,
            not f.slow,
            f.entry.recommended,
            f.entry.open_licence,
            f.score,
            -f.need_gb,
        ),
        reverse=True,
    )


def next_smaller(precision: str, hw: Hardware | None = None) -> str | None:
    """What to offer after an out-of-memory at ``precision``; None when nothing is left.

    With ``hw``, precisions that machine cannot run are skipped (no 4-bit on Apple silicon).
    """
    step = SMALLER.get(precision)
    while step is not None and hw is not None and step != "cpu" and step not in hw.precisions():
        step = SMALLER.get(step)
    return step


def oom_message(name: str, precision: str, hw: Hardware) -> str:
    """What happened and what to try, after the runtime freed the memory of a failed load."""
    where = f"the {hw.vram_bytes / GIB:.0f} GB GPU" if hw.backend == "cuda" else "memory"
    text = (
        f"{name} ran out of {where} at {PRECISION_LABEL.get(precision, precision)}. "
        "The memory it took has been freed."
    )
    smaller = next_smaller(precision, hw)
    if smaller == "cpu":
        return text + " It can run on the CPU instead, slowly."
    if smaller:
        return text + f" Try {PRECISION_LABEL[smaller]}, which needs less memory."
    return text + " Choose a smaller model."


def _unsupported(precision: str, hw: Hardware) -> str:
    if hw.backend == "cuda":
        return (
            f"{PRECISION_LABEL[precision]} loading needs the bitsandbytes package "
            "(install Pagefold's `cuda` extra)."
        )
    return f"{PRECISION_LABEL[precision]} loading is only available on NVIDIA GPUs."


def _fits_reason(
    entry: CatalogEntry, precision: str, hw: Hardware, need: float, budget: float
) -> str:
    label = PRECISION_LABEL[precision]
    if precision == "bf16" and not hw.bf16_supported:
        label = "16-bit (fp16 on this GPU)"
    where = "on the CPU" if precision == "cpu" else f"at {label}"
    return f"runs {where}: needs about {need:.1f} GB of {budget:.1f} GB available."
