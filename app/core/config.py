"""One typed, versioned settings object: defaults, a JSON file in the data folder, env overrides.

Why pydantic: validation and clear messages for a hand-edited file come for free, and chromadb
already depends on it. Window geometry is kept apart (Qt's QSettings in the UI layer), so this
file only holds choices a user makes on purpose.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from app.core.errors import PagefoldError
from app.core.storage.layout import DataLayout, chosen_data_dir, default_data_dir

SCHEMA_VERSION = 1

DEFAULT_EMBEDDING_MODEL = "intfloat/multilingual-e5-small"
TEST_EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class RetrievalSettings(BaseModel):
    """How passages are found; per-collection chunking overrides live in the catalog."""

    k: int = Field(default=5, ge=1, le=50)
    chunk_tokens: int = Field(default=256, ge=32, le=2048)
    chunk_overlap: int = Field(default=32, ge=0, le=512)
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    use_reranker: bool = True
    #: "" or "auto": a downloaded reranker if any; "off"; or an installed model's id.
    reranker: str = ""
    candidates: int = Field(default=40, ge=5, le=500)

    @model_validator(mode="after")
    def _overlap_below_half(self) -> RetrievalSettings:
        if self.chunk_overlap * 2 > self.chunk_tokens:
            raise ValueError(
                f"chunk_overlap ({self.chunk_overlap}) must be at most half of chunk_tokens "
                f"({self.chunk_tokens})"
            )
        return self


class GenerationSettings(BaseModel):
    """How answers are written."""

    model: str = ""  # a model folder, a .gguf path or a catalog id; empty = search-only mode
    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    max_new_tokens: int = Field(default=512, ge=16, le=8192)
    system_prompt: str = ""  # empty = the bundled prompt for the answer language
    answer_language: Literal["auto", "ko", "en"] = "auto"
    quantization: Literal["auto", "none", "8bit", "4bit"] = "auto"


class NetworkSettings(BaseModel):
    """Privacy: nothing goes out unless the user asks for it here or starts a download."""

    offline: bool = False  # enforced: outbound connections refused inside the process
    remote_base_url: str = ""  # an OpenAI-compatible endpoint (vLLM, Ollama, LM Studio)
    remote_model: str = ""
    use_remote: bool = False


class IndexingSettings(BaseModel):
    """What indexing may read and how much of it."""

    # Symlinks and junctions inside an added folder that lead outside it are skipped unless
    # this is on: a link to /etc/shadow must not end up in the catalog (issue 19).
    follow_outside_links: bool = False
    # A file whose text is longer than this is refused (CLI) or asked about (window) unless
    # forced: 10M characters is ~20,000 passages, about 45 minutes of embedding on 2 cores.
    max_text_chars: int = Field(default=10_000_000, ge=1_000)


class UiSettings(BaseModel):
    """Choices for the desktop window."""

    language: Literal["system", "ko", "en"] = "system"
    theme: Literal["system", "light", "dark"] = "system"


class Settings(BaseModel):
    """Everything a user can set, with defaults that work with no configuration."""

    schema_version: int = SCHEMA_VERSION
    data_dir: Path = Field(default_factory=default_data_dir)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    generation: GenerationSettings = Field(default_factory=GenerationSettings)
    network: NetworkSettings = Field(default_factory=NetworkSettings)
    indexing: IndexingSettings = Field(default_factory=IndexingSettings)
    ui: UiSettings = Field(default_factory=UiSettings)

    @property
    def layout(self) -> DataLayout:
        """The on-disk layout of this settings' data folder."""
        return DataLayout(self.data_dir)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Settings:
        """Read settings: explicit folder, else ``PAGEFOLD_HOME``, else the platform's data dir."""
        root = chosen_data_dir(data_dir)
        path = DataLayout(root).settings_file
        raw: dict[str, Any] = {}
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise PagefoldError(f"Settings file {path} cannot be read: {exc}") from exc
        raw = _migrate(raw)
        raw["data_dir"] = root
        _apply_env(raw)
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            raise PagefoldError(f"Settings file {path} has invalid values:\n{exc}") from exc

    def save(self) -> None:
        """Write the file atomically so a crash never leaves half a settings file."""
        path = self.layout.settings_file
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.model_dump(mode="json", exclude={"data_dir"})
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


def _apply_env(raw: dict[str, Any]) -> None:
    """A few overrides useful for scripts and CI, without touching the file."""
    overrides = {
        "PAGEFOLD_EMBEDDING_MODEL": ("retrieval", "embedding_model"),
        "PAGEFOLD_MODEL": ("generation", "model"),
        "PAGEFOLD_OFFLINE": ("network", "offline"),
        "PAGEFOLD_RERANKER": ("retrieval", "reranker"),
    }
    for env, (section, key) in overrides.items():
        value = os.environ.get(env)
        if value is not None:
            parsed: Any = value.lower() in {"1", "true", "yes"} if key == "offline" else value
            raw.setdefault(section, {})[key] = parsed


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older file forward; unknown newer versions are read as far as they fit."""
    version = int(raw.get("schema_version", SCHEMA_VERSION))
    if version < SCHEMA_VERSION:  # no older versions exist yet; future steps go here
        raw["schema_version"] = SCHEMA_VERSION
    return raw
