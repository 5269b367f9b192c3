"""Model management, one module for the CLI's ``pagefold models`` and the window's dialogs:
the catalog, the fit to this machine, installed models, downloads, imports and the choice of a
search model. Why one facade: the two had each assembled the registry, the downloader and the
hardware probe their own way (issue 18). Every method may be slow (torch for the hardware
probe, disk, network), so the window calls it from a worker; tests pass a fake of this shape.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.config import Settings
from app.core.errors import NotFoundError

if TYPE_CHECKING:
    from app.core.cancel import CancelToken
    from app.core.models.catalog import CatalogEntry
    from app.core.models.convert import Progress
    from app.core.models.hardware import Fit, Hardware
    from app.core.models.importer import ValidationResult
    from app.core.models.installed import InstalledModel
    from app.core.models.registry import ModelRegistry
    from app.core.models.transfer import ProgressCallback


class ModelManager:
    """Stateless apart from the settings; the registry is opened per call (it is a JSON file
    another process may change: `pagefold models import` while the window runs)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def registry(self) -> ModelRegistry:
        from app.core.models.registry import ModelRegistry

        return ModelRegistry(self.settings.layout.ensure())

    def installed(self, kind: str | None = "llm") -> list[InstalledModel]:
        """Installed models of ``kind`` (None: every kind, for the model manager)."""
        return list(self.registry().installed(kind))

    def hardware(self) -> Hardware:
        from app.core.models.hardware import detect_hardware

        return detect_hardware()

    def catalog(self) -> list[CatalogEntry]:
        """Language models first, then embedders and rerankers."""
        from app.core.models.catalog import entries_of_kind, load_catalog

        catalog = load_catalog()
        return [
            e for kind in ("llm", "embedding", "reranker") for e in entries_of_kind(catalog, kind)
        ]

    def fits(self, hw: Hardware | None = None) -> list[Fit]:
        """Every catalog model with whether (and how) it fits this machine."""
        from app.core.models.hardware import fit

        hw = hw or self.hardware()
        return [fit(entry, hw) for entry in self.catalog()]

    def recommend(self, hw: Hardware | None = None, kind: str = "llm") -> list[Fit]:
        """Catalog models of ``kind`` that fit, best first."""
        from app.core.models.catalog import load_catalog
        from app.core.models.hardware import recommend

        return recommend(hw or self.hardware(), load_catalog(), kind)

    def recommended(self) -> Fit | None:
        fits = self.recommend()
        return fits[0] if fits else None

    def download(
        self,
        model: str,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        *,
        revision: str | None = None,
        gguf_file: str | None = None,
        kind: str = "llm",
    ) -> InstalledModel:
        """A catalog id, or a Hub repo id (``owner/name``) for a model outside the catalog."""
        from app.core.models.catalog import find_entry, load_catalog
        from app.core.models.download import Downloader

        target: CatalogEntry | str
        try:
            target = find_entry(load_catalog(), model)
        except NotFoundError:
            if "/" not in model:
                raise
            target = model
        downloader = Downloader(self.registry(), offline=self.settings.network.offline)
        return downloader.download(
            target, revision, progress=progress, cancel=cancel, gguf_file=gguf_file, kind=kind
        )

    def import_model(
        self,
        path: Path | str,
        *,
        copy: bool = False,
        allow_pickle: bool = False,
        name: str | None = None,
        validated: ValidationResult | None = None,
        progress: Progress | None = None,
    ) -> InstalledModel:
        from app.core.models.importer import import_model

        return import_model(
            Path(path),
            self.registry(),
            copy=copy,
            allow_pickle=allow_pickle,
            name=name,
            validated=validated,
            progress=progress,
        )

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
