"""The model manager's view of core: catalog, hardware fit, installed models, download, import.

One small facade so the dialogs and the model picker share one seam (tests pass a fake).
Every method may be slow (torch for hardware detection, disk, network) and runs in a worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.config import Settings


class ModelApi:
    """Thin and stateless apart from the registry it opens."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def registry(self) -> Any:
        from app.core.models.registry import ModelRegistry

        return ModelRegistry(self.settings.layout)

    def installed(self, kind: str | None = "llm") -> list[Any]:
        """Installed models of ``kind`` (None: every kind, for the model manager)."""
        return list(self.registry().installed(kind))

    def hardware(self) -> Any:
        from app.core.models.hardware import detect_hardware

        return detect_hardware()

    def catalog(self) -> list[Any]:
        from app.core.models.catalog import entries_of_kind, load_catalog

        catalog = load_catalog()  # language models first, then embedders and rerankers
        return [
            e for kind in ("llm", "embedding", "reranker") for e in entries_of_kind(catalog, kind)
        ]

    def fits(self) -> list[Any]:
        """Every catalog model with whether (and how) it fits this machine."""
        from app.core.models.hardware import fit

        hw = self.hardware()
        return [fit(entry, hw) for entry in self.catalog()]

    def recommended(self) -> Any | None:
        from app.core.models.catalog import load_catalog
        from app.core.models.hardware import recommend

        fits = recommend(self.hardware(), load_catalog())
        return fits[0] if fits else None

    def download(self, entry_id: str, progress: Any, cancel: Any) -> Any:
        from app.core.models.catalog import find_entry, load_catalog
        from app.core.models.download import Downloader

        entry = find_entry(load_catalog(), entry_id)
        downloader = Downloader(self.registry(), offline=self.settings.network.offline)
        return downloader.download(entry, progress=progress, cancel=cancel)

    def use_for_search(self, model_id: str) -> str:
        """An installed reranker becomes search's reranker; an installed embedder the model of
        new collections. Returns the kind; the caller saves the settings."""
        model = self.registry().get(model_id)
        if model.kind == "reranker":
            self.settings.retrieval.reranker = model.id
            self.settings.retrieval.use_reranker = True
        elif model.kind == "embedding":
            self.settings.retrieval.embedding_model = model.id
        return str(model.kind)

    def import_model(self, path: str) -> Any:
        from app.core.models.importer import import_model

        return import_model(Path(path), self.registry())
