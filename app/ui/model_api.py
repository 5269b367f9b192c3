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

    def installed(self) -> list[Any]:
        return list(self.registry().installed("llm"))

    def hardware(self) -> Any:
        from app.core.models.hardware import detect_hardware

        return detect_hardware()

    def catalog(self) -> list[Any]:
        from app.core.models.catalog import entries_of_kind, load_catalog

        return entries_of_kind(load_catalog(), "llm")

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

    def import_model(self, path: str) -> Any:
        from app.core.models.importer import import_model

        return import_model(Path(path), self.registry())
