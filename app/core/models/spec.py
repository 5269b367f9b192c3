"""What to load: a model folder or a GGUF file, plus precision, device and an optional adapter.

The spec is plain data so the model manager, the settings and the CLI can all build one without
importing torch; the runtime validates it when it loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.core.errors import ModelError

Quantization = Literal["auto", "none", "8bit", "4bit"]
DeviceChoice = Literal["auto", "cuda", "mps", "cpu"]

SAFE_WEIGHTS = ("*.safetensors",)
PICKLE_WEIGHTS = ("*.bin", "*.pt", "*.pth", "*.ckpt", "*.pkl")


@dataclass
class ModelSpec:
    """A causal language model on disk and how to run it."""

    path: Path
    gguf_file: str | None = None  # a file name inside ``path`` when the weights are GGUF
    adapter: Path | None = None  # a PEFT LoRA folder applied at load
    quantization: Quantization = "auto"
    device: DeviceChoice = "auto"
    name: str = ""

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if self.adapter is not None:
            self.adapter = Path(self.adapter)
        if not self.name:
            self.name = self.gguf_file.removesuffix(".gguf") if self.gguf_file else self.path.name

    @property
    def display(self) -> str:
        """Where the weights are, as a user would type it."""
        return str(self.path / self.gguf_file) if self.gguf_file else str(self.path)


def spec_from_path(path_or_file: str | Path) -> ModelSpec:
    """A spec for a model folder (config.json + weights) or a single ``.gguf`` file.

    A folder holding no config.json but exactly one GGUF file is taken as that file, which is how
    most people keep downloaded GGUF models.
    """
    path = Path(path_or_file).expanduser()
    if not path.exists():
        raise ModelError(f"No model at {path}: give a model folder or a .gguf file.")
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise ModelError(
                f"{path.name} is not a model Pagefold can load: give a folder with config.json "
                "and .safetensors weights, or a .gguf file."
            )
        return ModelSpec(path=path.parent, gguf_file=path.name)
    if (path / "config.json").exists():
        return ModelSpec(path=path)
    ggufs = sorted(path.glob("*.gguf"))
    if len(ggufs) == 1:
        return ModelSpec(path=path, gguf_file=ggufs[0].name)
    if len(ggufs) > 1:
        names = ", ".join(g.name for g in ggufs)
        raise ModelError(f"{path} holds several GGUF files ({names}): give the file itself.")
    raise ModelError(f"{path} has no config.json and no .gguf file: it is not a model folder.")
