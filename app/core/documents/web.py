"""Saved web pages (``.html``, ``.htm``) with Beautiful Soup (lxml when installed).

Scripts, styles, navigation, forms and other non-content elements are dropped. Headings
become ``#``-headings, table rows ``| a | b |``, list items ``- item``, ``<pre>`` keeps its
lines, and ``<br>`` is a line break; other whitespace collapses as a browser shows it.
Pages as in ``paging``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.documents.md import table_row
from app.core.documents.model import ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.paging import Block, assemble_pages
from app.core.errors import DocumentError

MAX_BYTES = 64 << 20
_DROPPED = (
    "script",
    "style",
    "nav",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "form",
    "button",
    "select",
    "head",
    "object",
    "embed",
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "section",
        "summary",
        "ul",
    }
)
_WHITESPACE = re.compile(r"\s+")


def load_html(path: Path) -> ParsedDocument:
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(f"{path.name}: too large for a web page.")
    soup = _parse(path.read_bytes())
    title = _WHITESPACE.sub(" ", soup.title.get_text()).strip() if soup.title else ""
    blocks = list(html_blocks(soup))
    pages = assemble_pages(blocks)
    if not pages:
        raise DocumentError(f"{path.name}: contains no text.")
    title = title or next((b.text for b in blocks if b.level == 1), path.stem)
    return ParsedDocument(path=path, kind="html", title=title, pages=pages)


def html_blocks(soup: Any) -> Iterator[Block]:
    """The content blocks of a parsed page (non-content elements are removed from ``soup``)."""
    for element in soup(_DROPPED):
        element.decompose()
    return _Walker().blocks(soup)


def parse_html(data: bytes) -> Any:
    return _parse(data)


def _parse(data: bytes) -> Any:
    """An HTML tree, XHTML included: help pages such as the Debian FAQ's start with an XML
    declaration, and BeautifulSoup then warns that an XML parser would be "more reliable" (a
    12-line warning per page on the terminal). For reading a page's text the HTML parser is the
    right one, so that warning is silenced here, and only here."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            import lxml  # noqa: F401  (faster and more forgiving when present)

            return BeautifulSoup(data, "lxml")
        except ImportError:
            return BeautifulSoup(data, "html.parser")


class _Walker:
    """Turns the element tree into blocks; inline text gathers until a block element ends it."""

    def __init__(self) -> None:
        self._inline: list[str] = []
        self._prefix = ""

    def blocks(self, root: Any) -> Iterator[Block]:
        yield from self._walk(root)
        yield from self._flush()

    def _walk(self, node: Any) -> Iterator[Block]:
        from bs4.element import NavigableString, Tag

        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    self._inline.append(_WHITESPACE.sub(" ", str(child)))
            elif isinstance(child, Tag):
                yield from self._element(child)

    def _element(self, tag: Any) -> Iterator[Block]:
        name = tag.name
        if name == "br":
            self._inline.append("\n")
        elif name in _HEADINGS:
            yield from self._flush()
            yield Block(_WHITESPACE.sub(" ", tag.get_text(" ")).strip(), level=_HEADINGS[name])
        elif name == "table":
            yield from self._flush()
            yield Block(_table_text(tag))
        elif name == "pre":
            yield from self._flush()
            yield Block(normalize_text(tag.get_text(), lines="keep"))
        elif name in _BLOCKS:
            yield from self._flush()
            self._prefix = "- " if name == "li" else ""
            yield from self._walk(tag)
            yield from self._flush()
        else:
            yield from self._walk(tag)

    def _flush(self) -> Iterator[Block]:
        text = normalize_text("".join(self._inline), lines="keep")
        self._inline = []
        if text:
            yield Block(self._prefix + text)
        self._prefix = ""


def _table_text(table: Any) -> str:
    rows = []
    for row in table.find_all("tr"):
        cells = [_WHITESPACE.sub(" ", c.get_text(" ")).strip() for c in row.find_all(["td", "th"])]
        if any(cells):
            rows.append(table_row(cells))
    return "\n".join(rows)
