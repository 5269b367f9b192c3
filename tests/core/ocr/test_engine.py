"""Finding Tesseract (or saying what to install), reading one page image, and the error rate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.ocr import engine as ocr_engine
from app.core.ocr.engine import KOREAN_MISSING_HINT, MISSING_HINT, engine_hint
from app.core.ocr.quality import character_error_rate
from app.core.ocr.tesseract import TesseractEngine, find_tesseract

FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


@pytest.fixture(autouse=True)
def _fresh_lookup() -> Iterator[None]:
    ocr_engine.forget_engine()
    yield
    ocr_engine.forget_engine()


def test_no_tesseract_on_path_means_no_engine_and_a_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PAGEFOLD_TESSERACT", raising=False)

    assert ocr_engine.default_engine() is None
    assert engine_hint(None) == MISSING_HINT


def test_a_broken_bundled_binary_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PAGEFOLD_TESSERACT", str(tmp_path / "missing" / "tesseract"))

    assert find_tesseract() is None


def test_english_only_data_asks_for_the_korean_data() -> None:
    assert engine_hint(TesseractEngine("tesseract", ("eng",))) == KOREAN_MISSING_HINT
    assert engine_hint(TesseractEngine("tesseract", ("kor", "eng"))) == ""


def test_a_page_image_with_korean_and_english_is_read() -> None:
    found = find_tesseract()
    if found is None or "kor" not in found.languages or not FONT.exists():
        pytest.skip("Tesseract with Korean data (or NanumGothic) is not installed")
    from PIL import Image, ImageDraw, ImageFont

    line = "보고서 제출 기한은 5월 31일입니다 (deadline: May 31)."
    page = Image.new("L", (1800, 400), 255)
    ImageDraw.Draw(page).text((60, 150), line, font=ImageFont.truetype(str(FONT), 48), fill=0)

    assert character_error_rate(line, found.recognize(page)) < 0.1


def test_character_error_rate_counts_edits_over_the_reference() -> None:
    assert character_error_rate("계약서", "계약서") == 0
    assert character_error_rate("계약서", "게약서") == pytest.approx(1 / 3)
    assert character_error_rate("a  b\nc", "a b c") == 0  # layout whitespace is not an error
    assert character_error_rate("", "") == 0
