"""The model catalog: recommended models as data (``resources/catalog/models.json``).

Why data: sizes, licences and new models change more often than code; an edit to the JSON needs no
release. This module only reads and checks it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.core.errors import ModelError, NotFoundError
from app.core.resources import resource_path

ModelKind = Literal["llm", "embedding", "reranker"]
KINDS: tuple[str, ...] = ("llm", "embedding", "reranker")
PRECISIONS: tuple[str, ...] = ("bf16", "8bit", "4bit")

_DEFAULT_FILES: dict[str, list[str]] = {
    "llm": ["*.safetensors", "*.safetensors.index.json", "config.json", "tokenizer.json"],
    "encoder": ["*.safetensors", "*.safetensors.index.json", "config.json", "tokenizer.json"],
}


@dataclass
class CatalogEntry:
    """One downloadable model, as the model manager shows it."""

    id: str
    name: str
    kind: str
    repo_id: str
    revision: str
    files: list[str]
    gguf_file: str | None
    size_bytes: int
    context_length: int
    license: str
    license_url: str
    commercial_use: bool
    languages: list[str]
    params_b: float
    vram_gb: dict[str, float]
    notes: str = ""
    gated: bool = False
    recommended: bool = False
    storage: str = "bf16"
    dimensions: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_gguf(self) -> bool:
        return self.gguf_file is not None

    @property
    def open_licence(self) -> bool:
        """Usable at work without asking anyone: commercial use allowed and not gated."""
        return self.commercial_use and not self.gated

    @property
    def licence_label(self) -> str:
        """The licence as the UI shows it; non-commercial is spelled out, never hidden."""
        label = self.license
        if not self.commercial_use:
            label += " (NON-COMMERCIAL)"
        if self.gated:
            label += " (gated: needs an access token)"
        return label

    @property
    def speaks_korean(self) -> bool:
        return "ko" in self.languages

    @property
    def precisions(self) -> list[str]:
        """Precisions this entry can be loaded at, best quality first."""
        return [p for p in PRECISIONS if p in self.vram_gb]


#: The sizing formula of ``resources/catalog/README.md``; a test keeps the JSON in step with it.
BYTES_PER_PARAM: dict[str, float] = {"bf16": 2.0, "8bit": 1.1, "4bit": 0.6}
OVERHEAD_FACTOR = 1.15
OVERHEAD_GB = 1.0


def vram_estimate(params_b: float, gguf: bool = False) -> dict[str, float]:
    """Memory per precision for a model of ``params_b`` billion parameters."""
    precisions = ["bf16"] if gguf else list(PRECISIONS)
    return {
        p: round(params_b * BYTES_PER_PARAM[p] * OVERHEAD_FACTOR + OVERHEAD_GB, 1)
        for p in precisions
    }


def entry_for_installed(model: Any, catalog: list[CatalogEntry]) -> CatalogEntry | None:
    """The catalog entry of an installed model, or one estimated from its parameter count.

    Lets the fit checks warn before loading an imported model too. None when the size is
    unknown (no parameter count was recorded).
    """
    if model.catalog_id:
        for entry in catalog:
            if entry.id == model.catalog_id:
                return entry
    if not model.params_b:
        return None
    return CatalogEntry(
        id=model.id,
        name=model.name,
        kind=model.kind,
        repo_id=model.repo_id or "",
        revision=model.revision or "",
        files=[],
        gguf_file=model.gguf_file,
        size_bytes=model.size_bytes,
        context_length=model.context_length or 0,
        license="unknown",
        license_url="",
        commercial_use=True,
        languages=[],
        params_b=model.params_b,
        vram_gb=vram_estimate(model.params_b, bool(model.gguf_file)),
        notes="Estimated from the parameter count.",
        recommended=False,
    )


def catalog_file() -> Path:
    return resource_path("catalog", "models.json")


def load_catalog(path: Path | None = None) -> list[CatalogEntry]:
    """Read and check the catalog; a broken file is a clear error, not a crash later."""
    path = path or catalog_file()
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"The model catalog is missing: {path}") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"The model catalog {path} cannot be read: {exc}") from exc
    defaults = {**_DEFAULT_FILES, **doc.get("default_files", {})}
    entries = [_entry(raw, defaults, path) for raw in doc.get("models", [])]
    _check_unique(entries, path)
    return entries


def find_entry(catalog: list[CatalogEntry], key: str) -> CatalogEntry:
    """An entry by id or repo id (case-insensitive), as a user would type either."""
    wanted = key.strip().lower()
    for entry in catalog:
        if wanted in (entry.id.lower(), entry.repo_id.lower()):
            return entry
    raise NotFoundError(
        f'"{key}" is not in the model catalog. `pagefold models list --catalog` '
        "shows the choices; a Hugging Face repo id (owner/name) works too."
    )


def entries_of_kind(catalog: list[CatalogEntry], kind: str) -> list[CatalogEntry]:
    return [e for e in catalog if e.kind == kind]


def default_files(kind: str, path: Path | None = None) -> list[str]:
    """Download patterns for a repo that is not in the catalog."""
    doc = json.loads(Path(path or catalog_file()).read_text(encoding="utf-8"))
    defaults = {**_DEFAULT_FILES, **doc.get("default_files", {})}
    return list(defaults["llm" if kind == "llm" else "encoder"])


def _entry(raw: dict[str, Any], defaults: dict[str, list[str]], path: Path) -> CatalogEntry:
    known = set(CatalogEntry.__dataclass_fields__) - {"extra"}
    try:
        values = {k: v for k, v in raw.items() if k in known}
        entry = CatalogEntry(**values, extra={k: v for k, v in raw.items() if k not in known})
    except TypeError as exc:
        raise ModelError(
            f"Catalog {path}: entry {raw.get('id', '?')} is incomplete: {exc}"
        ) from exc
    if entry.kind not in KINDS:
        raise ModelError(f"Catalog {path}: {entry.id} has unknown kind {entry.kind!r}.")
    if not entry.vram_gb or set(entry.vram_gb) - set(PRECISIONS):
        raise ModelError(f"Catalog {path}: {entry.id} needs vram_gb for bf16, 8bit or 4bit.")
    if not entry.files:
        entry.files = list(defaults["llm" if entry.kind == "llm" else "encoder"])
    return entry


def _check_unique(entries: list[CatalogEntry], path: Path) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ModelError(f"Catalog {path}: the id {entry.id} appears twice.")
        seen.add(entry.id)
