"""HWPX and HWP 5 files written by python-hwpx read back with their paragraphs and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.documents.loaders import SUPPORTED_SUFFIXES, load_document
from app.core.errors import DocumentError
from tests.core.documents.officemaker import make_hangul

PARAGRAPHS = [
    "계약 기간은 2024년 3월 1일부터 2년이며, 임대료는 매월 말일에 지급합니다.",
    "보증금은 계약이 끝난 날로부터 한 달 안에 돌려줍니다.",
]
TABLE = [
    ["항목", "금액", "비고"],
    ["보증금", "5천만 원", "계약 종료 시 반환"],
    ["월세", "120만 원", "말일 지급"],
]


@pytest.mark.parametrize("suffix", [".hwpx", ".hwp"])
def test_paragraphs_and_table_rows_come_out_in_order(tmp_path: Path, suffix: str) -> None:
    path = make_hangul(tmp_path / f"계약서{suffix}", "임대차 계약서", PARAGRAPHS, TABLE)

    doc = load_document(path)

    assert doc.kind == suffix.lstrip(".")
    assert doc.title == "임대차 계약서"
    text = "\n".join(p.text for p in doc.pages)
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "| 보증금 | 5천만 원 | 계약 종료 시 반환 |" in text
    assert "| 월세 | 120만 원 | 말일 지급 |" in text
    assert text.index(PARAGRAPHS[1]) < text.index("| 보증금")


def test_hangul_suffixes_are_supported() -> None:
    assert {".hwp", ".hwpx"} <= SUPPORTED_SUFFIXES


def test_an_hwpx_named_hwp_is_explained(tmp_path: Path) -> None:
    source = make_hangul(tmp_path / "a.hwpx", "제목", PARAGRAPHS)
    misnamed = tmp_path / "a.hwp"
    misnamed.write_bytes(source.read_bytes())

    with pytest.raises(DocumentError) as caught:
        load_document(misnamed)

    assert "HWPX file named .hwp" in str(caught.value)


def test_a_damaged_hwp_gets_a_readable_error(tmp_path: Path) -> None:
    source = make_hangul(tmp_path / "a.hwp", "제목", PARAGRAPHS)
    broken = tmp_path / "broken.hwp"
    broken.write_bytes(source.read_bytes()[:1500])

    with pytest.raises(DocumentError) as caught:
        load_document(broken)

    assert str(caught.value).startswith("broken.hwp: ")
