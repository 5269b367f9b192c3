"""PPTX, XLSX and EPUB files written by their own libraries read back with the location a
citation shows: slide number, sheet and cell range, chapter."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.core.documents.loaders import SUPPORTED_SUFFIXES, load_document
from app.core.documents.splitter import split_document
from app.core.errors import DocumentError, EncryptedDocumentError
from tests.core.documents.officemaker import make_epub, make_pptx, make_xlsx


def test_office_and_book_suffixes_are_picked_up_from_folders() -> None:
    assert {".pptx", ".xlsx", ".epub"} <= SUPPORTED_SUFFIXES


def test_each_slide_is_its_own_page_with_title_bullets_table_and_notes(tmp_path: Path) -> None:
    path = make_pptx(
        tmp_path / "deck.pptx",
        [
            ("Quarterly review", ["Revenue grew by nine percent"]),
            ("Hiring", ["Two engineers joined", "One designer left"]),
            ("지역별 매출", ["부산이 가장 컸습니다"]),
        ],
        notes="발표자 메모: 부산 매출은 추정치입니다.",
    )

    doc = load_document(path)

    assert doc.kind == "pptx"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.pages[0].text.startswith("# Quarterly review")
    assert "Revenue grew by nine percent" in doc.pages[0].text
    assert "- One designer left" in doc.pages[1].text
    assert "| 부산 | 42억 |" in doc.pages[2].text
    assert "Notes: 발표자 메모: 부산 매출은 추정치입니다." in doc.pages[2].text
    assert all("Hiring" not in p.text for p in doc.pages if p.number != 2)


def test_sheet_rows_read_as_table_rows_under_their_cell_range(tmp_path: Path) -> None:
    rows = [["Item", "Qty", "Price"]] + [[f"part-{n}", n, n * 1.5] for n in range(1, 46)]
    path = make_xlsx(
        tmp_path / "book.xlsx",
        {"Summary": [["Total", 1035]], "Parts": rows, "Empty": []},
    )

    doc = load_document(path)

    assert doc.kind == "xlsx"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.pages[0].text == "## Summary!A1:B1\n| Total | 1035 |"
    parts = doc.pages[1].text
    assert (
        "## Parts!A1:C20" in parts and "## Parts!A21:C40" in parts and "## Parts!A41:C46" in parts
    )
    assert "| part-33 | 33 | 49.5 |" in parts
    assert doc.pages[2].text == ""
    chunk = next(c for c in split_document(doc, 256, 32) if "part-33" in c.text)
    assert chunk.page == 2
    assert chunk.heading == "Parts!A21:C40"
    assert chunk.text.startswith("## Parts!A21:C40\n| Item | Qty | Price |")


def test_a_sheet_offset_from_a1_names_its_real_cells(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "offset.xlsx",
        {"My data": [[], [None, None, "이름", "점수"], [None, None, "김민수", 91]]},
    )

    text = load_document(path).pages[0].text

    assert text == "## 'My data'!C2:D3\n| 이름 | 점수 |\n| 김민수 | 91 |"


def test_each_epub_chapter_is_a_page_and_the_empty_cover_is_skipped(tmp_path: Path) -> None:
    path = make_epub(
        tmp_path / "book.epub",
        [
            ("1장 시작", "옛날 옛적에 작은 등대가 있었습니다."),
            ("2장 바다", "배 마흔 척이 새벽 전에 항구에 들어왔습니다."),
        ],
        title="등대 이야기",
    )

    doc = load_document(path)

    assert doc.kind == "epub"
    assert doc.title == "등대 이야기"
    texts = [p.text for p in doc.pages if "등대가 있었습니다" in p.text or "마흔 척" in p.text]
    assert len(texts) == 2
    chapter_one = next(p for p in doc.pages if "등대가 있었습니다" in p.text)
    chapter_two = next(p for p in doc.pages if "마흔 척" in p.text)
    assert chapter_two.number == chapter_one.number + 1
    assert chapter_one.text.startswith("# 1장 시작")


@pytest.mark.parametrize("suffix", [".pptx", ".xlsx", ".epub"])
def test_a_file_that_is_not_a_package_gets_a_clear_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"fake{suffix}"
    path.write_text("just text, misnamed")

    with pytest.raises(DocumentError) as caught:
        load_document(path)

    assert "not a ZIP package" in str(caught.value)


def test_a_password_protected_office_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))

    with pytest.raises(EncryptedDocumentError):
        load_document(path)


def test_a_drm_protected_epub_says_so(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "drm.epub", [("One", "Text")])
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("META-INF/encryption.xml", "<encryption/>")

    with pytest.raises(EncryptedDocumentError) as caught:
        load_document(path)

    assert "DRM" in str(caught.value)
