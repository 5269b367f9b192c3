"""LoRA adapters: check a PEFT adapter folder, keep it, and remember one per collection.

A legal collection can use an adapter tuned on legal text while the rest use the plain model;
the choice lives in the collection's row of the SQLite catalog (``collections.adapter``), so
switching collections switches the adapter. ``attach``/``detach`` put it on a loaded model.
"""

from __future__ import annotations

import builtins
import json
import os
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import ModelError, NotFoundError, PagefoldError
from app.core.models.installed import slugify
from app.core.models.registry import ModelRegistry, ensure_free_space
from app.core.storage.layout import DataLayout

if TYPE_CHECKING:
    from app.core.storage.catalog import Catalog, CollectionRecord

ADAPTERS_FILE = "adapters.json"
ADAPTER_CONFIG = "adapter_config.json"
ADAPTER_WEIGHTS = "adapter_model.safetensors"


@dataclass
class AdapterInfo:
    """An adapter kept by Pagefold, tied to one installed base model."""

    id: str
    name: str
    path: Path
    base_model_id: str
    base_model_name: str = ""  # as written in adapter_config.json (informative)
    peft_type: str = "LORA"
    rank: int | None = None
    target_modules: list[str] = field(default_factory=list)
    size_bytes: int = 0
    added_at: float = field(default_factory=time.time)
    warnings: list[str] = field(default_factory=list)  # from the last check; not saved

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        data.pop("warnings")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AdapterInfo:
        from app.core.models.installed import record_from_json

        return record_from_json(cls, data)


