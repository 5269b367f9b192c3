"""TXT, Markdown, DOCX and HTML: decoded, structured, paged, and refused clearly when broken."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.core.documents import paging
from app.core.documents.loaders import SUPPORTED_SUFFIXES, load_document
from app.core.documents.splitter import split_document
from app.core.errors import DocumentError, EncryptedDocumentError

KOREAN = "데비안 배포판의 코드명은 토이 스토리에서 왔습니다."


def test_supported_suffixes() -> None:
    assert {
        *(".pdf", ".txt", ".md", ".markdown", ".docx", ".html", ".htm"),
        *(".pptx", ".xlsx", ".xlsm", ".epub", ".hwpx", ".hwp"),
    } == SUPPORTED_SUFFIXES


@pytest.mark.parametrize("encoding", ["cp949", "utf-8-sig", "utf-16"])
def test_korean_text_in_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "korean.txt"
    path.write_bytes(f"{KOREAN}\n\n둘째 문단: 한글 확장 글자 똠방각하.".encode(encoding))

    doc = load_document(path)

    assert doc.pages[0].text == f"{KOREAN}\n\n둘째 문단: 한글 확장 글자 똠방각하."
    assert doc.warnings == (
        ["not UTF-8: read as CP949 (Korean Windows encoding)"] if encoding == "cp949" else []
    )


def test_latin_text_that_is_not_utf8_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café “quoted” naïve.".encode("cp1252"))

    doc = load_document(path)

    assert doc.pages[0].text == "Café “quoted” naïve."
    assert doc.warnings and "CP1252" in doc.warnings[0]


def test_text_pages_are_runs_of_whole_paragraphs(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {n} says something worth a citation. " * 6 for n in range(60)]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")

    doc = load_document(path)

    assert len(doc.pages) > 3
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert all(len(p.text) <= paging.PAGE_CHARS for p in doc.pages)
    rebuilt = [para for p in doc.pages for para in p.text.split("\n\n")]
    assert rebuilt == [p.strip() for p in paragraphs]


def test_one_huge_line_is_paged_without_losing_text(tmp_path: Path) -> None:
    sentence = "The quick brown fox jumps over the lazy dog again. "
    path = tmp_path / "oneline.txt"
    path.write_text(sentence * 60_000, encoding="utf-8")  # 3 MB, no line break at all

    doc = load_document(path)

    assert all(len(p.text) <= paging.PAGE_CHARS for p in doc.pages)
    assert sum(p.text.count("fox") for p in doc.pages) == 60_000
    assert all(p.text.endswith("again.") for p in doc.pages)  # cut at sentence ends


def test_markdown_structure(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text(
        "---\ntitle: hidden front matter\n---\n"
        "# 사용 안내\n\n"
        "첫 문단은 **굵게** 쓴 [링크](https://example.com)를 담고\n줄이 바뀌어도 이어집니다.\n\n"
        "- 첫째 항목\n- 둘째 항목\n\n"
        "```\ncode line one\ncode line two\n```\n\n"
        "## 표\n\n| 이름 | 값 |\n|---|---|\n| 속도 | 빠름 |\n",
        encoding="utf-8",
    )

    doc = load_document(path)

    assert doc.kind == "md" and doc.title == "사용 안내"
    text = doc.pages[0].text
    assert "front matter" not in text and "https://" not in text and "**" not in text
    assert "# 사용 안내\n\n첫 문단은 굵게 쓴 링크를 담고 줄이 바뀌어도 이어집니다." in text
    assert "- 첫째 항목\n\n- 둘째 항목" in text
    assert "code line one\ncode line two" in text
    assert "## 표\n\n| 이름 | 값 |\n| 속도 | 빠름 |" in text
    chunks = split_document(doc, chunk_tokens=24, overlap=0)
    assert next(c for c in chunks if "속도" in c.text).heading == "표"


def test_markdown_sections_start_pages_once_a_page_is_full_enough(tmp_path: Path) -> None:
    body = "이 절의 본문 문장입니다. " * 80  # ~1,200 characters per section
    path = tmp_path / "book.markdown"
    path.write_text("".join(f"## 제{n}절\n\n{body}\n\n" for n in range(1, 5)), encoding="utf-8")

    doc = load_document(path)

    assert [p.text.split("\n")[0] for p in doc.pages] == [
        "## 제1절",
        "## 제2절",
        "## 제3절",
        "## 제4절",
    ]


def test_docx_headings_lists_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("분기 보고서", level=1)
    document.add_paragraph(KOREAN)
    document.add_paragraph("첫째 할 일", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    for column, value in enumerate(["지역", "매출", "비고"]):
        table.cell(0, column).text = value
    table.cell(1, 0).text = "서울"
    merged = table.cell(1, 1).merge(table.cell(1, 2))
    merged.text = "120억"
    document.add_heading("Outlook", level=2)
    document.add_paragraph("Growth continues next quarter.")
    path = tmp_path / "report.docx"
    document.save(str(path))

    doc = load_document(path)

    assert doc.kind == "docx" and doc.title == "분기 보고서"
    assert doc.pages[0].text == (
        f"# 분기 보고서\n\n{KOREAN}\n\n- 첫째 할 일\n\n| 지역 | 매출 | 비고 |\n| 서울 | 120억 |"
        "\n\n## Outlook\n\nGrowth continues next quarter."
    )
    assert split_document(doc, chunk_tokens=16, overlap=0)[-1].heading == "Outlook"


def test_html_keeps_content_and_drops_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>안내 페이지</title><style>p{color:red}</style></head><body>"
        "<nav>Home | About</nav><script>var secret = 1;</script>"
        f"<h1>큰 제목</h1><p>{KOREAN[:12]}\n{KOREAN[12:]}<br>다음 줄.</p><!-- note -->"
        "<ul><li>one</li><li>two</li></ul>"
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<pre>x = 1\n  y = 2</pre></body></html>",
        encoding="utf-8",
    )

    doc = load_document(path)

    assert doc.kind == "html" and doc.title == "안내 페이지"
    text = doc.pages[0].text
    for hidden in ("Home", "secret", "color", "note"):
        assert hidden not in text
    assert text == (
        f"# 큰 제목\n\n{KOREAN[:12]} {KOREAN[12:]}\n다음 줄.\n\n- one\n\n- two\n\n"
        "| a | b |\n| 1 | 2 |\n\nx = 1\ny = 2"
    )


def test_html_in_euc_kr_is_decoded_from_its_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    html = f'<html><head><meta charset="euc-kr"></head><body><p>{KOREAN}</p></body></html>'
    path.write_bytes(html.encode("euc-kr"))

    assert load_document(path).pages[0].text == KOREAN


def test_xhtml_with_an_xml_declaration_reads_like_html(tmp_path: Path) -> None:
    """The Debian FAQ's pages are XHTML: BeautifulSoup warns on them (the test suite turns
    warnings into errors, so this failed to load before) and the text must still come out."""
    path = tmp_path / "faq-ftparchives.ko.html"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>데비안 FAQ</title></head>'
        f"<body>{f'<p>{KOREAN}</p>' * 20}</body></html>",  # "</html" past bs4's first 500 bytes
        encoding="utf-8",
    )

    doc = load_document(path)
    assert doc.title == "데비안 FAQ"
    assert KOREAN in doc.pages[0].text


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("notes.xyz", b"text", DocumentError, "notes.xyz: unsupported file type .xyz"),
        ("empty.txt", b"", DocumentError, "empty.txt: the file is empty (0 bytes)"),
        ("empty.docx", b"", DocumentError, "empty.docx: the file is empty (0 bytes)"),
        ("blank.md", b"  \n\n \t\n", DocumentError, "blank.md: contains no text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", DocumentError, "binary file"),
        ("junk.docx", b"not a zip at all", DocumentError, "not a Word .docx file"),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            EncryptedDocumentError,
            "password-protected",
        ),
        ("bad.docx", b"PK\x03\x04" + b"\x00" * 100, DocumentError, "locked|damaged|Word"),
    ],
)
def test_unreadable_files_raise_document_errors(
    tmp_path: Path, name: str, content: bytes, error: type[DocumentError], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(error) as caught:
        load_document(path)

    assert str(caught.value).startswith(f"{name}:")
    assert any(part in str(caught.value) for part in message.split("|"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"gone\.pdf: file not found"):
        load_document(tmp_path / "gone.pdf")
