"""Excel workbooks (``.xlsx``, ``.xlsm``) with openpyxl: one page per sheet, rows as table rows.

Page N is the workbook's N-th sheet. Its rows become ``| a | b |`` lines in blocks of
``ROWS_PER_BLOCK``, each under a heading such as ``## Sales!A21:D40`` so a citation (and the
model) can name the cells; every block after the first repeats the sheet's header row, so a
passage cut from the middle of a long sheet still says what its columns mean. Values are the
ones Excel last calculated (``data_only``); a formula never calculated is left empty.
Chart sheets and empty sheets keep their page, empty, so numbering matches the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.core.documents.md import table_row
from app.core.documents.model import Page, ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.office import check_zip_package
from app.core.errors import DocumentError

ROWS_PER_BLOCK = 20
MAX_CELLS = 500_000  # about 50 MB of page text; larger sheets are cut with a warning


def load_xlsx(path: Path) -> ParsedDocument:
    check_zip_package(path, "Excel", path.suffix.lower())
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken packages
        raise DocumentError(f"{path.name}: the Excel file is damaged ({error}).") from None
    try:
        pages: list[Page] = []
        warnings: list[str] = []
        budget = MAX_CELLS
        for number, sheet in enumerate(workbook.worksheets, 1):
            rows, budget, cut = _rows(sheet, budget)
            if cut:
                warnings.append(f"sheet {sheet.title!r} was cut after {len(rows)} rows (too large)")
            pages.append(Page(number, sheet_text(sheet.title, rows)))
        title = str(workbook.properties.title or "").strip()
    finally:
        workbook.close()
    if not any(page.text for page in pages):
        raise DocumentError(f"{path.name}: contains no text.")
    return ParsedDocument(
        path=path, kind="xlsx", title=title or path.stem, pages=pages, warnings=warnings
    )


_Row = tuple[int, list[str]]  # (row number, cells from column A)


def _rows(sheet: Any, budget: int) -> tuple[list[_Row], int, bool]:
    """Non-empty rows with trailing empty cells dropped; stops when ``budget`` cells are used."""
    rows: list[_Row] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):  # from A1
        cells = [_cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append((number, cells))
            budget -= len(cells)
            if budget <= 0:
                return rows, 0, True
    return rows, budget, False


def sheet_text(title: str, rows: Sequence[_Row]) -> str:
    """Blocks of rows under ``## Sheet!B2:D21`` headings; columns empty in every row dropped."""
    if not rows:
        return ""
    skip = min(next(i for i, text in enumerate(cells) if text) for _, cells in rows)
    width = max(len(cells) for _, cells in rows) - skip
    header = rows[0][1][skip:]
    blocks = []
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        chunk = rows[start : start + ROWS_PER_BLOCK]
        lines = [f"## {_range_name(title, chunk[0][0], chunk[-1][0], skip + 1, skip + width)}"]
        if start:
            lines.append(table_row(header))
        lines.extend(table_row(cells[skip:]) for _, cells in chunk)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _range_name(title: str, first_row: int, last_row: int, first_col: int, last_col: int) -> str:
    from openpyxl.utils import get_column_letter

    name = title if title.replace("_", "").isalnum() else "'" + title.replace("'", "''") + "'"
    return (
        f"{name}!{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
    )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    return normalize_text(str(value), lines="keep").replace("\n", " ")
