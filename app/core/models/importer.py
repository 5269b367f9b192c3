"""Check a model on disk before Pagefold uses it, and add it to the installed models.

A model folder needs config.json, a tokenizer and safetensors weights; a ``.gguf`` file carries
all three. Pickle weights (``.bin``, ``.pt``) can run code when loaded, so they are refused unless
the user allows them; custom modelling code (``auto_map``) is never run.
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import AlreadyExistsError, ModelError
from app.core.models.convert import Progress, convert_or_keep_gguf, needs_conversion
from app.core.models.installed import InstalledModel
from app.core.models.registry import ModelRegistry, ensure_free_space

PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer.model",
    "sentencepiece.bpe.model",
    "spiece.model",
    "vocab.txt",
)
CONTEXT_KEYS = (
    "max_position_embeddings",
    "n_positions",
    "max_sequence_length",
    "seq_length",
    "n_ctx",
)


@dataclass
class ValidationResult:
    """What was found in a model folder or file; ``problems`` block its use, warnings do not."""

    path: Path
    format: str = "unknown"  # "safetensors" | "gguf" | "unknown"
    kind: str = "llm"
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    architecture: str | None = None
    context_length: int | None = None
    params_b: float | None = None
    gguf_file: str | None = None
    weights: list[str] = field(default_factory=list)
    size_bytes: int = 0
    name: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def message(self) -> str:
        """All problems, one per line, for the CLI and the import dialog."""
        if self.ok:
            return f"{self.path} is a valid model."
        lines = [f"{self.path} cannot be used as a model:"]
        return "\n".join(lines + [f"- {p}" for p in self.problems])

    def raise_for_problems(self) -> ValidationResult:
        if not self.ok:
            raise ModelError(self.message)
        return self


def validate_model(path: Path, allow_pickle: bool = False) -> ValidationResult:
    """Look at a model folder or a ``.gguf`` file without loading any weights."""
    path = Path(path).expanduser()
    result = ValidationResult(path=path)
    if not path.exists():
        result.problems.append(f"nothing at {path}")
    elif path.is_file():
        _check_file(path, result)
    else:
        _check_folder(path, result, allow_pickle)
    return result


def import_model(
    path: Path,
    registry: ModelRegistry,
    copy: bool = False,
    allow_pickle: bool = False,
    name: str | None = None,
    validated: ValidationResult | None = None,
    convert_gguf: bool = True,
    progress: Progress | None = None,
) -> InstalledModel:
    """Validate and register a model; with ``copy`` its files move into the models folder.

    ``validated`` passes a result the caller already has (a GGUF header takes seconds to read).
    A GGUF language model is converted once into a safetensors folder (``convert.py``), so
    later loads skip dequantizing it; when that fails it stays installed and loads from the
    GGUF file, as before.
    """
    result = validated or validate_model(path, allow_pickle=allow_pickle)
    result.raise_for_problems()
    source = Path(path).expanduser().resolve()
    folder = source.parent if source.is_file() else source
    weights = folder / result.gguf_file if result.gguf_file else folder
    existing = registry.find_by_path(weights)
    if existing is not None:
        raise AlreadyExistsError(f'{weights} is already installed as "{existing.id}".')
    label = source.stem if source.is_file() else source.name
    model_id = registry.unique_id(name or label)
    if copy:
        ensure_free_space(registry.models_dir, _tree_size(source), f"a copy of {label}")
        folder = _copy_in(source, registry.models_dir / model_id)
    model = registry.add(
        InstalledModel(
            id=model_id,
            name=name or result.name or label,
            path=folder,
            kind=result.kind,
            gguf_file=result.gguf_file,
            size_bytes=result.size_bytes,
            source="import",
            params_b=result.params_b,
            context_length=result.context_length,
            architecture=result.architecture,
        )
    )
    if convert_gguf and needs_conversion(model):
        convert_or_keep_gguf(registry, model, progress)
    return model


# -- single files -------------------------------------------------------------------------------


def _check_file(path: Path, result: ValidationResult) -> None:
    suffix = path.suffix.lower()
    if suffix == ".gguf":
        _check_gguf(path, result)
    elif suffix in PICKLE_SUFFIXES or suffix == ".safetensors":
        result.problems.append(
            f"{path.name} is a weights file alone; give the folder that holds it with its "
            "config.json and tokenizer"
        )
    else:
        result.problems.append(f"{path.name} is not a model: give a model folder or a .gguf file")


def _check_gguf(path: Path, result: ValidationResult) -> None:
    """Read the GGUF header: architecture, context length, tokenizer, parameter count."""
    import gguf

    result.format, result.gguf_file = "gguf", path.name
    result.size_bytes = path.stat().st_size
    try:
        reader = gguf.GGUFReader(path)
    except (ValueError, OSError, IndexError) as exc:
        result.problems.append(f"{path.name} is not a valid GGUF file ({exc})")
        return
    arch = _gguf_value(reader, "general.architecture")
    result.architecture = str(arch) if arch else None
    result.name = _gguf_value(reader, "general.name") or path.stem
    if not arch:
        result.problems.append(f"{path.name} has no general.architecture in its GGUF header")
    ctx = _gguf_value(reader, f"{arch}.context_length")
    result.context_length = int(ctx) if ctx else None
    if _gguf_value(reader, "tokenizer.ggml.model") is None:
        result.problems.append(f"no tokenizer found inside {path.name} (tokenizer.ggml.*)")
    result.params_b = sum(int(t.n_elements) for t in reader.tensors) / 1e9
    if arch and not _transformers_reads_gguf(str(arch)):
        result.warnings.append(f"transformers cannot load GGUF models of architecture {arch!r}")


def _gguf_value(reader: Any, key: str) -> Any:
    field_ = reader.fields.get(key)
    return field_.contents() if field_ is not None else None


def _transformers_reads_gguf(arch: str) -> bool:
    try:
        from transformers.integrations.ggml import GGUF_CONFIG_MAPPING
    except ImportError:  # pragma: no cover - transformers is a dependency
        return True
    return arch in GGUF_CONFIG_MAPPING


# -- folders ------------------------------------------------------------------------------------


def _check_folder(path: Path, result: ValidationResult, allow_pickle: bool) -> None:
    ggufs = sorted(path.glob("*.gguf"))
    has_config = (path / "config.json").exists()
    if not has_config and (path / "adapter_config.json").exists():
        result.problems.append(
            "this is a LoRA adapter, not a model: add it with "
            "`pagefold models adapters add` and choose its base model"
        )
        return
    if not has_config and len(ggufs) == 1:
        _check_gguf(ggufs[0], result)
        return
    if not has_config and len(ggufs) > 1:
        names = ", ".join(g.name for g in ggufs)
        result.problems.append(
            f"several GGUF files ({names}): import the one you want by its file name"
        )
        return
    result.format = "safetensors"
    result.name = path.name
    config = _check_config(path, result)
    _check_tokenizer(path, result)
    _check_weights(path, result, allow_pickle)
    if config is not None:
        _describe(config, path, result)


def _check_config(path: Path, result: ValidationResult) -> dict[str, Any] | None:
    file = path / "config.json"
    if not file.exists():
        result.problems.append(
            "no config.json found: a model folder needs config.json (the model's architecture)"
        )
        return None
    try:
        config: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        result.problems.append(f"config.json cannot be read ({exc})")
        return None
    if not isinstance(config, dict):
        result.problems.append("config.json is not a JSON object")
        return None
    _check_custom_code(config, result)
    return config


def _check_custom_code(config: dict[str, Any], result: ValidationResult) -> None:
    """``auto_map`` points at Python files in the folder; we never run them.

    A config that also names an architecture transformers implements itself loads with that
    built-in code (EXAONE and Phi-3.5 ship both), so only the rest is refused.
    """
    if "auto_map" not in config:
        return
    model_type = str(config.get("model_type", ""))
    if model_type and _transformers_knows(model_type):
        result.warnings.append(
            f"config.json names custom code (auto_map); it is ignored and "
            f"transformers' built-in {model_type!r} implementation is used"
        )
        return
    modules = ", ".join(sorted({str(v).split(".")[0] + ".py" for v in _auto_map_targets(config)}))
    result.problems.append(
        f"config.json asks for custom code ({modules or 'auto_map'}) for architecture "
        f"{model_type or 'unknown'!r}; Pagefold never runs code shipped with a model "
        "(trust_remote_code is always off)"
    )


def _auto_map_targets(config: dict[str, Any]) -> list[str]:
    targets: list[str] = []
    for value in dict(config.get("auto_map") or {}).values():
        targets.extend(v for v in (value if isinstance(value, list) else [value]) if v)
    return [t.split("--")[-1] for t in targets]


def _transformers_knows(model_type: str) -> bool:
    try:
        # The module's own name, not auto_mappings': it adds entries (gpt-sw3) after import.
        from transformers.models.auto.configuration_auto import (  # type: ignore[attr-defined, unused-ignore]
            CONFIG_MAPPING_NAMES,
        )
    except ImportError:  # pragma: no cover - transformers is a dependency
        return False
    return model_type in CONFIG_MAPPING_NAMES


def _check_tokenizer(path: Path, result: ValidationResult) -> None:
    if any((path / name).exists() for name in TOKENIZER_FILES):
        return
    if (path / "vocab.json").exists() and (path / "merges.txt").exists():
        return
    result.problems.append("no tokenizer found: expected tokenizer.json or tokenizer.model")


def _check_weights(path: Path, result: ValidationResult, allow_pickle: bool) -> None:
    safe = sorted(path.glob("*.safetensors"))
    pickles = sorted(
        p for p in path.iterdir() if p.suffix.lower() in PICKLE_SUFFIXES and p.is_file()
    )
    _check_shards(path, safe, result)
    params = 0
    for file in safe:
        params += _safetensors_params(file, result)
    if safe:
        result.weights = [p.name for p in safe]
        result.size_bytes = sum(p.stat().st_size for p in safe)
        result.params_b = params / 1e9 if params else None
        if pickles:
            result.warnings.append(
                f"pickle files ({', '.join(p.name for p in pickles)}) are "
                "ignored; the safetensors weights are used"
            )
        return
    if not pickles:
        result.problems.append(
            "no weights found: expected model.safetensors (or *.safetensors shards) or a .gguf file"
        )
        return
    names = ", ".join(p.name for p in pickles)
    if not allow_pickle:
        result.problems.append(
            f"the weights are pickle files ({names}), which can run code when loaded; convert "
            "them to safetensors, or allow pickle weights explicitly if you trust the source"
        )
        return
    result.warnings.append(f"pickle weights ({names}) allowed by your choice")
    result.weights = [p.name for p in pickles]
    result.size_bytes = sum(p.stat().st_size for p in pickles)


def _check_shards(path: Path, safe: list[Path], result: ValidationResult) -> None:
    for index in path.glob("*.safetensors.index.json"):
        try:
            weight_map = json.loads(index.read_text(encoding="utf-8")).get("weight_map", {})
        except (OSError, json.JSONDecodeError) as exc:
            result.problems.append(f"{index.name} cannot be read ({exc})")
            continue
        present = {p.name for p in safe}
        missing = sorted(set(weight_map.values()) - present)
        if missing:
            result.problems.append(
                f"missing weight shards listed in {index.name}: {', '.join(missing)}"
            )


def _safetensors_params(file: Path, result: ValidationResult) -> int:
    """Parameter count from the header alone; a broken header is reported, not raised."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(file), framework="numpy") as handle:
            return sum(math.prod(handle.get_slice(k).get_shape()) for k in handle.keys())  # noqa: SIM118
    except (SafetensorError, OSError) as exc:
        result.problems.append(f"{file.name} is not a readable safetensors file ({exc})")
        return 0


