"""PDF loading on real PDFs made in fixtures: text on the right pages, Korean as Hangul, and a
clear, typed error for every broken or unreadable file."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from app.core.documents.loaders import load_document
from app.core.documents.normalize import normalize_text
from app.core.errors import DocumentError, EncryptedDocumentError, NoTextLayerError
from tests.core.documents.conftest import ENGLISH_PAGES, KOREAN_PAGES, PASSWORD
from tests.core.documents.pdfmaker import KOREAN_FONT, make_korean_pdf


def test_english_sentences_are_on_their_own_pages(english_pdf: Path) -> None:
    doc = load_document(english_pdf)

    assert doc.kind == "pdf"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    for number, sentence in ENGLISH_PAGES.items():
        holders = [p.number for p in doc.pages if sentence in p.text]
        assert holders == [number]


def test_bookmarks_become_the_outline(english_pdf: Path) -> None:
    doc = load_document(english_pdf)

    assert doc.outline == [(1, "Harbour"), (2, "Kitchen"), (3, "Committee")]


def test_korean_is_extracted_as_hangul_on_the_right_pages(korean_pdf: Path) -> None:
    doc = load_document(korean_pdf)

    for number, sentence in KOREAN_PAGES.items():
        assert sentence in doc.pages[number - 1].text
        assert all(sentence not in p.text for p in doc.pages if p.number != number)
    hangul = re.findall("[\uac00-\ud7a3]", doc.pages[0].text)
    assert len(hangul) > 100
    assert not re.search("[\u1100-\u11ff\x00-\x08]", "".join(p.text for p in doc.pages))


def test_korean_wrapped_inside_words_is_rejoined(tmp_path: Path, faq_text: str) -> None:
    if not KOREAN_FONT.exists():
        pytest.skip("NanumGothic is not installed")
    paragraphs = normalize_text(faq_text).split("\n\n")
    start = paragraphs.index("1.1. 이 FAQ는 무엇인가요?")
    body = paragraphs[start + 1 : start + 3]
    path = make_korean_pdf(tmp_path / "wrapped.pdf", ["\n".join(body)], wrap="CHAR")

    text = load_document(path).pages[0].text

    sentences = [s for p in body for s in re.split(r"(?<=[.?!])\s+", p)]
    assert len(sentences) >= 6
    assert [s for s in sentences if s not in text] == []
    assert text.split("\n") == body  # each paragraph's end is kept as a line break


def test_password_protected_pdf_asks_for_the_password(encrypted_pdf: Path) -> None:
    with pytest.raises(EncryptedDocumentError, match="password") as caught:
        load_document(encrypted_pdf)
    assert "locked.pdf" in str(caught.value)

    with pytest.raises(EncryptedDocumentError, match="not correct"):
        load_document(encrypted_pdf, password="wrong")

    doc = load_document(encrypted_pdf, password=PASSWORD)
    assert ENGLISH_PAGES[1] in doc.pages[0].text


def test_scanned_pdf_reports_no_text_layer(scanned_pdf: Path) -> None:
    with pytest.raises(NoTextLayerError) as caught:
        load_document(scanned_pdf)

    assert "no text layer (scanned?)" in str(caught.value)
    assert "scan.pdf" in str(caught.value)


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        ("truncated_pdf", "damaged or incomplete"),
        ("zero_page_pdf", "has no pages"),
        ("junk_pdf", "not a PDF file"),
    ],
)
def test_broken_pdfs_raise_a_document_error_naming_file_and_reason(
    fixture: str, reason: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(fixture)

    with pytest.raises(DocumentError, match=reason) as caught:
        load_document(path)

    assert type(caught.value) is DocumentError
    assert str(caught.value).startswith(path.name + ":")


def test_zero_byte_pdf_is_reported_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")

    with pytest.raises(DocumentError, match=r"empty.pdf: the file is empty \(0 bytes\)"):
        load_document(path)


def test_file_handles_are_closed_after_loading(english_pdf: Path) -> None:
    load_document(english_pdf)

    open_paths = {Path(f.path) for f in psutil.Process(os.getpid()).open_files()}
    assert english_pdf not in open_paths


def test_concurrent_loads_match_sequential_ones(english_pdf: Path, korean_pdf: Path) -> None:
    paths = [english_pdf, korean_pdf] * 4
    expected = {p: load_document(p).pages for p in (english_pdf, korean_pdf)}

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(load_document, paths))

    assert all(doc.pages == expected[path] for doc, path in zip(results, paths, strict=True))


def test_real_manual_loads_every_page_with_text(devset: Path) -> None:
    doc = load_document(devset / "R-data.pdf")

    assert len(doc.pages) == 41
    assert sum(1 for p in doc.pages if p.text) >= 40
    text = " ".join(p.text for p in doc.pages)
    assert "read.fwf" in text and "count.fields" in text
    assert "\ufffe" not in text and "re\ufffeusable" not in text
    assert "reusable" in text  # PDFium's hyphenation mark removed and the word rejoined
