"""The bundled self-test PDF: small, and holding the facts the self-test asks about."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from app.selftest import ANSWER_FACT, SEARCH_CHECKS, sample_pdf
from tests.packaging.conftest import load_script


def _page_texts(path: Path) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]
    finally:
        pdf.close()


def test_sample_is_small_and_bundled() -> None:
    path = sample_pdf()
    assert path.is_file()
    assert path.stat().st_size < 200 * 1024


def test_sample_holds_what_the_self_test_checks() -> None:
    pages = _page_texts(sample_pdf())
    for check in SEARCH_CHECKS:
        assert check.evidence in pages[check.page - 1], (check, pages[check.page - 1])
    assert ANSWER_FACT in pages[SEARCH_CHECKS[0].page - 1]
    # Exactly one right page, or finding it proves nothing.
    assert sum(ANSWER_FACT in page for page in pages) == 1


@pytest.mark.skipif(importlib.util.find_spec("fpdf") is None, reason="fpdf2 not installed")
def test_committed_sample_is_what_the_script_makes(tmp_path: Path) -> None:
    """Editing make_sample_pdf.py without regenerating the PDF would let the two drift apart."""
    script = load_script("make_sample_pdf.py")
    try:
        font = script.find_font()
    except SystemExit:
        pytest.skip("no Korean TTF font (apt-get install fonts-nanum)")
    if font != script.FONT_CANDIDATES[0]:
        pytest.skip(f"the committed PDF was made with NanumGothic, not {font.name}")
    rebuilt = script.build(tmp_path / "sample.pdf", font)
    assert rebuilt.read_bytes() == sample_pdf().read_bytes()
