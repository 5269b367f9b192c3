"""OCR engines on scanned Korean and English pages: character error rate and pages/s.

Run: ``.venv/bin/python benchmarks/ocr_engines.py [--pages 1] [--devset DIR]``
(RapidOCR is optional: install ``rapidocr-onnxruntime`` somewhere on ``PYTHONPATH`` to
include it; it is not a Pagefold dependency.)

Fixtures, made here: Korean = the devset's Korean Debian FAQ set in NanumGothic 11 pt by
fpdf2; English = pages of the devset's R manual (pdfTeX). Each page is rendered at 200 dpi
greyscale and placed as a full-page picture in an image-only PDF, as a scanner writes it.
The reference text is the source PDF's own text layer. Candidates then read the scanned
PDF the way Pagefold does (render at the candidate's dpi, recognise):

- ``tesseract@300`` / ``tesseract@200``: Debian's Tesseract 5 with ``kor+eng`` data, one
  OpenMP thread (what ``app.core.ocr.tesseract`` runs), pages rendered at 300 or 200 dpi;
- ``rapidocr``: rapidocr-onnxruntime 1.4.4 with the models its wheel ships (Chinese/Latin
  PP-OCRv4; Korean models are only downloadable at run time, which Pagefold never does).

CER = edit distance / reference length, whitespace runs as one space (``app.core.ocr.quality``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.documents.normalize import normalize_text
from app.core.ocr.quality import character_error_rate
from app.core.ocr.tesseract import find_tesseract

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
SCAN_DPI = 200

Reader = Callable[[Any], str]


def korean_source(devset: Path, out: Path, pages: int) -> Path:
    from fpdf import FPDF

    text = normalize_text((devset / "debian-faq.ko.txt").read_text(encoding="utf-8"))
    pdf = FPDF(format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.add_font("body", fname=str(KOREAN_FONT))
    pdf.set_font("body", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 5.5, text[: 1600 * (pages + 1)])
    pdf.output(str(out))
    return _first_pages(out, pages)


def english_source(devset: Path, out: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(devset / "R-data.pdf"))
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(4, 4 + pages)))  # body pages, past the front matter
    target.save(str(out))
    return out


def _first_pages(path: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(path))
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(pages)))
    trimmed = path.with_name(path.stem + "-trim.pdf")
    target.save(str(trimmed))
    return trimmed


def page_texts(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def scan(source: Path, out: Path) -> Path:
    """Every page as a 200 dpi greyscale picture with no text layer."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    pdf = pdfium.PdfDocument(str(source))
    images = FPDF(format="A4")
    images.set_auto_page_break(False)
    for index in range(len(pdf)):
        images.add_page()
        picture = pdf[index].render(scale=SCAN_DPI / 72, grayscale=True).to_pil()
        images.image(picture, x=0, y=0, w=images.w, h=images.h)
    images.output(str(out))
    return out


def renders(path: Path, dpi: int) -> list[Any]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(pdf))]


def candidates() -> dict[str, tuple[int, Reader]]:
    found: dict[str, tuple[int, Reader]] = {}
    tesseract = find_tesseract()
    if tesseract is None:
        print("tesseract: not installed (apt install tesseract-ocr tesseract-ocr-kor)")
    else:
        print(f"{tesseract.name} at {tesseract.binary}")
        found["tesseract@300"] = (300, tesseract.recognize)
        found["tesseract@200"] = (200, tesseract.recognize)
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        print("rapidocr: not importable (optional; see the module doc)")
    else:
        engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

        def rapid(image: Any) -> str:
            import numpy as np

            result, _ = engine(np.asarray(image.convert("RGB")))
            return "\n".join(line[1] for line in result or [])

        found["rapidocr@300"] = (300, rapid)
    return found


def measure(name: str, dpi: int, read: Reader, scanned: Path, truth: list[str]) -> None:
    images = renders(scanned, dpi)
    started = time.perf_counter()
    texts = [read(image) for image in images]
    seconds = time.perf_counter() - started
    errors = [
        character_error_rate(normalize_text(t), normalize_text(r))
        for t, r in zip(truth, texts, strict=True)
    ]
    print(
        f"  {name:<15} CER {sum(errors) / len(errors):6.3f}   "
        f"{len(images) / seconds:5.2f} pages/s   ({seconds:.1f} s for {len(images)} pages)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1, help="pages per language")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args()
    readers = candidates()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = {
            "Korean (Debian FAQ, NanumGothic 11 pt)": korean_source(
                args.devset, work / "ko.pdf", args.pages
            ),
            "English (R manual, pdfTeX)": english_source(args.devset, work / "en.pdf", args.pages),
        }
        for label, source in sources.items():
            truth = page_texts(source)
            scanned = scan(source, work / f"{source.stem}-scan.pdf")
            chars = sum(len(t) for t in truth)
            print(f"\n{label}: {len(truth)} page(s), {chars} characters, scanned at {SCAN_DPI} dpi")
            for name, (dpi, read) in readers.items():
                measure(name, dpi, read, scanned, truth)


if __name__ == "__main__":
    main()
