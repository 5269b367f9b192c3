"""The installed models: one JSON file in the models folder, written atomically.

Why JSON and not the SQLite catalog: the list is tiny, a person may want to read it, and the
models folder stays self-describing when copied to another machine.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from app.core.errors import AlreadyExistsError, ModelError, NotFoundError, PagefoldError
from app.core.models.installed import InstalledModel, slugify
from app.core.storage.layout import DataLayout

REGISTRY_FILE = "registry.json"
SCHEMA_VERSION = 1


class ModelRegistry:
    """Reads the file on every call, so the window and a CLI in another process agree."""

    def __init__(self, layout: DataLayout) -> None:
        self.layout = layout
        self.models_dir = layout.models_dir
        self.file = self.models_dir / REGISTRY_FILE
        self._lock = threading.RLock()

    def installed(self, kind: str | None = None) -> list[InstalledModel]:
        """Registered models, then those inside an air-gapped build (``bundled``)."""
        from app.core.models.bundled import bundled_models

        models = [InstalledModel.from_json(m) for m in self._read().get("models", [])]
        ids = {m.id for m in models}
        models += [m for m in bundled_models() if m.id not in ids]
        return [m for m in models if kind is None or m.kind == kind]

    def find(self, model_id: str) -> InstalledModel | None:
        return next((m for m in self.installed() if m.id == model_id), None)

    def get(self, model_id: str) -> InstalledModel:
        model = self.find(model_id)
        if model is None:
            raise NotFoundError(
                f'No installed model "{model_id}". `pagefold models list` shows the installed ones.'
            )
        return model

    def find_by_catalog_id(self, catalog_id: str) -> InstalledModel | None:
        return next((m for m in self.installed() if m.catalog_id == catalog_id), None)

    def find_by_path(self, path: Path) -> InstalledModel | None:
        target = Path(path).resolve()
        return next((m for m in self.installed() if m.weights_path.resolve() == target), None)

    def add(self, model: InstalledModel) -> InstalledModel:
        with self._lock:
            doc = self._read()
            if any(m["id"] == model.id for m in doc.get("models", [])):
                raise AlreadyExistsError(f'A model named "{model.id}" is already installed.')
            doc.setdefault("models", []).append(model.to_json())
            self._write(doc)
        return model

    def remove(self, model_id: str, delete_files: bool = True) -> InstalledModel:
        """Forget a model; its files go too when they live in the models folder.

        Files of a model imported in place (not copied) belong to the user and are never deleted.
        """
        with self._lock:
            model = self.get(model_id)
            if model.source == "bundled":
                raise ModelError(
                    f"{model.name} is part of this installation (an air-gapped build) and cannot "
                    "be removed; choose another model in the picker instead."
                )
            if delete_files and self.owns(model):
                _delete(model.path)
            if delete_files and (self.models_dir / "converted" / model.id).exists():
                _delete(self.models_dir / "converted" / model.id)  # made from a GGUF (convert.py)
            doc = self._read()
            doc["models"] = [m for m in doc.get("models", []) if m["id"] != model_id]
            self._write(doc)
        return model

    def owns(self, model: InstalledModel) -> bool:
        """True when the model's files were put in the models folder by Pagefold."""
        return (
            model.path.resolve().is_relative_to(self.models_dir.resolve())
            and model.path.resolve() != self.models_dir.resolve()
        )

    def unique_id(self, wanted: str) -> str:
        """A free id based on ``wanted`` (a folder-safe slug, numbered when taken)."""
        base = slugify(wanted)
        taken = {m.id for m in self.installed()}
        candidate, n = base, 2
        while candidate in taken or (self.models_dir / candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _read(self) -> dict[str, Any]:
        if not self.file.exists():
            return {"schema_version": SCHEMA_VERSION, "models": []}
        try:
            data: dict[str, Any] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PagefoldError(
                f"The list of installed models ({self.file}) cannot be read: {exc}"
            ) from exc
        return data

    def _write(self, doc: dict[str, Any]) -> None:
        self.models_dir.mkdir(parents=True, exist_ok=True)
        doc["schema_version"] = SCHEMA_VERSION
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)


#: Kept free after a download or copy, so the disk is never filled to the last byte.
DISK_MARGIN_BYTES = 512 * 1024**2


class DiskSpaceError(ModelError):
    """Not enough free disk space for a download or a copy; nothing was started."""


def ensure_free_space(folder: Path, needed: int, what: str) -> None:
    """Refuse early, with numbers, instead of failing half-way with a full disk."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if needed + DISK_MARGIN_BYTES > free:
        raise DiskSpaceError(
            f"Not enough free disk space for {what}: it needs {needed / 1e9:.2f} GB and "
            f"{free / 1e9:.2f} GB is free in {probe} (Pagefold keeps "
            f"{DISK_MARGIN_BYTES / 1e9:.1f} GB spare). Free some space or move the data folder."
        )


def _delete(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
