"""Word documents (``.docx``) with python-docx.

Body paragraphs and tables in document order. "Title" and "Heading N" styles become
``#``-headings (so sections start pages and the splitter cuts there), list paragraphs
``- item``, table rows ``| a | b |`` (merged cells once). Headers, footers, footnotes,
comments and text boxes are left out. A Word file does not store its page breaks reliably
(Word lays pages out when it opens the file), so pages are sections as in ``paging``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.documents.md import table_row
from app.core.documents.model import ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.paging import Block, assemble_pages
from app.core.errors import DocumentError, EncryptedDocumentError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_docx(path: Path) -> ParsedDocument:
    document = _open(path)
    blocks = list(docx_blocks(document))
    pages = assemble_pages(blocks)
    if not pages:
        raise DocumentError(f"{path.name}: contains no text.")
    title = str(document.core_properties.title or "").strip()
    title = title or next((b.text for b in blocks if b.level == 1), path.stem)
    return ParsedDocument(path=path, kind="docx", title=title, pages=pages)


def _open(path: Path) -> Any:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise EncryptedDocumentError(
            f"{path.name}: the Word file is password-protected (or an old .doc saved as .docx); "
            "save it without a password as .docx and add it again."
        )
    if not zipfile.is_zipfile(path):
        raise DocumentError(f"{path.name}: not a Word .docx file (it is not a ZIP package).")
    import docx

    try:
        return docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds for broken packages
        raise DocumentError(f"{path.name}: the Word file is damaged ({error}).") from None


def docx_blocks(document: Any) -> Iterator[Block]:
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            yield Block(_table_text(item))
        else:
            yield _paragraph_block(item)


def _paragraph_block(paragraph: Any) -> Block:
    text = normalize_text(paragraph.text, lines="keep")
    style = str(getattr(paragraph.style, "name", "") or "")
    level = _heading_level(style)
    if level:
        return Block(text.replace("\n", " "), level=level)
    if _is_list_item(paragraph, style):
        return Block(f"- {text}")
    return Block(text)


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    if style.startswith("Heading "):
        suffix = style.removeprefix("Heading ").strip()
        return min(int(suffix), 6) if suffix.isdigit() else 0
    return 0


def _is_list_item(paragraph: Any, style: str) -> bool:
    properties = paragraph._p.pPr
    return style.startswith("List") or (properties is not None and properties.numPr is not None)


def _table_text(table: Any) -> str:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(normalize_text(cell.text, lines="keep").replace("\n", " "))
        if any(cells):
            rows.append(table_row(cells))
    return "\n".join(rows)
