"""Chunks: exact offsets into their page, never a cut Hangul word, bounded size, headings."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.documents.loaders import load_document
from app.core.documents.model import ChunkSpan, Page, ParsedDocument
from app.core.documents.splitter import split_document
from app.core.documents.tokens import estimate_tokens

HANGUL = re.compile("[\uac00-\ud7a3]")
ATOM_SLACK = 1.3  # a chunk cut inside an over-long word may start mid-atom


def _doc(*texts: str, outline: list[tuple[int, str]] | None = None) -> ParsedDocument:
    pages = [Page(n, t) for n, t in enumerate(texts, start=1)]
    return ParsedDocument(Path("x.txt"), "txt", "x", pages, outline=outline or [])


def assert_well_formed(doc: ParsedDocument, chunks: list[ChunkSpan], chunk_tokens: int) -> None:
    """The invariants every chunking must keep, whatever the text."""
    pages = {p.number: p.text for p in doc.pages}
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert [(c.page, c.start) for c in chunks] == sorted((c.page, c.start) for c in chunks)
    for chunk in chunks:
        text = pages[chunk.page]
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.text.strip() == chunk.text != ""
        assert estimate_tokens(chunk.text) <= chunk_tokens + ATOM_SLACK
        for cut in (chunk.start, chunk.end):
            pair = text[cut - 1 : cut + 1] if 0 < cut < len(text) else ""
            assert not (len(pair) == 2 and HANGUL.fullmatch(pair[0]) and HANGUL.fullmatch(pair[1]))
    carried = {(c.page, c.heading) for c in chunks}
    for number, text in pages.items():  # no text is lost, but a heading carried to a later page
        covered = [False] * len(text)
        for chunk in (c for c in chunks if c.page == number):
            covered[chunk.start : chunk.end] = [True] * (chunk.end - chunk.start)
        lost = "".join(ch if not covered[i] else "\n" for i, ch in enumerate(text)).split("\n")
        for line in (" ".join(part.split()) for part in lost):
            assert not line or any(
                page > number and " ".join(title.split()) == line for page, title in carried
            ), f"page {number} lost {line!r}"


_WORD = st.one_of(
    st.text(alphabet="가나다라마바사아자차카타파하한국어문서", min_size=1, max_size=8),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC", min_size=1, max_size=14),
    st.sampled_from(["3.14", "2024", "a-b", "(예)", "“인용”", "—"]),
)
_GAP = st.sampled_from(
    [" "] * 12
    + ["다. ", "요? ", ". ", "! ", "。", ", ", "?” ", ".) ", "\n", "\n\n", "\n## 제목 절\n"]
)
_PAGE = st.lists(st.tuples(_WORD, _GAP), max_size=160).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)


@settings(max_examples=120, deadline=None)
@given(pages=st.lists(_PAGE, min_size=1, max_size=3), size=st.sampled_from([16, 40, 96]))
def test_chunks_are_exact_whole_and_bounded(pages: list[str], size: int) -> None:
    doc = _doc(*pages)

    chunks = split_document(doc, chunk_tokens=size, overlap=size // 8)

    assert_well_formed(doc, chunks, size)


@pytest.mark.parametrize("size", [64, 256])
def test_real_korean_text(devset: Path, size: int) -> None:
    doc = load_document(devset / "debian-faq.ko.txt")

    chunks = split_document(doc, chunk_tokens=size, overlap=size // 8)

    assert_well_formed(doc, chunks, size)
    sizes = [estimate_tokens(c.text) for c in chunks]
    assert sum(sizes) / len(sizes) > size * 0.4  # packed, not a chunk per line
    codename = next(c for c in chunks if "토이 스토리" in c.text)
    assert codename.heading == "6.2.2. 코드명은 어디서 왔나요?"


def test_real_english_pdf(devset: Path) -> None:
    doc = load_document(devset / "R-data.pdf")

    chunks = split_document(doc)

    assert_well_formed(doc, chunks, 256)
    fwf = next(c for c in chunks if "read.fwf" in c.text)
    assert fwf.heading  # from the text's numbered titles or the PDF's bookmarks


def test_markdown_sections_give_headings_and_cut_points() -> None:
    intro = "Intro sentence about nothing in particular. " * 3
    install = "설치는 간단합니다. 패키지를 내려받아 실행하세요. " * 6
    doc = _doc(f"# Guide\n\n{intro}\n\n## 설치\n\n{install}\n\n## Usage\n\nRun it.")

    chunks = split_document(doc, chunk_tokens=64, overlap=8)

    assert_well_formed(doc, chunks, 64)
    assert chunks[0].heading == "Guide"
    korean = [c for c in chunks if "설치는" in c.text]
    assert korean and all(c.heading == "설치" for c in korean)
    assert chunks[-1].heading == "Usage" and chunks[-1].text.startswith("## Usage")


def test_a_section_knows_the_headings_it_sits_under() -> None:
    body = "Calculates something useful for the function above it. " * 3
    doc = _doc(
        f"# Financial Functions\n\n## ACCRINT\n\n{body}\n\n#### Syntax\n\nACCRINT(Issue)\n\n"
        f"## ACCRINTM\n\n{body}\n\n#### Syntax\n\nACCRINTM(Issue)",
        "9장. 최신으로 유지하기\n\n9.1. 어떻게 유지하나요?\n\n본문입니다.\n\n"
        "9.1.1. aptitude\n\n도구입니다.",
    )

    chunks = split_document(doc, chunk_tokens=40, overlap=0)

    syntax = [(c.parents, c.text.split("\n")[-1]) for c in chunks if c.heading == "Syntax"]
    assert syntax == [
        (("Financial Functions", "ACCRINT"), "ACCRINT(Issue)"),
        (("Financial Functions", "ACCRINTM"), "ACCRINTM(Issue)"),
    ]
    aptitude = next(c for c in chunks if "도구입니다" in c.text)
    assert aptitude.heading == "9.1.1. aptitude"
    assert aptitude.parents[-1] == "9.1. 어떻게 유지하나요?"


def test_overlap_repeats_whole_sentences_of_the_chunk_before() -> None:
    sentences = [f"문장 번호 {n}번은 겹침을 시험합니다." for n in range(40)]
    doc = _doc(" ".join(sentences))

    chunks = split_document(doc, chunk_tokens=48, overlap=12)

    assert_well_formed(doc, chunks, 48)
    overlaps = [b for a, b in itertools.pairwise(chunks) if b.start < a.end]
    assert len(overlaps) >= len(chunks) // 2
    assert all(c.text.startswith("문장 번호") for c in chunks)  # every start is a sentence start


def test_no_overlap_when_zero() -> None:
    doc = _doc(" ".join(f"Sentence number {n} is here." for n in range(60)))

    chunks = split_document(doc, chunk_tokens=32, overlap=0)

    assert all(b.start >= a.end for a, b in itertools.pairwise(chunks))


def test_chunks_never_span_pages_and_headings_carry_over() -> None:
    doc = _doc("## 첫 장\n\n첫 쪽 내용입니다.", "둘째 쪽 내용입니다.", "   \n  ")

    chunks = split_document(doc)

    assert [(c.page, c.text, c.heading) for c in chunks] == [
        (1, "## 첫 장\n\n첫 쪽 내용입니다.", "첫 장"),
        (2, "둘째 쪽 내용입니다.", "첫 장"),
    ]


def test_a_heading_stranded_at_a_page_end_goes_with_its_section_on_the_next_page() -> None:
    """A title alone at the bottom of a page is no passage to cite: the answer under it, on
    the next page, carries it instead."""
    body = "데비안 배포판에는 코드명이 있습니다. " * 30
    doc = _doc(
        f"6.2. 이름은 무엇인가요?\n{body}\n\n6.2.2. 코드명은 어디서 왔나요?",
        "지금까지 그것은 토이 스토리 영화에서 가져온 캐릭터였습니다.\n\n6.3. sid란?\nsid.",
        "6.4. 마지막 질문\n답.\n\n7. 끝나는 제목",
    )
    chunks = split_document(doc, chunk_tokens=128, overlap=0)
    assert_well_formed(doc, chunks, 128)
    assert "6.2.2. 코드명은 어디서 왔나요?" not in [c.text for c in chunks]
    toy = next(c for c in chunks if "토이 스토리" in c.text)
    assert (toy.page, toy.heading) == (2, "6.2.2. 코드명은 어디서 왔나요?")
    assert chunks[-1].text.endswith("7. 끝나는 제목"), "a title on the last page stays"


def test_pdf_bookmarks_name_chunks_without_headings_in_text() -> None:
    doc = _doc(
        "Harbour text.",
        "More harbour text.",
        "Kitchen text.",
        outline=[(1, "Harbour"), (3, "Kitchen")],
    )

    assert [c.heading for c in split_document(doc)] == ["Harbour", "Harbour", "Kitchen"]


def test_a_hangul_run_longer_than_a_chunk_stays_whole_up_to_four_chunks() -> None:
    run = "가" * 60  # 36 estimated tokens, no space to cut at
    doc = _doc(f"짧은 말. {run} 끝.")

    chunks = split_document(doc, chunk_tokens=16, overlap=0)

    assert run in [c.text for c in chunks]


@pytest.mark.parametrize(("size", "overlap"), [(4, 0), (64, -1)])
def test_bad_settings_are_refused(size: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        split_document(_doc("text"), chunk_tokens=size, overlap=overlap)


def test_an_overlap_as_large_as_the_chunk_is_lowered_to_half() -> None:
    doc = _doc(" ".join(f"Sentence number {n} is here." for n in range(60)))

    chunks = split_document(doc, chunk_tokens=32, overlap=32)

    assert_well_formed(doc, chunks, 32)
    assert len(chunks) < 60  # progress is made: not one sentence per chunk, repeated
