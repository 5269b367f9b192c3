"""Markdown files (``.md``, ``.markdown``) with markdown-it-py.

The page text is the document as a reader sees it, not its source: inline markup, link
targets and YAML front matter are dropped; headings stay ``## Title`` (so the splitter cuts
sections there), list items ``- item``, table rows ``| a | b |``, code blocks line by line.
Soft line breaks are joined as wraps (Korean ones through Kiwi). Pages as in ``paging``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from app.core.documents.model import ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.paging import Block, assemble_pages
from app.core.documents.plain import detect_encoding
from app.core.errors import DocumentError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_BYTES = 64 << 20


def load_markdown(path: Path) -> ParsedDocument:
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(f"{path.name}: too large for a Markdown document.")
    encoding = detect_encoding(path)
    source = _FRONT_MATTER.sub("", path.read_text(encoding=encoding, errors="replace"))
    blocks = list(markdown_blocks(source))
    pages = assemble_pages(blocks)
    if not pages:
        raise DocumentError(f"{path.name}: contains no text.")
    title = next((b.text for b in blocks if b.level == 1), path.stem)
    warnings = [] if encoding.startswith("utf") else [f"not UTF-8: read as {encoding}"]
    return ParsedDocument(path=path, kind="md", title=title, pages=pages, warnings=warnings)


def markdown_blocks(source: str) -> Iterator[Block]:
    """Headings, paragraphs, list items, tables and code of a Markdown text, in order."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    markers: list[str] = []  # the marker of each open list item, innermost last
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            yield Block(_inline_text(tokens[index + 1]), level=int(token.tag[1]))
            index += 2
        elif token.type == "list_item_open":
            markers.append(f"{token.info}. " if token.markup in ".)" else "- ")
        elif token.type == "list_item_close":
            markers.pop()
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            yield Block(_item_prefix(markers) + _inline_text(token))
        elif token.type in ("fence", "code_block"):
            yield Block(normalize_text(token.content, lines="keep"))
        elif token.type == "html_block":
            yield Block(_html_text(token.content))
        elif token.type == "table_open":
            end = _matching_close(tokens, index, "table_close")
            yield Block(_table_text(tokens[index:end]))
            index = end
        index += 1


def _item_prefix(markers: list[str]) -> str:
    """The marker of the innermost list item, only for its first paragraph."""
    if not markers or not markers[-1]:
        return ""
    prefix = markers[-1]
    markers[-1] = ""
    return prefix


def _inline_text(token: Any) -> str:
    """Visible text; soft breaks are wraps to join, hard breaks stay line breaks."""
    lines: list[list[str]] = [[]]
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            lines[-1].append(child.content)
        elif child.type == "softbreak":
            lines[-1].append("\n")
        elif child.type == "hardbreak":
            lines.append([])
        elif child.type == "image":
            lines[-1].append(_inline_text(child) or child.attrs.get("alt", ""))
    joined = (normalize_text("".join(parts), lines="wrap") for parts in lines)
    return "\n".join(line for line in joined if line)


def _html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return normalize_text(BeautifulSoup(html, "html.parser").get_text(" "), lines="wrap")


def _matching_close(tokens: Sequence[Any], start: int, close: str) -> int:
    for index in range(start, len(tokens)):
        if tokens[index].type == close:
            return index
    return len(tokens) - 1


def _table_text(tokens: Sequence[Any]) -> str:
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(_inline_text(token).replace("\n", " "))
    return "\n".join(table_row(cells) for cells in rows if any(cells))


def table_row(cells: Sequence[str]) -> str:
    """``| a | b |``: how every loader writes a table row (pipes in cells escaped)."""
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
