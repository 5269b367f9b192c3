"""The normal form that chunk offsets refer to: wraps joined (Korean ones inside words too),
paragraphs kept, characters made uniform."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.documents.normalize import normalize_text


def test_korean_words_split_by_hard_wraps_are_joined(faq_text: str) -> None:
    assert re.search(r"따라 배\n\s+포하면,", faq_text)  # the raw file splits the word in two

    text = normalize_text(faq_text)

    for word in ("배포하면,", "번역본에", "설명서에", "컨소시엄", "적다고 가정합니다"):
        assert word in text
    assert "배 포하면" not in text and "배\n포하면" not in text


def test_wraps_between_korean_words_keep_their_space(faq_text: str) -> None:
    text = normalize_text(faq_text)

    assert "동일한 허가 고지 조건에 따라 배포하면" in text
    assert "수정 버전에 대한 위 조건에 따라 이 문서의" in text


def test_paragraphs_stay_separated_and_sentences_inside_flow(faq_text: str) -> None:
    text = normalize_text(faq_text)

    paragraph = next(p for p in text.split("\n\n") if p.startswith("이 문서는 데비안 배포판"))
    assert "\n" not in paragraph
    assert "드립니다. 적용가능하면" in paragraph  # a sentence end inside a paragraph: a space
    assert "\n\n1.2. Debian GNU/Linux은 무엇인가요?\n\n" in text


def test_pdf_style_paragraph_ends_and_list_items_keep_their_line() -> None:
    extracted = (
        "The function read.table is the most convenient way to read in a rectangular\r\n"
        "grid of data, with many options.\r\n"
        "See scan below.\r\n"
        "Some of the issues to consider are:\r\n"
        "1. Encoding\r\n"
        "If the file contains non-ASCII character fields, ensure that it is read in the\r\n"
        "correct encoding.\r\n"
        "• a bullet item\r\n"
    )

    assert normalize_text(extracted).split("\n") == [
        "The function read.table is the most convenient way to read in a rectangular grid of "
        "data, with many options.",
        "See scan below.",
        "Some of the issues to consider are:",
        "1. Encoding",
        "If the file contains non-ASCII character fields, ensure that it is read in the "
        "correct encoding.",
        "• a bullet item",
    ]


def test_english_line_break_hyphens() -> None:
    text = (
        "Reading the information in this manual takes patience and infor-\n"
        "mation about well-known formats; the well-\n"
        "known ones are listed in the 3-\n"
        "dimensional table of the CD-\n"
        "ROM edition that everybody has seen before now."
    )

    out = normalize_text(text)

    assert "information about" in out
    assert "the well-known ones" in out  # seen elsewhere with its hyphen: kept
    assert "3-dimensional" in out and "CD-ROM" in out


def test_pdfium_hyphen_marks_and_soft_hyphens_are_removed() -> None:
    assert normalize_text("small re\ufffeusable tools") == "small reusable tools"
    assert normalize_text("manip\ufffe\r\nulated by R") == "manipulated by R"
    assert normalize_text("hy\u00adphen") == "hyphen"


def test_unicode_is_composed_and_control_characters_removed() -> None:
    decomposed = unicodedata.normalize("NFD", "한국어 문서")
    assert decomposed != "한국어 문서"

    assert normalize_text(decomposed) == "한국어 문서"
    assert normalize_text("\ufeffa\x00b\x01c\td\u00a0e\u3000f\u200bg ﬁle") == "ab c d e fg file"
    assert normalize_text("one\r\ntwo\rthree\x0cfour") == "one two three\n\nfour"
    assert normalize_text("  many     spaces  \n\n\n\n next ") == "many spaces\n\nnext"


def test_line_modes() -> None:
    text = "허가 고지\n조건에\n따라 배\n포하면 됩니다."

    assert normalize_text(text, lines="keep") == text
    assert normalize_text(text, lines="wrap") == "허가 고지 조건에 따라 배포하면 됩니다."


_TEXT = st.lists(
    st.sampled_from([*"가나다라마바사아 abcXYZ019.?!,-/\n\t", "다. ", "\n\n", "입니다.\n", "- "]),
    max_size=200,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_only_whitespace_and_line_break_hyphens_change(text: str) -> None:
    out = normalize_text(text)

    assert re.sub(r"[\s-]", "", out) == re.sub(r"[\s-]", "", text)
    assert out == out.strip()
    assert "  " not in out and "\n\n\n" not in out and "\t" not in out and " \n" not in out