def _describe(config: dict[str, Any], path: Path, result: ValidationResult) -> None:
    architectures = config.get("architectures") or []
    result.architecture = str(config.get("model_type") or (architectures or [None])[0] or "")
    result.context_length = next((int(config[k]) for k in CONTEXT_KEYS if config.get(k)), None)
    result.kind = _kind(config, path)


def _kind(config: dict[str, Any], path: Path) -> str:
    architectures = " ".join(config.get("architectures") or [])
    if "ForSequenceClassification" in architectures:
        return "reranker"
    if (path / "modules.json").exists() or (path / "sentence_bert_config.json").exists():
        return "embedding"
    if "ForCausalLM" in architectures or "ForConditionalGeneration" in architectures:
        return "llm"
    return "embedding" if architectures.endswith("Model") else "llm"


def _tree_size(source: Path) -> int:
    if source.is_file():
        return source.stat().st_size
    return sum(p.stat().st_size for p in source.rglob("*") if p.is_file())


def _copy_in(source: Path, target: Path) -> Path:
    """Copy through a temporary name so a failed copy never looks installed."""
    staging = target.with_name(f".{target.name}.copying")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if source.is_file():
            staging.mkdir(parents=True)
            shutil.copy2(source, staging / source.name)
        else:
            shutil.copytree(source, staging)
        staging.replace(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelError(f"Copying {source} into {target.parent} failed: {exc}") from exc
    return target
