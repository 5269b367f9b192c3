"""Real PDFs made with fpdf2 for tests: known text on known pages, Korean, encrypted, scanned.

Other test folders (indexing, retrieval, UI) need the same files, so these helpers are plain
functions importable as ``tests.core.documents.pdfmaker``; they belong in shared fixtures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod, WrapMode

KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


def make_pdf(
    path: Path,
    pages: Sequence[str],
    font: Path | None = None,
    *,
    font_size: float = 11,
    wrap: str = "WORD",
    password: str | None = None,
    bookmarks: Sequence[str] | None = None,
) -> Path:
    """Write one PDF page per string; ``font`` is a TTF (needed for Korean), else Helvetica.

    ``wrap="CHAR"`` breaks lines inside words, as many Korean word processors do. Text that
    does not fit on its page raises ``ValueError`` so a test never silently shifts page numbers.
    ``bookmarks`` gives each page an outline entry (the PDF's table of contents).
    """
    pdf = _new_pdf(font, font_size)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        if bookmarks:
            pdf.start_section(bookmarks[number - 1])
        pdf.multi_cell(0, font_size * 0.5, text, align="L", wrapmode=WrapMode.coerce(wrap))
        if pdf.page != number:
            raise ValueError(f"text for page {number} does not fit on one page")
    if password is not None:
        pdf.set_encryption(
            owner_password=password + "-owner",
            user_password=password,
            encryption_method=EncryptionMethod.AES_128,
        )
    pdf.output(str(path))
    return path


def make_flowing_pdf(
    path: Path, text: str, font: Path | None = None, *, font_size: float = 10, wrap: str = "WORD"
) -> int:
    """Let a long text flow over as many pages as it needs; returns the page count."""
    pdf = _new_pdf(font, font_size)
    pdf.add_page()
    pdf.multi_cell(0, font_size * 0.5, text, align="L", wrapmode=WrapMode.coerce(wrap))
    pdf.output(str(path))
    return int(pdf.page)


def make_korean_pdf(path: Path, pages: Sequence[str], **kwargs: object) -> Path:
    """A PDF in NanumGothic; skips nothing, so a missing font fails loudly."""
    return make_pdf(path, pages, font=KOREAN_FONT, **kwargs)  # type: ignore[arg-type]


def make_image_only_pdf(path: Path, page_count: int = 1) -> Path:
    """Pages carrying only drawn shapes, like a scan: no text layer at all."""
    pdf = FPDF()
    for _ in range(page_count):
        pdf.add_page()
        pdf.set_fill_color(90, 90, 90)
        pdf.rect(20, 20, 170, 120, style="F")
        pdf.ellipse(60, 160, 80, 60, style="F")
    pdf.output(str(path))
    return path


def make_truncated_pdf(path: Path, source: Path, keep: float = 0.5) -> Path:
    """The first ``keep`` fraction of a real PDF's bytes, as a broken download would leave it."""
    data = source.read_bytes()
    path.write_bytes(data[: max(1, int(len(data) * keep))])
    return path


def make_zero_page_pdf(path: Path) -> Path:
    """A syntactically valid PDF whose page tree is empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def _new_pdf(font: Path | None, font_size: float) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    if font is None:
        pdf.set_font("Helvetica", size=font_size)
    else:
        pdf.add_font("body", fname=str(font))
        pdf.set_font("body", size=font_size)
    return pdf


def make_scanned_copy(path: Path, source: Path, dpi: int = 200, pages: Sequence[int] = ()) -> Path:
    """``source`` with its pages turned into pictures, as a scanner would leave them.

    Each listed page (1-based; all when ``pages`` is empty) is rendered at ``dpi`` and placed
    as a full-page greyscale image with no text layer; the other pages are copied unchanged,
    so one file can mix text pages and scanned pages.
    """
    import pypdfium2 as pdfium

    source_doc = pdfium.PdfDocument(str(source))
    try:
        wanted = set(pages) or set(range(1, len(source_doc) + 1))
        images = FPDF(format="A4")
        images.set_auto_page_break(False)
        for number in range(1, len(source_doc) + 1):
            images.add_page()
            if number in wanted:
                page = source_doc[number - 1]
                picture = page.render(scale=dpi / 72, grayscale=True).to_pil()
                page.close()
                images.image(picture, x=0, y=0, w=images.w, h=images.h)
        image_doc = pdfium.PdfDocument(bytes(images.output()))
        mixed = pdfium.PdfDocument.new()
        for number in range(1, len(source_doc) + 1):
            origin = image_doc if number in wanted else source_doc
            mixed.import_pages(origin, [number - 1])
        mixed.save(str(path))
        for document in (mixed, image_doc):
            document.close()
    finally:
        source_doc.close()
    return path


def make_table_pdf(
    path: Path,
    before: str,
    rows: Sequence[Sequence[str]],
    after: str,
    font: Path | None = None,
) -> Path:
    """One page: a paragraph, a ruled table (first row = header), another paragraph."""
    pdf = _new_pdf(font, 11)
    pdf.add_page()
    pdf.multi_cell(0, 5.5, before)
    pdf.ln(4)
    with pdf.table(first_row_as_headings=True) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(4)
    pdf.multi_cell(0, 5.5, after)
    pdf.output(str(path))
    return path
