"""Scanned pages read by OCR (Tesseract, Korean and English), only where a page needs it, and
a clear hint instead when no engine is installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.documents.loaders import load_document
from app.core.errors import NoTextLayerError
from app.core.ocr import engine as ocr_engine
from app.core.ocr.engine import MISSING_HINT
from app.core.ocr.quality import character_error_rate
from tests.core.documents.conftest import ENGLISH_PAGES, KOREAN_SCAN_TEXT
from tests.core.documents.pdfmaker import make_korean_pdf, make_scanned_copy


@pytest.fixture
def tesseract() -> None:
    found = ocr_engine.default_engine()
    if found is None or "kor" not in found.languages:
        pytest.skip("Tesseract with Korean data is not installed (apt install tesseract-ocr-kor)")


@pytest.fixture
def no_ocr_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A machine without Tesseract: nothing on PATH finds it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PAGEFOLD_TESSERACT", raising=False)
    ocr_engine.forget_engine()
    yield
    ocr_engine.forget_engine()


def test_only_the_scanned_page_is_read_by_ocr(tesseract: None, mixed_scan_pdf: Path) -> None:
    doc = load_document(mixed_scan_pdf)

    assert doc.ocr_pages == [2]
    assert ENGLISH_PAGES[1] in doc.pages[0].text
    assert ENGLISH_PAGES[3] in doc.pages[2].text
    assert (
        character_error_rate(ENGLISH_PAGES[2], _sentence_near(doc.pages[1].text, "Bananas")) < 0.05
    )
    assert any("read by OCR" in w and w.endswith(": 2") for w in doc.warnings)


def test_a_korean_scan_reads_back_as_hangul(tesseract: None, korean_scan_pdf: Path) -> None:
    doc = load_document(korean_scan_pdf)

    assert doc.ocr_pages == [1]
    assert character_error_rate(KOREAN_SCAN_TEXT, doc.pages[0].text) < 0.1
    assert "보증금" in doc.pages[0].text


def test_a_page_number_stamped_on_a_scan_does_not_hide_it(
    tesseract: None, tmp_path: Path, english_pdf: Path
) -> None:
    from fpdf import FPDF

    scan = make_scanned_copy(tmp_path / "scan.pdf", english_pdf, pages=[1])
    import pypdfium2 as pdfium

    picture = pdfium.PdfDocument(str(scan))[0].render(scale=150 / 72, grayscale=True).to_pil()
    stamped = FPDF(format="A4")
    stamped.add_page()
    stamped.image(picture, x=0, y=0, w=stamped.w, h=stamped.h)
    stamped.set_font("Helvetica", size=9)
    stamped.text(100, 290, "- 1 -")
    stamped.output(str(tmp_path / "stamped.pdf"))

    doc = load_document(tmp_path / "stamped.pdf")

    assert doc.ocr_pages == [1]
    assert "lighthouse keeper" in doc.pages[0].text


def test_without_an_engine_text_pages_are_kept_and_the_hint_given(
    no_ocr_engine: None, mixed_scan_pdf: Path
) -> None:
    doc = load_document(mixed_scan_pdf)

    assert doc.ocr_pages == []
    assert ENGLISH_PAGES[1] in doc.pages[0].text
    assert doc.pages[1].text == ""
    assert "pages without text (scanned?): 2" in doc.warnings
    assert MISSING_HINT in doc.warnings


def test_without_an_engine_a_full_scan_says_what_to_install(
    no_ocr_engine: None, tmp_path: Path, english_pdf: Path
) -> None:
    scan = make_scanned_copy(tmp_path / "all.pdf", english_pdf, dpi=72)

    with pytest.raises(NoTextLayerError) as caught:
        load_document(scan)

    assert "no text layer (scanned?)" in str(caught.value)
    assert MISSING_HINT in str(caught.value)


def _sentence_near(text: str, start: str) -> str:
    at = text.index(start)
    return text[at : at + len(ENGLISH_PAGES[2])]


CID_TEXT = "연차 휴가는 입사 첫해에 열다섯 일이 주어집니다. 휴가 신청은 사흘 전에 해야 합니다."


def test_a_korean_cid_font_pdf_extracts_as_hangul_without_ocr(tmp_path: Path) -> None:
    """reportlab's HYSMyeongJo is a CID font, not embedded, mapped by the UniKS-UCS2-H CMap."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    drawing = canvas.Canvas(str(tmp_path / "cid.pdf"))
    drawing.setFont("HYSMyeongJo-Medium", 14)
    drawing.drawString(72, 750, CID_TEXT)
    drawing.save()

    doc = load_document(tmp_path / "cid.pdf")

    assert doc.pages[0].text == CID_TEXT
    assert doc.ocr_pages == []


def test_glyphs_without_a_unicode_map_are_read_by_ocr(tesseract: None, tmp_path: Path) -> None:
    """A subset font whose ToUnicode map is gone: PDFium returns glyph ids, so OCR reads it."""
    source = make_korean_pdf(tmp_path / "mapped.pdf", [CID_TEXT], font_size=14)
    unmapped = tmp_path / "unmapped.pdf"
    unmapped.write_bytes(source.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))

    doc = load_document(unmapped)

    assert doc.ocr_pages == [1]
    assert character_error_rate(CID_TEXT, doc.pages[0].text) < 0.1


def test_without_an_engine_unmapped_glyphs_are_not_indexed_as_junk(
    no_ocr_engine: None, tmp_path: Path
) -> None:
    source = make_korean_pdf(tmp_path / "mapped.pdf", [CID_TEXT], font_size=14)
    unmapped = tmp_path / "unmapped.pdf"
    unmapped.write_bytes(source.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))

    with pytest.raises(NoTextLayerError) as caught:
        load_document(unmapped)

    assert MISSING_HINT in str(caught.value)
