"""A GGUF model converted once into a 16-bit safetensors folder, so later loads are fast.

Why: transformers dequantizes every tensor of a GGUF file at each ``from_pretrained`` (and
builds its tokenizer from the GGUF vocabulary): SmolLM2-135M took 30-60 s per ``pagefold ask``
here, a 3B Q4_K_M file takes minutes. Converted once (at import or download, or at the first
load of a model installed before), the weights are memory-mapped from safetensors and the
tokenizer is read from tokenizer.json (``benchmarks/gguf_load.py`` measures both). The cost is
disk space: 2 bytes per parameter, which the CLI and the model manager say before converting.

The folder is ``<data>/models/converted/<model id>/``; a marker file written last names the GGUF
file's size and modification time, so a half-written folder or a replaced GGUF is converted
again, never loaded.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import ModelError
from app.core.models.installed import InstalledModel
from app.core.models.registry import ModelRegistry, ensure_free_space
from app.core.models.spec import ModelSpec

log = logging.getLogger(__name__)
MARKER = ".pagefold-converted.json"
#: bfloat16 keeps float32's range, so no GGUF value overflows (float16 would for some models).
STORED_DTYPE = "bfloat16"
BYTES_PER_PARAM = 2

#: ``progress(stage, fraction)``; stages: "tokenizer", "weights", "writing", "done".
Progress = Callable[[str, float], None]


@dataclass
class Conversion:
    """Where the converted folder is, what it costs on disk and how long it took."""

    folder: Path
    size_bytes: int
    seconds: float


def converted_folder(registry: ModelRegistry, model: InstalledModel) -> Path:
    return registry.models_dir / "converted" / model.id


def disk_cost_bytes(model: InstalledModel) -> int:
    """Disk the converted folder takes: 2 bytes per parameter (plus a small tokenizer)."""
    if model.params_b:
        return int(model.params_b * 1e9 * BYTES_PER_PARAM)
    return int(model.size_bytes * 3.5)  # a Q4 file holds about 4.5 bits per parameter


def is_converted(registry: ModelRegistry, model: InstalledModel) -> bool:
    folder = converted_folder(registry, model)
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(marker == _source_stamp(model.weights_path))


def needs_conversion(model: InstalledModel) -> bool:
    return bool(model.gguf_file) and model.kind == "llm"


def spec_for(registry: ModelRegistry, model: InstalledModel) -> ModelSpec:
    """What the runtime loads for an installed model: the converted folder when there is one."""
    if needs_conversion(model) and is_converted(registry, model):
        return ModelSpec(path=converted_folder(registry, model), name=model.name)
    return ModelSpec(path=model.path, gguf_file=model.gguf_file, name=model.name)


def convert(
    registry: ModelRegistry, model: InstalledModel, progress: Progress | None = None
) -> Conversion:
    """Dequantize the GGUF once into a safetensors folder; a no-op when already done."""
    folder = converted_folder(registry, model)
    if is_converted(registry, model):
        return Conversion(folder, _tree_size(folder), 0.0)
    ensure_free_space(registry.models_dir, disk_cost_bytes(model), f"converting {model.name}")
    started, report = time.perf_counter(), progress or (lambda stage, fraction: None)
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write_folder(model, staging, report)
    except Exception as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelError(f"{model.name} could not be converted from GGUF: {exc}") from exc
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    report("done", 1.0)
    return Conversion(folder, _tree_size(folder), round(time.perf_counter() - started, 1))


def convert_or_keep_gguf(
    registry: ModelRegistry, model: InstalledModel, progress: Progress | None = None
) -> Conversion | None:
    """Convert, or log why not: the model then keeps loading from its GGUF file (slowly)."""
    try:
        return convert(registry, model, progress)
    except ModelError as exc:
        log.warning("%s stays a GGUF file: %s", model.id, exc)
        return None


def remove_converted(registry: ModelRegistry, model: InstalledModel) -> None:
    shutil.rmtree(converted_folder(registry, model), ignore_errors=True)


def _write_folder(model: InstalledModel, target: Path, report: Progress) -> None:
    """Dequantized weights through safetensors' ``save_model`` (tied embeddings stored once)
    and a config without the GGUF quantization entry, so the folder loads as a plain model."""
    import torch
    from safetensors.torch import save_model
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    source, name = str(model.path), model.gguf_file
    common = {"gguf_file": name, "local_files_only": True, "trust_remote_code": False}
    report("tokenizer", 0.0)
    tokenizer = AutoTokenizer.from_pretrained(source, **common)
    report("weights", 0.1)
    lm = AutoModelForCausalLM.from_pretrained(
        source,
        dtype=getattr(torch, STORED_DTYPE),
        quantization_config=GgufConfig(gguf_file=name, dequantize=True),
        **common,
    )
    report("writing", 0.8)
    target.mkdir(parents=True, exist_ok=True)
    save_model(lm, str(target / "model.safetensors"), metadata={"format": "pt"})
    config = lm.config.to_dict()
    config.pop("quantization_config", None)
    config["dtype"] = STORED_DTYPE
    (target / "config.json").write_text(json.dumps(config, indent=2), "utf-8")
    lm.generation_config.save_pretrained(str(target))
    tokenizer.save_pretrained(str(target))
    (target / MARKER).write_text(json.dumps(_source_stamp(model.weights_path)), "utf-8")


def _source_stamp(path: Path) -> dict[str, object]:
    try:
        stat = path.stat()
    except OSError:
        return {}
    return {"file": path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _tree_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
