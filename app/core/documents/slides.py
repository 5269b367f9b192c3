"""PowerPoint presentations (``.pptx``) with python-pptx: one page per slide.

A citation names the slide, so page N is slide N (hidden slides included, as numbered in
PowerPoint). The slide title becomes a ``#`` heading; text frames, tables (``| a | b |``
rows) and grouped shapes follow in the slide's shape order; speaker notes come last under
"Notes:", since presenters often write the real content there. A slide with no text keeps
its page, empty, so the numbers still match.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.documents.md import table_row
from app.core.documents.model import Page, ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.office import check_zip_package
from app.core.errors import DocumentError


def load_pptx(path: Path) -> ParsedDocument:
    check_zip_package(path, "PowerPoint", ".pptx")
    from pptx import Presentation

    try:
        presentation = Presentation(str(path))
    except Exception as error:  # python-pptx raises many kinds for broken packages
        raise DocumentError(f"{path.name}: the PowerPoint file is damaged ({error}).") from None
    pages = [Page(n, _slide_text(slide)) for n, slide in enumerate(presentation.slides, 1)]
    if not any(page.text for page in pages):
        raise DocumentError(f"{path.name}: contains no text.")
    title = str(presentation.core_properties.title or "").strip()
    return ParsedDocument(path=path, kind="pptx", title=title or path.stem, pages=pages)


def _slide_text(slide: Any) -> str:
    title_shape = slide.shapes.title
    parts: list[str] = []
    if title_shape is not None and title_shape.has_text_frame:
        title = _clean(title_shape.text_frame.text).replace("\n", " ")
        if title:
            parts.append(f"# {title}")
    for shape in slide.shapes:
        if title_shape is not None and shape.shape_id == title_shape.shape_id:
            continue
        parts.extend(_shape_texts(shape))
    if slide.has_notes_slide:
        notes = _clean(slide.notes_slide.notes_text_frame.text)
        if notes:
            parts.append(f"Notes: {notes}")
    return normalize_text("\n\n".join(p for p in parts if p), lines="keep")


def _shape_texts(shape: Any) -> Iterator[str]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for child in shape.shapes:
            yield from _shape_texts(child)
    elif getattr(shape, "has_table", False) and shape.has_table:
        yield _table_text(shape.table)
    elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        yield _frame_text(shape.text_frame)


def _frame_text(frame: Any) -> str:
    """Paragraphs one per line; indented (level > 0) ones as list items, as they look."""
    lines = []
    for paragraph in frame.paragraphs:
        text = _clean(paragraph.text)
        if text:
            lines.append(f"- {text}" if paragraph.level > 0 else text)
    return "\n".join(lines)


def _table_text(table: Any) -> str:
    rows = []
    for row in table.rows:
        cells = [_clean(cell.text).replace("\n", " ") for cell in row.cells]
        if any(cells):
            rows.append(table_row(cells))
    return "\n".join(rows)


def _clean(text: str) -> str:
    return normalize_text(text.replace("\x0b", "\n"), lines="keep")
