"""The one place that knows where Pagefold keeps things on disk.

<data>/settings.json       user settings (app.core.config)
<data>/catalog.sqlite3     collections and documents (app.core.storage.catalog)
<data>/conversations.sqlite3  conversations and messages (app.core.storage.conversations)
<data>/chroma/             Chroma's persistent store (vectors)
<data>/vector_cache.sqlite3  vectors by model and text hash (app.core.embeddings.cache)
<data>/lexical/            BM25 indexes, one folder per collection
<data>/models/             downloaded and imported models
<data>/logs/               pagefold.log, network.log
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Pagefold"


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/Pagefold on Linux)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def chosen_data_dir(explicit: Path | None = None) -> Path:
    """The data folder in use: the one given, else ``PAGEFOLD_HOME``, else the platform's.

    Here rather than in ``config`` so a command can find the folder without loading the
    settings (pydantic): ``pagefold search`` asks a running ``pagefold serve`` first."""
    if explicit:
        return Path(explicit)
    value = os.environ.get("PAGEFOLD_HOME", "").strip()
    return Path(value).expanduser() if value else default_data_dir()


@dataclass(frozen=True)
class DataLayout:
    """Paths inside one data folder; creating them is explicit (``ensure``)."""

    root: Path

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def catalog_db(self) -> Path:
        return self.root / "catalog.sqlite3"

    @property
    def conversations_db(self) -> Path:
        return self.root / "conversations.sqlite3"

    @property
    def vector_cache_db(self) -> Path:
        return self.root / "vector_cache.sqlite3"

    @property
    def chroma_dir(self) -> Path:
        return self.root / "chroma"

    @property
    def lexical_dir(self) -> Path:
        return self.root / "lexical"

    @property
    def models_dir(self) -> Path:
        return self.root / "models"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "pagefold.log"

    @property
    def network_log(self) -> Path:
        return self.logs_dir / "network.log"

    def lexical_index(self, collection_id: int) -> Path:
        return self.lexical_dir / f"collection-{collection_id}"

    def ensure(self) -> DataLayout:
        """Create the folders this layout needs; cheap and idempotent."""
        from app.core.storage.private import private_dir

        for path in (self.root, self.chroma_dir, self.lexical_dir, self.models_dir, self.logs_dir):
            path.mkdir(parents=True, exist_ok=True)
            private_dir(path)
        return self
