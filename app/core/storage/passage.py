"""A retrieved passage, carrying everything a citation needs.

It lives in storage, below retrieval, because the conversation store keeps the passages an
answer was given with its messages: search returns them, chat cites them, storage keeps them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Passage:
    """One ranked passage; ``start``/``end`` are offsets into its page's text."""

    chunk_id: str
    text: str
    document_id: int
    path: str
    title: str
    page: int
    start: int
    end: int
    score: float = 0.0
    collection: str = ""
    ocr: bool = False  # the page's text was read by OCR: a citation says "(OCR)"

    def to_json(self) -> dict[str, Any]:
        """The stable shape printed by ``pagefold search --json``."""
        return asdict(self)

    def to_metadata(self) -> dict[str, Any]:
        """Flat metadata for a LangChain ``Document`` (no text)."""
        data = asdict(self)
        data.pop("text")
        return data

    @classmethod
    def from_metadata(cls, text: str, metadata: dict[str, Any]) -> Passage:
        fields = {k: metadata[k] for k in cls.__dataclass_fields__ if k in metadata and k != "text"}
        return cls(text=text, **fields)
