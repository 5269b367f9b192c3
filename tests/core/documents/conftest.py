"""Real documents made once per session: PDFs (English, Korean, encrypted, scanned, broken),
and the devset's Korean FAQ. Candidates for the shared ``tests/conftest.py``."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.core.documents.pdfmaker import (
    KOREAN_FONT,
    make_image_only_pdf,
    make_korean_pdf,
    make_pdf,
    make_scanned_copy,
    make_truncated_pdf,
    make_zero_page_pdf,
)

FILLER = "This filler sentence only pads the page with ordinary words. "

ENGLISH_PAGES = {
    1: "The lighthouse keeper counted forty ships in the harbour before dawn.",
    2: "Bananas ripen faster when stored next to apples in a warm kitchen.",
    3: "The committee approved the bridge repair budget on a rainy Tuesday.",
}
KOREAN_PAGES = {
    1: "데비안 배포판의 코드명은 토이 스토리에서 왔습니다.",
    2: "패키지를 보류하는 방법은 세 가지가 있습니다.",
    3: "한국어 문장은 세 번째 쪽에만 나옵니다.",
}
PASSWORD = "s3cret"


def _pages(sentences: dict[int, str], filler: str) -> list[str]:
    return [filler * 3 + sentences[n] + " " + filler * 3 for n in sorted(sentences)]


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="session")
def english_pdf(pdf_dir: Path) -> Path:
    return make_pdf(
        pdf_dir / "english.pdf",
        _pages(ENGLISH_PAGES, FILLER),
        bookmarks=["Harbour", "Kitchen", "Committee"],
    )


@pytest.fixture(scope="session")
def korean_pdf(pdf_dir: Path) -> Path:
    if not KOREAN_FONT.exists():
        pytest.skip("NanumGothic is not installed (apt install fonts-nanum)")
    filler = "이 문장은 쪽을 채우려고 넣은 평범한 문장입니다. "
    return make_korean_pdf(pdf_dir / "korean.pdf", _pages(KOREAN_PAGES, filler))


@pytest.fixture(scope="session")
def encrypted_pdf(pdf_dir: Path) -> Path:
    return make_pdf(pdf_dir / "locked.pdf", [ENGLISH_PAGES[1]], password=PASSWORD)


@pytest.fixture(scope="session")
def scanned_pdf(pdf_dir: Path) -> Path:
    return make_image_only_pdf(pdf_dir / "scan.pdf", page_count=2)


@pytest.fixture(scope="session")
def truncated_pdf(pdf_dir: Path, english_pdf: Path) -> Path:
    return make_truncated_pdf(pdf_dir / "truncated.pdf", english_pdf, keep=0.5)


@pytest.fixture(scope="session")
def zero_page_pdf(pdf_dir: Path) -> Path:
    return make_zero_page_pdf(pdf_dir / "nopages.pdf")


@pytest.fixture(scope="session")
def junk_pdf(pdf_dir: Path) -> Path:
    path = pdf_dir / "junk.pdf"
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


@pytest.fixture(scope="session")
def faq_text(devset: Path) -> str:
    return (devset / "debian-faq.ko.txt").read_text(encoding="utf-8")


KOREAN_SCAN_TEXT = (
    "계약 기간은 2024년 3월 1일부터 2년이며, 임대료는 매월 말일에 지급합니다. "
    "보증금은 계약이 끝난 날로부터 한 달 안에 돌려줍니다."
)


@pytest.fixture(scope="session")
def mixed_scan_pdf(pdf_dir: Path, english_pdf: Path) -> Path:
    """The English PDF with only its second page scanned (no text layer there)."""
    return make_scanned_copy(pdf_dir / "mixed-scan.pdf", english_pdf, pages=[2])


@pytest.fixture(scope="session")
def korean_scan_pdf(pdf_dir: Path) -> Path:
    """One Korean page printed in NanumGothic, then scanned at 200 dpi."""
    if not KOREAN_FONT.exists():
        pytest.skip("NanumGothic is not installed (apt install fonts-nanum)")
    source = make_korean_pdf(pdf_dir / "korean-scan-source.pdf", [KOREAN_SCAN_TEXT], font_size=14)
    return make_scanned_copy(pdf_dir / "korean-scan.pdf", source)
