"""What an installed model is: the record the registry keeps and a bundled build lists.

A module of its own so that the registry (which lists bundled models with its own) and
``bundled.py`` (which makes records for them) both use it without importing each other.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Record = TypeVar("Record", bound="DataclassInstance")


@dataclass
class InstalledModel:
    """A model on this machine, downloaded into the models folder or imported from elsewhere."""

    id: str
    name: str
    path: Path  # the model folder (for GGUF: the folder holding ``gguf_file``)
    kind: str = "llm"
    gguf_file: str | None = None
    size_bytes: int = 0
    source: str = "download"  # "download" | "import"
    catalog_id: str | None = None
    repo_id: str | None = None
    revision: str | None = None  # the commit actually downloaded
    params_b: float | None = None
    context_length: int | None = None
    architecture: str | None = None
    installed_at: float = field(default_factory=time.time)

    @property
    def weights_path(self) -> Path:
        """What a loader opens: the GGUF file, or the folder."""
        return self.path / self.gguf_file if self.gguf_file else self.path

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InstalledModel:
        return record_from_json(cls, data)


def record_from_json(cls: type[Record], data: dict[str, Any]) -> Record:
    """A record with a ``path`` from its JSON; keys a newer Pagefold wrote are dropped, so a
    registry shared with a newer version still loads (installed models and LoRA adapters)."""
    known = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in known}
    values["path"] = Path(values["path"])
    return cls(**values)


def slugify(text: str) -> str:
    """A lowercase folder name: letters, digits, dots and dashes (Korean letters are kept)."""
    slug = re.sub(r"[^\w.\-]+", "-", text.strip().lower().replace("/", "--")).strip("-.")
    return slug[:80] or "model"
