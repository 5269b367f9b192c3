"""PDF text extraction: pypdfium2 (PDFium) against pypdf, speed and text quality.

Run: ``.venv/bin/python benchmarks/pdf_parsers.py [--repeat 3] [--devset DIR]``

- Speed: pages/s extracting every page of the devset's R manual (41 pages, pdfTeX), both
  parsers in the same run, and their ratio.
- Korean quality, on two PDFs made here from the devset's Korean Debian FAQ (first ~30,000
  characters, its own wraps joined by ``normalize_text``): one written by fpdf2 with lines
  wrapped inside words, one written by Qt (QTextDocument to QPdfWriter, as many desktop apps
  do). For each parser: pages/s, control characters per 1,000 extracted characters, Hangul
  syllables recovered, and the share of the source's sentences found verbatim in the
  extracted text (whitespace collapsed) before and after Pagefold's ``normalize_text``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.documents.normalize import normalize_text
from app.core.hangul import count_syllables

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\t]")
_SPACES = re.compile(r"\s+")

Extractor = Callable[[Path], list[str]]


def pdfium_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    texts = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return texts


def pypdf_pages(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


PARSERS: dict[str, Extractor] = {"pypdfium2": pdfium_pages, "pypdf": pypdf_pages}


def pages_per_second(extract: Extractor, path: Path, repeat: int) -> float:
    started = time.perf_counter()
    pages = sum(len(extract(path)) for _ in range(repeat))
    return pages / (time.perf_counter() - started)


def korean_source(devset: Path, limit: int = 30_000) -> list[str]:
    """The FAQ's paragraphs with its own hard wraps already joined, so only the PDF's differ."""
    raw = (devset / "debian-faq.ko.txt").read_text(encoding="utf-8")[:limit]
    return [_SPACES.sub(" ", p) for p in normalize_text(raw).split("\n\n")]


def make_fpdf2(paragraphs: list[str], path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    pdf = FPDF()
    pdf.add_font("nanum", fname=str(KOREAN_FONT))
    pdf.set_font("nanum", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "\n".join(paragraphs), align="L", wrapmode=WrapMode.CHAR)
    pdf.output(str(path))


def make_qt(paragraphs: list[str], path: Path) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPdfWriter, QTextDocument
    except ImportError:
        return False
    _app = QGuiApplication.instance() or QGuiApplication([])
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setDefaultFont(QFont("NanumGothic", 10))
    document.setPlainText("\n\n".join(paragraphs))
    document.print_(writer)
    return True


def sentences(paragraphs: list[str]) -> list[str]:
    found = []
    for paragraph in paragraphs:
        found += [s for s in re.split(r"(?<=[.?!])\s+", paragraph) if len(s) >= 12]
    return found


def quality(extract: Extractor, path: Path, source: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    pages = extract(path)
    seconds = time.perf_counter() - started
    raw = "\n".join(pages)
    flat = _SPACES.sub(" ", raw)
    normalised = _SPACES.sub(" ", "\n".join(normalize_text(p) for p in pages))
    wanted = sentences(source)
    return {
        "pages/s": len(pages) / seconds,
        "ctrl/1k": 1000 * len(_CONTROL.findall(raw)) / max(1, len(raw)),
        "hangul": count_syllables(raw) / count_syllables("".join(source)),
        "sent raw": sum(s in flat for s in wanted) / len(wanted),
        "sent norm": sum(s in normalised for s in wanted) / len(wanted),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args()

    r_manual = args.devset / "R-data.pdf"
    speeds = {name: pages_per_second(fn, r_manual, args.repeat) for name, fn in PARSERS.items()}
    print(f"R-data.pdf ({len(pdfium_pages(r_manual))} pages), {args.repeat} passes each:")
    for name, speed in speeds.items():
        print(f"  {name:10s} {speed:8.1f} pages/s")
    print(f"  pypdfium2 / pypdf = {speeds['pypdfium2'] / speeds['pypdf']:.1f}x")

    source = korean_source(args.devset)
    with tempfile.TemporaryDirectory() as folder:
        made = {"fpdf2 (wraps inside words)": Path(folder, "fpdf2.pdf")}
        make_fpdf2(source, made["fpdf2 (wraps inside words)"])
        if make_qt(source, Path(folder, "qt.pdf")):
            made["Qt QPdfWriter"] = Path(folder, "qt.pdf")
        for label, path in made.items():
            print(f"\nKorean PDF by {label}, {len(pdfium_pages(path))} pages:")
            print(
                f"  {'parser':10s} {'pages/s':>8s} {'ctrl/1k':>8s} {'hangul':>7s} "
                f"{'sent raw':>9s} {'sent norm':>9s}"
            )
            for name, fn in PARSERS.items():
                q = quality(fn, path, source)
                print(
                    f"  {name:10s} {q['pages/s']:8.1f} {q['ctrl/1k']:8.1f} {q['hangul']:7.1%} "
                    f"{q['sent raw']:9.1%} {q['sent norm']:9.1%}"
                )


if __name__ == "__main__":
    main()
