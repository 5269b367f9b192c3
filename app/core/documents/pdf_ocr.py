"""Scanned PDF pages: deciding which need OCR, and reading just those with the engine.

A page needs OCR when its text layer is empty, when most of its characters are ones PDFium
could not map to Unicode (a CID font without a ``ToUnicode`` map), or when it holds only a
line or two (a stamped page number, a scanner's header) over an image covering most of it.

Pages are rendered under ``PDFIUM_LOCK`` one at a time and recognised outside it, so a long
OCR run never blocks other PDF work. OCR'd page numbers travel in
``ParsedDocument.ocr_pages`` and a warning, so a citation can say "(OCR)".
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.documents.model import Page
from app.core.documents.normalize import normalize_text
from app.core.documents.pdfium_lock import PDFIUM_LOCK
from app.core.ocr.engine import default_engine, engine_hint
from app.core.ocr.tesseract import OcrFailed

log = logging.getLogger(__name__)

OCR_DPI = 300  # Tesseract's sweet spot: measured against 200 dpi in benchmarks/ocr_engines.py
MAX_SIDE_PX = 5000  # a poster-sized page is read at a lower resolution, not in gigabytes
MIN_TEXT_CHARS = 40
IMAGE_COVERAGE = 0.5
GARBLED_SHARE = 0.3
_KEPT_CONTROLS = frozenset("\t\n\r\x0c\ufffe")  # \ufffe: PDFium's removed line-end hyphen


@dataclass
class ScanResult:
    """OCR'd text by page number, the engine's name, and what the user could install."""

    texts: dict[int, str] = field(default_factory=dict)
    engine: str = ""
    hint: str = ""
    failed: list[int] = field(default_factory=list)

    def warnings(self, pages: list[Page]) -> list[str]:
        notes = []
        if self.texts:
            notes.append(
                f"pages read by OCR ({self.engine}; expect some recognition errors): "
                f"{page_ranges(sorted(self.texts))}"
            )
        if self.failed:
            notes.append(f"OCR failed on pages: {page_ranges(self.failed)}")
        empty = [page.number for page in pages if not page.text]
        if empty:
            notes.append(f"pages without text (scanned?): {page_ranges(empty)}")
        if self.hint and (empty or self.texts):
            notes.append(self.hint)
        return notes


def needs_ocr(pdf: Any, number: int, text: str) -> bool:
    """``text`` is the page's usable text ("" when empty or garbled)."""
    if not text:
        return True
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        with PDFIUM_LOCK:
            return image_coverage(pdf, number) >= IMAGE_COVERAGE
    return False


def is_garbled(raw: str) -> bool:
    """Mostly characters without a Unicode meaning: glyph ids, private use, U+FFFD."""
    visible = [c for c in raw if not c.isspace()]
    if not visible:
        return False
    bad = sum(1 for c in visible if _unmapped(c))
    return bad / len(visible) > GARBLED_SHARE


def _unmapped(char: str) -> bool:
    if char in _KEPT_CONTROLS:
        return False
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs")


def image_coverage(pdf: Any, number: int) -> float:
    """The share of the page that its largest image covers (0 when it has none)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        largest = 0.0
        for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = image.get_bounds()
            largest = max(largest, abs(right - left) * abs(top - bottom))
        return min(1.0, largest / (width * height)) if width and height else 0.0
    finally:
        page.close()


def read_scanned_pages(path: Path, pdf: Any, numbers: list[int]) -> ScanResult:
    """OCR of the listed pages; an empty result with a hint when no engine is installed."""
    engine = default_engine()
    hint = engine_hint(engine)
    if engine is None:
        return ScanResult(hint=hint)
    result = ScanResult(engine=engine.name, hint=hint)
    for number in numbers:
        with PDFIUM_LOCK:
            image = _render(pdf, number)
        try:
            text = normalize_text(engine.recognize(image))
        except OcrFailed as error:
            log.warning("%s: OCR of page %d failed: %s", path.name, number, error)
            result.failed.append(number)
            continue
        if text:
            result.texts[number] = text
    return result


def _render(pdf: Any, number: int) -> Any:
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        scale = min(OCR_DPI / 72, MAX_SIDE_PX / max(width, height, 1.0))
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            return bitmap.to_pil().copy()
        finally:
            bitmap.close()
    finally:
        page.close()


def page_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``"1-3, 7"``."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
