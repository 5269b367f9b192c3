"""E-books (``.epub``) with EbookLib: one page per chapter, in reading order.

Page N is the N-th spine document that has text (covers and image-only pages are skipped),
so a citation says "chapter N". A chapter's XHTML goes through the web loader's walker, so
headings, lists and tables read as they do for HTML. A chapter without a heading of its own
gets its table-of-contents title as one. DRM-protected books cannot be read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.documents.model import Page, ParsedDocument
from app.core.documents.office import check_zip_package
from app.core.documents.paging import Block
from app.core.documents.web import html_blocks, parse_html
from app.core.errors import DocumentError, EncryptedDocumentError


def load_epub(path: Path) -> ParsedDocument:
    check_zip_package(path, "EPUB", ".epub")
    book = _open(path)
    titles = _toc_titles(book.toc)
    texts = [text for text in _chapters(book, titles) if text]
    if not texts:
        raise DocumentError(f"{path.name}: contains no text.")
    pages = [Page(number, text) for number, text in enumerate(texts, 1)]
    found = book.get_metadata("DC", "title")
    title = str(found[0][0]).strip() if found else ""
    return ParsedDocument(path=path, kind="epub", title=title or path.stem, pages=pages)


def _open(path: Path) -> Any:
    import zipfile

    with zipfile.ZipFile(path) as package:
        if "META-INF/encryption.xml" in package.namelist():
            raise EncryptedDocumentError(
                f"{path.name}: the e-book is DRM-protected or encrypted and cannot be read."
            )
    from ebooklib import epub

    try:
        return epub.read_epub(str(path), options={"ignore_ncx": True})
    except Exception as error:  # EbookLib raises many kinds for broken packages
        raise DocumentError(f"{path.name}: the EPUB file is damaged ({error}).") from None


def _chapters(book: Any, titles: dict[str, str]) -> Iterator[str]:
    import warnings

    import ebooklib
    from bs4 import XMLParsedAsHTMLWarning

    # Chapters are XHTML; the forgiving HTML parser reads them as intended.
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        blocks = [b for b in html_blocks(parse_html(item.get_content())) if b.text.strip()]
        if not blocks:
            continue
        title = titles.get(posixpath.normpath(item.get_name()), "")
        if title and not any(0 < b.level <= 2 for b in blocks):
            blocks.insert(0, Block(title, level=1))
        yield "\n\n".join(b.render() for b in blocks)


def _toc_titles(toc: Any) -> dict[str, str]:
    """File name → the first table-of-contents title pointing into it."""
    titles: dict[str, str] = {}
    for entry in toc:
        if isinstance(entry, tuple):  # (Section, [children])
            section, children = entry
            _remember(titles, section)
            for name, title in _toc_titles(children).items():
                titles.setdefault(name, title)
        else:
            _remember(titles, entry)
    return titles


def _remember(titles: dict[str, str], entry: Any) -> None:
    href = str(getattr(entry, "href", "") or "").split("#")[0]
    title = str(getattr(entry, "title", "") or "").strip()
    if href and title:
        titles.setdefault(posixpath.normpath(href), title)
