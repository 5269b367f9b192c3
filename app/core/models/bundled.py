"""Models an air-gapped build carries inside itself (``resources/offline/manifest.json``).

``packaging/offline/offline_assets.py`` copies an LLM, extra embedding models and a reranker
into the bundle and writes the manifest; here they become installed models (``source`` =
"bundled"), listed with the ones in the registry, and the bundled LLM answers when the user has
set no other model. They live inside the installation, so they cannot be removed from Pagefold.
``PAGEFOLD_BUNDLE_DIR`` points at another folder laid out the same way (tests, a USB stick).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from app.core.models.installed import InstalledModel, slugify
from app.core.resources import resource_path

log = logging.getLogger(__name__)

ENV_DIR = "PAGEFOLD_BUNDLE_DIR"
MANIFEST = "manifest.json"
SOURCE = "bundled"


def bundle_dir() -> Path:
    """Where the offline assets are: the env override, else ``resources/offline``."""
    override = os.environ.get(ENV_DIR)
    return Path(override).expanduser() if override else resource_path("offline")


def bundled_models(folder: Path | None = None) -> list[InstalledModel]:
    """The manifest's LLM, embedding models and reranker; none without a manifest."""
    folder = folder or bundle_dir()
    manifest = _manifest(folder)
    if not manifest:
        return []
    models: list[InstalledModel] = []
    if manifest.get("llm"):
        models.append(_model(folder / str(manifest["llm"]), "llm"))
    for item in manifest.get("embeddings") or []:
        models.append(_model(folder / str(item), "embedding"))
    if manifest.get("reranker"):
        models.append(_model(folder / str(manifest["reranker"]), "reranker"))
    return [m for m in models if m.weights_path.exists()]


def default_llm(folder: Path | None = None) -> InstalledModel | None:
    """The bundled LLM: what answers when ``generation.model`` is empty."""
    return next((m for m in bundled_models(folder) if m.kind == "llm"), None)


def is_bundled(model: InstalledModel) -> bool:
    return model.source == SOURCE


def _model(weights: Path, kind: str) -> InstalledModel:
    """An installed-model record for a bundled file (GGUF) or folder."""
    gguf = weights.name if weights.suffix.lower() == ".gguf" else None
    path = weights.parent if gguf else weights
    name = weights.stem if gguf else weights.name
    size = weights.stat().st_size if gguf and weights.exists() else _folder_size(path)
    return InstalledModel(
        id=f"bundled-{slugify(name)}",
        name=name,
        path=path,
        kind=kind,
        gguf_file=gguf,
        size_bytes=size,
        source=SOURCE,
        installed_at=0.0,
    )


def _manifest(folder: Path) -> dict[str, Any]:
    file = folder / MANIFEST
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # a damaged bundle still starts, without its models
        log.warning("the bundled model list %s cannot be read: %s", file, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _folder_size(path: Path) -> int:
    if not path.is_dir():
        return 0
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
