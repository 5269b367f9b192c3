"""Ruled tables in PDF pages as ``| a | b |`` rows, so an answer in a cell reads as a row.

PDFium has no table API, and its text for a table comes out cell by cell, one per line, so
a model loses which value belongs to which row. pdfplumber finds tables from their ruling
lines, but parses pages in pure Python (tens of milliseconds a page), so it only looks at
pages PDFium shows to have enough drawn lines (``MIN_PATHS`` path objects).

The page text is rebuilt in bands from top to bottom: PDFium's text above a table, the
table's rows, PDFium's text beside it (left, then right), and so on, so nothing outside the
tables is lost or repeated. Borderless tables (aligned text, no lines) are left as text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.documents.md import table_row
from app.core.documents.normalize import normalize_text

log = logging.getLogger(__name__)

MIN_PATHS = 8  # a 2x2 ruled table draws at least this many lines or rectangles
MIN_ROWS, MIN_COLUMNS = 2, 2


@dataclass(frozen=True)
class FoundTable:
    """A table's box in PDF points (origin bottom-left, as PDFium uses) and its rows."""

    left: float
    bottom: float
    right: float
    top: float
    rows: list[list[str]]

    def markdown(self) -> str:
        return "\n".join(table_row(cells) for cells in self.rows)


def looks_tabular(pdf: Any, number: int) -> bool:
    """Enough path objects (drawn lines and boxes) for a ruled table; call under the lock."""
    import pypdfium2.raw as pdfium_c

    page = pdf[number - 1]
    try:
        paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)
        return sum(1 for _ in zip(range(MIN_PATHS), paths, strict=False)) >= MIN_PATHS
    finally:
        page.close()


def find_tables(
    path: Path, password: str | None, numbers: list[int]
) -> dict[int, list[FoundTable]]:
    """Tables on the listed pages; a page pdfplumber cannot parse simply has none."""
    import pdfplumber

    found: dict[int, list[FoundTable]] = {}
    try:
        with pdfplumber.open(str(path), password=password or "") as document:
            for number in numbers:
                try:
                    tables = _page_tables(document.pages[number - 1])
                except Exception as error:  # pdfminer trips on odd content streams
                    log.warning("%s: table search on page %d failed: %s", path.name, number, error)
                    continue
                if tables:
                    found[number] = tables
    except Exception as error:
        log.warning("%s: table search failed: %s", path.name, error)
    return found


def _page_tables(page: Any) -> list[FoundTable]:
    height = float(page.height)
    x_offset, y_offset = float(page.bbox[0]), float(page.bbox[1])
    tables = []
    for table in page.find_tables():
        rows = [[_cell(c) for c in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if len(rows) < MIN_ROWS or max(len(r) for r in rows) < MIN_COLUMNS:
            continue
        x0, top, x1, bottom = table.bbox
        tables.append(
            FoundTable(
                left=x0 - x_offset,
                bottom=height - (bottom - y_offset),
                right=x1 - x_offset,
                top=height - (top - y_offset),
                rows=rows,
            )
        )
    return sorted(tables, key=lambda t: -t.top)


def _cell(value: str | None) -> str:
    return normalize_text(value or "", lines="keep").replace("\n", " ")


def text_around_tables(pdf: Any, number: int, tables: list[FoundTable]) -> str:
    """The page's text with each table in its place as rows; call under the lock."""
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            parts: list[str] = []
            ceiling = float(height)
            for table in tables:
                parts.append(textpage.get_text_bounded(0, table.top, width, ceiling))
                parts.append(table.markdown())
                parts.append(textpage.get_text_bounded(0, table.bottom, table.left, table.top))
                parts.append(textpage.get_text_bounded(table.right, table.bottom, width, table.top))
                ceiling = min(ceiling, table.bottom)
            parts.append(textpage.get_text_bounded(0, 0, width, ceiling))
        finally:
            textpage.close()
    finally:
        page.close()
    return "\n\n".join(p for p in (normalize_text(part) for part in parts) if p)
