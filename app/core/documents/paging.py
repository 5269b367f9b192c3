"""Pages for formats that have none (TXT, Markdown, DOCX, HTML).

A citation needs a place to point at, and the viewer shows one page of text at a time. A
"page" of these formats is a run of whole blocks (paragraphs, headings, tables):

- a heading of level 1 or 2 starts a new page once the current one holds at least
  ``MIN_SECTION_CHARS`` (a chapter or section, without one-line pages);
- a page closes before it would pass ``PAGE_CHARS`` (about one printed page);
- a single block longer than that is cut at paragraph, line, sentence or word boundaries.

Headings are written as Markdown (``## Title``) so the splitter finds them in any format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.documents.model import Page

PAGE_CHARS = 4000
MIN_SECTION_CHARS = 1000
_SENTENCE_END = re.compile(r"[.?!。] ")


@dataclass(frozen=True)
class Block:
    """One normalised paragraph, table or code block; ``level`` 1–6 marks a heading."""

    text: str
    level: int = 0

    def render(self) -> str:
        return f"{'#' * self.level} {self.text}" if self.level else self.text


def assemble_pages(blocks: Iterable[Block]) -> list[Page]:
    """Pages of at most about ``PAGE_CHARS`` characters, numbered from 1 (see module doc)."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for block in blocks:
        if not block.text.strip():
            continue
        for piece in cut_long_text(block.render(), PAGE_CHARS):
            starts_section = 0 < block.level <= 2 and size >= MIN_SECTION_CHARS
            if current and (starts_section or size + len(piece) + 2 > PAGE_CHARS):
                pages.append("\n\n".join(current))
                current, size = [], 0
            current.append(piece)
            size += len(piece) + 2
    if current:
        pages.append("\n\n".join(current))
    return [Page(number, text) for number, text in enumerate(pages, start=1)]


def cut_long_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at the strongest boundary.

    Works by position, never by re-slicing the rest, so a 50 MB one-line file stays linear.
    """
    pieces: list[str] = []
    position = 0
    while len(text) - position > limit:
        cut = position + _best_cut(text[position : position + limit + 1], limit)
        pieces.append(text[position:cut].strip())
        position = cut
    pieces.append(text[position:].strip())
    return [p for p in pieces if p]


def _best_cut(window: str, limit: int) -> int:
    """The end of the last paragraph, line, sentence or word that fits (normalised text)."""
    floor = limit // 4
    for separator in ("\n\n", "\n"):
        found = window.rfind(separator, floor, limit)
        if found > 0:
            return found + len(separator)
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(window, limit // 2, limit)]
    if sentence_ends:
        return sentence_ends[-1]
    space = window.rfind(" ", floor, limit)
    return space + 1 if space > 0 else limit
