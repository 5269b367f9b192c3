"""What finding ruled tables in PDFs costs: PDF loading with and without ``pdf_tables``.

Run: ``.venv/bin/python benchmarks/pdf_tables.py [--repeat 3] [--devset DIR]``

Two inputs, both timings in the same run: the devset's R manual (41 pages of prose and code,
few ruled tables: the cost on an ordinary document, where only the cheap PDFium path count
runs on most pages) and a 20-page PDF made here whose every page holds a ruled table (the
worst case: pdfplumber parses every page). Prints pages/s with and without table search,
the slowdown, and how many pages got table rows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.documents import pdf as pdf_module
from app.core.documents.pdf import load_pdf

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def table_pdf(path: Path, pages: int) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Inventory sheet {number}. Counts were taken at closing time.")
        pdf.ln(3)
        with pdf.table() as table:
            for row in range(12):
                cells = table.row()
                for col in range(4):
                    cells.cell(f"r{row}c{col}" if row else f"Column {col}")
        pdf.ln(3)
        pdf.multi_cell(0, 5, "Discrepancies go to the warehouse manager.")
    pdf.output(str(path))
    return path


def timed(path: Path, repeat: int, tables: bool) -> tuple[float, int]:
    best = float("inf")
    rows = 0
    for _ in range(repeat):
        with mock.patch.object(
            pdf_module, "_with_tables", pdf_module._with_tables if tables else lambda *a: a[-1]
        ):
            started = time.perf_counter()
            doc = load_pdf(path)
            best = min(best, time.perf_counter() - started)
        rows = sum(1 for page in doc.pages if "\n| " in page.text or page.text.startswith("| "))
    return len(doc.pages) / best, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs = {
            "R manual (41 pages)": args.devset / "R-data.pdf",
            "ruled tables (20 pages)": table_pdf(Path(folder) / "tables.pdf", 20),
        }
        for label, path in inputs.items():
            without, _ = timed(path, args.repeat, tables=False)
            with_tables, rows = timed(path, args.repeat, tables=True)
            print(
                f"{label:<24} without tables {without:7.1f} pages/s   with {with_tables:7.1f} "
                f"pages/s   slowdown x{without / with_tables:4.2f}   pages with table rows: {rows}"
            )


if __name__ == "__main__":
    main()
