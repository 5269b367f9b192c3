"""What a loader produces and what the splitter cuts it into.

Offsets always refer to ``Page.text`` (the normalised text of one page), so a citation can
reopen that page and find the passage again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """One page of a PDF, or one section of a format without pages (1-based)."""

    number: int
    text: str


@dataclass
class ParsedDocument:
    """A file read into pages; ``kind`` is the loader's name (pdf, txt, md, docx, html, ...)."""

    path: Path
    kind: str
    title: str
    pages: list[Page]
    warnings: list[str] = field(default_factory=list)
    # (page number, title) of a PDF's bookmarks, in order: the headings its text does not mark
    outline: list[tuple[int, str]] = field(default_factory=list)
    # pages whose text came from OCR, so a citation can say "(OCR)" and warn of misreadings
    ocr_pages: list[int] = field(default_factory=list)

    @property
    def char_count(self) -> int:
        return sum(len(p.text) for p in self.pages)


@dataclass(frozen=True)
class ChunkSpan:
    """A passage: ``text == page_text[start:end]`` for the page it names."""

    index: int  # position within the document, 0-based
    page: int
    start: int
    end: int
    text: str
    heading: str = ""  # nearest heading above the passage, when the format has them
    repeat: int = 0  # leading characters that repeat the end of the chunk before (overlap)
    parents: tuple[str, ...] = ()  # the headings that section sits under, outermost first
