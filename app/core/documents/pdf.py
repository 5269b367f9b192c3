"""PDF pages with PDFium (pypdfium2).

Chosen by measurement (``benchmarks/pdf_parsers.py``): on the R manual PDFium extracts pages
about 20 times faster than pypdf, and on Korean PDFs written by Qt it returns clean text where
pypdf puts control characters between words and line breaks between scripts.

PDFium is not thread-safe, so every call into it holds one module lock; text is normalised
after the lock is released. Documents, pages and text pages are closed as soon as they are
read. Ruled tables become rows (``pdf_tables``); pages without usable text go to OCR
(``pdf_ocr``).
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.documents.model import Page, ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.pdf_ocr import ScanResult, is_garbled, needs_ocr, read_scanned_pages
from app.core.documents.pdf_streams import check_streams
from app.core.documents.pdf_tables import find_tables, looks_tabular, text_around_tables
from app.core.documents.pdfium_lock import PDFIUM_LOCK
from app.core.errors import DocumentError, EncryptedDocumentError, NoTextLayerError

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_PAGE_TREE_EMPTY = re.compile(
    rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b|/Count\s+0\b[^>]*?/Type\s*/Pages\b"
)


@dataclass
class _Extracted:
    texts: list[str] = field(default_factory=list)
    title: str = ""
    outline: list[tuple[int, str]] = field(default_factory=list)


def load_pdf(path: Path, password: str | None = None) -> ParsedDocument:
    """One ``Page`` per PDF page, numbered from 1, holding its normalised text.

    Pages without a usable text layer (scans, or CID fonts PDFium cannot map to Unicode) are
    read by OCR when an engine is installed; only those pages, never the others.
    """
    _check_header(path)
    check_streams(path)  # a Flate bomb is refused before PDFium inflates it
    with PDFIUM_LOCK:
        pdf = _open(path, password)
    try:
        with PDFIUM_LOCK:
            raw = _extract(path, pdf)
        pages = [Page(number, _usable_text(text)) for number, text in enumerate(raw.texts, 1)]
        pages = _with_tables(path, password, pdf, pages)
        needy = [page.number for page in pages if needs_ocr(pdf, page.number, page.text)]
        scan = read_scanned_pages(path, pdf, needy) if needy else ScanResult()
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    pages = [Page(p.number, scan.texts.get(p.number, p.text)) for p in pages]
    _raise_if_empty(path, pages, scan)
    return ParsedDocument(
        path=path,
        kind="pdf",
        title=raw.title or path.stem,
        pages=pages,
        warnings=scan.warnings(pages),
        outline=[(number, normalize_text(title)) for number, title in raw.outline],
        ocr_pages=sorted(scan.texts),
    )


def _with_tables(path: Path, password: str | None, pdf: Any, pages: list[Page]) -> list[Page]:
    """Pages whose ruled tables are rewritten as rows (``pdf_tables``); others unchanged."""
    with PDFIUM_LOCK:
        candidates = [p.number for p in pages if p.text and looks_tabular(pdf, p.number)]
    tables = find_tables(path, password, candidates) if candidates else {}
    if not tables:
        return pages
    with PDFIUM_LOCK:
        texts = {number: text_around_tables(pdf, number, found) for number, found in tables.items()}
    return [Page(p.number, texts.get(p.number) or p.text) for p in pages]


def _usable_text(raw: str) -> str:
    """Normalised text, or "" for a page whose glyphs PDFium could not map to Unicode."""
    return "" if is_garbled(raw) else normalize_text(raw)


def _raise_if_empty(path: Path, pages: list[Page], scan: ScanResult) -> None:
    if any(page.text for page in pages):
        return
    if scan.hint:
        fix = f"{scan.hint}, then add it again"
    elif scan.engine:
        fix = f"OCR ({scan.engine}) found no text in them either"
    else:
        fix = "run OCR on it first and add it again"
    raise NoTextLayerError(
        f"{path.name}: no text layer (scanned?) on any of its {len(pages)} pages; {fix}."
    )


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise DocumentError(f"{path.name}: not a PDF file (no PDF header); is it misnamed?")


def _open(path: Path, password: str | None) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as error:
        raise _load_error(path, error, password) from None


def _extract(path: Path, pdf: Any) -> _Extracted:
    return _Extracted(
        texts=[_page_text(path, pdf, index) for index in range(len(pdf))],
        title=str(pdf.get_metadata_value("Title") or "").strip(),
        outline=_outline(pdf),
    )


def _page_text(path: Path, pdf: Any, index: int) -> str:
    import pypdfium2 as pdfium

    try:
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                return str(textpage.get_text_range())
            finally:
                textpage.close()
        finally:
            page.close()
    except pdfium.PdfiumError as error:
        raise DocumentError(f"{path.name}: page {index + 1} is damaged ({error})") from None


def _outline(pdf: Any) -> list[tuple[int, str]]:
    """Bookmarks as (page number, title); a broken outline is simply left out."""
    entries: list[tuple[int, str]] = []
    try:
        for item in pdf.get_toc():
            destination = item.get_dest()
            index = destination.get_index() if destination is not None else None
            title = item.get_title().strip()
            if index is not None and title:
                entries.append((index + 1, title))
    except Exception:  # bookmarks are a nicety; never fail a document over them
        return []
    return entries


def _load_error(path: Path, error: Any, password: str | None) -> DocumentError:
    """PDFium's error codes mislead (an empty page tree reports a password error): check."""
    if _is_encrypted(path):
        if password:
            return EncryptedDocumentError(f"{path.name}: the password is not correct.")
        return EncryptedDocumentError(
            f"{path.name}: the PDF is password-protected; it needs a password to be read."
        )
    if _has_no_pages(path):
        return DocumentError(f"{path.name}: the PDF has no pages.")
    if getattr(error, "err_code", None) == _PASSWORD_ERROR:
        return DocumentError(f"{path.name}: the PDF is damaged and cannot be read.")
    return DocumentError(
        f"{path.name}: the PDF is damaged or incomplete (a partial download?) and cannot be read."
    )


def _scan(path: Path, pattern: re.Pattern[bytes]) -> bool:
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return pattern.search(data) is not None


def _is_encrypted(path: Path) -> bool:
    return _scan(path, re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)"))


def _has_no_pages(path: Path) -> bool:
    return _scan(path, _PAGE_TREE_EMPTY)
