"""Which cross-encoder reranks search results: the ``retrieval.reranker`` setting, resolved.

Why a downloaded reranker is on by default: a cross-encoder reads question and passage together
and lifts the right passage from ranks 6-20 into the top 5, which fusion alone cannot do
(issue 15, the fourth kind of miss). A user who downloads one expects it to be used without a
second step, so ``""``/``"auto"`` picks the newest installed reranker. The registry file is
read at each search (about 0.1 ms), so a reranker downloaded from the CLI while the window is
open is picked up by the next question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.errors import PagefoldError
from app.core.models.registry import ModelRegistry
from app.core.storage.layout import DataLayout

AUTO = "auto"
OFF = "off"
#: A folder a user could drop a cross-encoder into before the catalog offered any.
LEGACY_FOLDER = "reranker"


class RerankerChoiceError(PagefoldError):
    """The chosen reranker is not installed or is not a reranker."""


@dataclass(frozen=True)
class RerankerChoice:
    """What search will use: a folder (or None for no rerank) and how it was chosen."""

    setting: str  # "auto", "off" or a model id, as the user set it
    model_id: str | None  # the installed model's id; None when off or the legacy folder
    folder: Path | None

    @property
    def label(self) -> str:
        if self.folder is None:
            return "off" if self.setting == OFF else "none installed"
        return self.model_id or str(self.folder)


def normalise(setting: str) -> str:
    value = setting.strip()
    return AUTO if value.lower() in {"", AUTO} else (OFF if value.lower() == OFF else value)


def resolve(setting: str, layout: DataLayout, enabled: bool = True) -> RerankerChoice:
    """The reranker for ``setting``; ``enabled`` False (the older switch) means off."""
    value = normalise(setting)
    if value == OFF or not enabled:
        return RerankerChoice(OFF, None, None)
    registry = ModelRegistry(layout)
    if value != AUTO:
        model = registry.find(value)
        if model is None:
            raise RerankerChoiceError(
                f'No installed reranker "{value}". Download one with `pagefold models '
                "download ID`, list them with `pagefold models list --kind reranker`, or use "
                '"auto" or "off".'
            )
        if model.kind != "reranker":
            raise RerankerChoiceError(
                f'"{value}" is a {model.kind} model, not a reranker (a cross-encoder).'
            )
        return RerankerChoice(value, model.id, model.path)
    installed = sorted(registry.installed("reranker"), key=lambda m: m.installed_at)
    if installed:
        newest = installed[-1]
        return RerankerChoice(AUTO, newest.id, newest.path)
    legacy = layout.models_dir / LEGACY_FOLDER
    return RerankerChoice(AUTO, None, legacy if legacy.is_dir() else None)


def installed_rerankers(layout: DataLayout) -> list[tuple[str, str]]:
    """(id, name) of each installed reranker, for the settings pickers."""
    return [(m.id, m.name) for m in ModelRegistry(layout).installed("reranker")]
