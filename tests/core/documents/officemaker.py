"""Real PPTX, XLSX and EPUB files written by python-pptx, openpyxl and EbookLib for tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def make_pptx(path: Path, slides: Sequence[tuple[str, Sequence[str]]], notes: str = "") -> Path:
    """One slide per (title, bullet lines); the last slide gets a 2x2 table and ``notes``."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    layout = presentation.slide_layouts[1]  # title and content
    for number, (title, lines) in enumerate(slides, 1):
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = lines[0] if lines else ""
        for line in lines[1:]:
            paragraph = body.add_paragraph()
            paragraph.text = line
            paragraph.level = 1
        if number == len(slides):
            table = slide.shapes.add_table(2, 2, Inches(1), Inches(5), Inches(6), Inches(1)).table
            for (row, col), text in {
                (0, 0): "지역",
                (0, 1): "매출",
                (1, 0): "부산",
                (1, 1): "42억",
            }.items():
                table.cell(row, col).text = text
            if notes:
                slide.notes_slide.notes_text_frame.text = notes
    presentation.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """One sheet per name, rows written from A1 (``None`` leaves a cell empty)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(str(path))
    return path


def make_epub(path: Path, chapters: Sequence[tuple[str, str]], title: str = "Test Book") -> Path:
    """One XHTML chapter per (title, body paragraph), with a cover page that has no text."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("pagefold-test")
    book.set_title(title)
    book.set_language("ko")
    cover = epub.EpubHtml(title="Cover", file_name="cover.xhtml", lang="ko")
    cover.content = "<html><body><div></div></body></html>"
    book.add_item(cover)
    items = []
    for number, (heading, body) in enumerate(chapters, 1):
        chapter = epub.EpubHtml(title=heading, file_name=f"ch{number}.xhtml", lang="ko")
        chapter.content = f"<html><body><h1>{heading}</h1><p>{body}</p></body></html>"
        book.add_item(chapter)
        items.append(chapter)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [cover, "nav", *items]
    epub.write_epub(str(path), book)
    return path


def make_hangul(
    path: Path, title: str, paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()
) -> Path:
    """An HWPX (or, for a ``.hwp`` path, an HWP 5) file written by python-hwpx."""
    from hwpx import HwpxDocument

    document = HwpxDocument.new()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(len(table), len(table[0]))
        for row, cells in enumerate(table):
            for col, text in enumerate(cells):
                grid.set_cell_text(row, col, text)
    document.save_to_path(str(path))
    return path