class AdapterRegistry:
    """Adapters live in ``<models>/adapters/<id>/``, listed in ``<models>/adapters.json``."""

    def __init__(
        self,
        layout: DataLayout,
        catalog: Catalog | None = None,
        models: ModelRegistry | None = None,
    ) -> None:
        self.layout = layout
        self.catalog = catalog
        self.models = models or ModelRegistry(layout)
        self.folder = layout.models_dir / "adapters"
        self.file = layout.models_dir / ADAPTERS_FILE
        self._lock = threading.RLock()

    # -- the adapters -------------------------------------------------------------------------

    def add(
        self, path: Path, base_model_id: str, name: str | None = None, copy: bool = True
    ) -> AdapterInfo:
        """Check the folder against its base model and keep it (a copy, by default)."""
        source = Path(path).expanduser().resolve()
        base = self.models.get(base_model_id)
        config, problems = check_adapter(source, None if base.gguf_file else base.path)
        if base.kind != "llm":
            problems.append(f"{base.name} is not a language model; adapters apply to chat models")
        if problems:
            raise ModelError(
                f"{source} cannot be used as a LoRA adapter:\n"
                + "\n".join(f"- {p}" for p in problems)
            )
        adapter_id = self._unique_id(name or source.name)
        target = self._copy_in(source, adapter_id) if copy else source
        info = AdapterInfo(
            id=adapter_id,
            name=name or source.name,
            path=target,
            base_model_id=base.id,
            base_model_name=str(config.get("base_model_name_or_path") or ""),
            peft_type=str(config.get("peft_type", "LORA")),
            rank=config.get("r"),
            target_modules=sorted(_as_list(config.get("target_modules"))),
            size_bytes=(source / ADAPTER_WEIGHTS).stat().st_size,
            warnings=_base_name_warning(config, base.repo_id),
        )
        with self._lock:
            doc = self._read()
            doc["adapters"].append(info.to_json())
            self._write(doc)
        return info

    def list(self, base_model_id: str | None = None) -> list[AdapterInfo]:
        adapters = [AdapterInfo.from_json(a) for a in self._read()["adapters"]]
        return [a for a in adapters if base_model_id is None or a.base_model_id == base_model_id]

    def find(self, adapter_id: str) -> AdapterInfo | None:
        return next((a for a in self.list() if a.id == adapter_id), None)

    def get(self, adapter_id: str) -> AdapterInfo:
        info = self.find(adapter_id)
        if info is None:
            raise NotFoundError(
                f'No adapter named "{adapter_id}". `pagefold models adapters list` shows them.'
            )
        return info

    def remove(self, adapter_id: str) -> AdapterInfo:
        """Forget an adapter, detach it from every collection, delete the copy we kept."""
        with self._lock:
            info = self.get(adapter_id)
            for record in self._collections_using(adapter_id):
                self._require_catalog().update_collection(record.id, adapter="")
            if info.path.resolve().is_relative_to(self.folder.resolve()):
                shutil.rmtree(info.path, ignore_errors=True)
            doc = self._read()
            doc["adapters"] = [a for a in doc["adapters"] if a["id"] != adapter_id]
            self._write(doc)
        return info

    # -- one adapter per collection -------------------------------------------------------------

    def set_for_collection(self, collection: str | int, adapter_id: str | None) -> None:
        """Attach (an id) or detach (None) the adapter a collection answers with."""
        catalog = self._require_catalog()
        record = catalog.collection(collection)
        if adapter_id:
            self.get(adapter_id)
        catalog.update_collection(record.id, adapter=adapter_id or "")

    def for_collection(self, collection: str | int) -> AdapterInfo | None:
        """The adapter to use while chatting with ``collection``; None for the plain model.

        An adapter removed behind Pagefold's back reads as None rather than breaking the chat.
        """
        record = self._require_catalog().collection(collection)
        return self.find(record.adapter) if record.adapter else None

    def compatible(self, adapter: AdapterInfo, model_id: str) -> bool:
        """Whether ``adapter`` was added for the model about to answer."""
        return adapter.base_model_id == model_id

    # -- plumbing -----------------------------------------------------------------------------

    def _collections_using(self, adapter_id: str) -> builtins.list[CollectionRecord]:
        if self.catalog is None:
            return []
        return [c for c in self.catalog.collections() if c.adapter == adapter_id]

    def _require_catalog(self) -> Catalog:
        if self.catalog is None:
            raise PagefoldError("Adapters per collection need the collection catalog.")
        return self.catalog

    def _unique_id(self, wanted: str) -> str:
        base = slugify(wanted)
        taken = {a.id for a in self.list()}
        candidate, n = base, 2
        while candidate in taken or (self.folder / candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _copy_in(self, source: Path, adapter_id: str) -> Path:
        files = [source / ADAPTER_CONFIG, source / ADAPTER_WEIGHTS]
        ensure_free_space(self.folder, sum(f.stat().st_size for f in files), "the adapter")
        staging = self.folder / f".{adapter_id}.copying"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for file in files:
            shutil.copy2(file, staging / file.name)
        return staging.replace(self.folder / adapter_id)

    def _read(self) -> dict[str, Any]:
        if not self.file.exists():
            return {"schema_version": 1, "adapters": []}
        try:
            data: dict[str, Any] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PagefoldError(
                f"The list of adapters ({self.file}) cannot be read: {exc}"
            ) from exc
        data.setdefault("adapters", [])
        return data

    def _write(self, doc: dict[str, Any]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)


def check_adapter(
    path: Path,
    base_folder: Path | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """(adapter config, problems) for a PEFT adapter folder; loads no weights."""
    problems: list[str] = []
    if not path.is_dir():
        return {}, [f"no folder at {path}"]
    config = _read_config(path, problems)
    weights = path / ADAPTER_WEIGHTS
    if not weights.exists():
        pickles = [p.name for p in path.glob("adapter_model.*") if p.suffix in (".bin", ".pt")]
        problems.append(
            f"no {ADAPTER_WEIGHTS} found"
            + (
                f" ({', '.join(pickles)} is a pickle file, which "
                "can run code when loaded; convert it to "
                "safetensors)"
                if pickles
                else ""
            )
        )
    if problems:
        return config, problems
    shapes = _lora_shapes(weights, problems)
    if base_folder is not None and shapes:
        _check_sizes(shapes, base_folder, problems)
    return config, problems


def attach(model: Any, adapter: AdapterInfo) -> Any:
    """Put the adapter on a loaded transformers model; use the returned model to generate."""
    from peft import PeftModel

    try:
        return PeftModel.from_pretrained(model, str(adapter.path), adapter_name=adapter.id)
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise ModelError(f"The adapter {adapter.name} could not be applied: {exc}") from exc


def detach(model: Any) -> Any:
    """The base model again, without the adapter layers (nothing is merged into the weights)."""
    from peft import PeftModel

    return model.unload() if isinstance(model, PeftModel) else model


def _read_config(path: Path, problems: list[str]) -> dict[str, Any]:
    file = path / ADAPTER_CONFIG
    if not file.exists():
        problems.append(f"no {ADAPTER_CONFIG} found: a PEFT adapter folder needs it")
        return {}
    try:
        config: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        problems.append(f"{ADAPTER_CONFIG} cannot be read ({exc})")
        return {}
    if not config.get("base_model_name_or_path"):
        problems.append(f"{ADAPTER_CONFIG} does not name its base model (base_model_name_or_path)")
    if str(config.get("peft_type", "")).upper() != "LORA":
        problems.append(
            f"only LoRA adapters are supported (this one is "
            f"{config.get('peft_type') or 'of an unknown type'})"
        )
    return config


def _lora_shapes(weights: Path, problems: list[str]) -> list[list[int]]:
    """Shapes of the lora_A matrices: [rank, input features] of each adapted layer."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(weights), framework="numpy") as handle:
            shapes = [
                list(handle.get_slice(k).get_shape())
                for k in handle.keys()  # noqa: SIM118
                if "lora_A" in k
            ]
    except (SafetensorError, OSError) as exc:
        problems.append(f"{weights.name} is not a readable safetensors file ({exc})")
        return []
    if not shapes:
        problems.append(f"{weights.name} holds no LoRA weights (lora_A/lora_B)")
    return shapes


def _check_sizes(shapes: list[list[int]], base_folder: Path, problems: list[str]) -> None:
    """An adapter trained on another model fails at load; say so now, in words."""
    try:
        config = json.loads((base_folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return
    hidden = config.get("hidden_size")
    if not hidden:
        return
    heads = config.get("num_attention_heads") or 1
    head_dim = config.get("head_dim") or hidden // heads
    allowed = {hidden, config.get("intermediate_size"), heads * head_dim}
    inputs = {shape[-1] for shape in shapes}
    if inputs - allowed:
        problems.append(
            f"the adapter was trained for a different model: its layers take inputs "
            f"of size {sorted(inputs)}, the base model's hidden size is {hidden}"
        )


def _base_name_warning(config: dict[str, Any], repo_id: str | None) -> list[str]:
    named = str(config.get("base_model_name_or_path") or "")
    if (
        repo_id
        and named
        and "/" in named
        and not Path(named).exists()
        and named.lower() != repo_id.lower()
    ):
        return [f"the adapter names {named} as its base; it is attached to {repo_id}"]
    return []


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value or []]
