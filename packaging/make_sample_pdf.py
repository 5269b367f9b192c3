"""Build ``resources/samples/pagefold-sample.pdf``: the document ``pagefold --self-test`` ingests.

Three pages with facts a search and a small model can be checked against: an English page, a
Korean page and an English distractor. The facts are made up so no model can answer from memory.
The questions and expected answers live in ``app/selftest.py`` (the frozen app cannot import
``packaging/``); ``tests/packaging/test_sample_pdf.py`` checks they still match this PDF.

Run from the repository root (needs fpdf2 from the ``test`` extra and a Korean TTF font):

    .venv/bin/python packaging/make_sample_pdf.py

The output is byte-for-byte reproducible (fixed creation date), so re-running it does not churn git.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "resources" / "samples" / "pagefold-sample.pdf"

# TTF only: fpdf2 cannot subset the OpenType collections (.ttc) Noto CJK ships as.
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
    Path("/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf"),
    Path("C:/Windows/Fonts/malgun.ttf"),
    Path("/Library/Fonts/AppleGothic.ttf"),
)

PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Harbor Archive visitor handbook",
        (
            "The Harbor Archive keeps ship logs, harbour maps and letters from the old port "
            "office.",
            "The reading room opens at nine in the morning and closes at five in the afternoon.",
            "The access code of the Harbor Archive is 7429. Visitors give this code at the desk.",
            "Pencils only: ink and cameras with flash are not allowed near the documents.",
        ),
    ),
    (
        "서울 식물원 온실 안내",
        (
            "서울 식물원 온실에는 열대와 지중해 기후의 식물 삼천여 종이 있습니다.",
            "온실은 오전 열 시에 문을 열고 오후 여섯 시에 닫습니다.",
            "온실 안내 데스크의 번호는 5836입니다. 단체 방문은 미리 예약해야 합니다.",
            "온실 안에서는 음식을 먹을 수 없고, 반려동물은 들어갈 수 없습니다.",
        ),
    ),
    (
        "Glacier survey field notes",
        (
            "The survey team measured the glacier front every morning for three weeks.",
            "Meltwater streams were sampled for sediment and temperature at four stations.",
            "The front retreated by about twelve metres over the season.",
            "Weather balloons were launched twice a day to record wind and humidity aloft.",
        ),
    ),
)

FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def find_font() -> Path:
    """The first Korean-capable TTF present; fpdf2 embeds only the glyphs used."""
    for path in FONT_CANDIDATES:
        if path.is_file():
            return path
    raise SystemExit("No Korean TTF font found; install fonts-nanum (Debian) or pass --font PATH.")


def build(output: Path, font: Path) -> Path:
    from fpdf import FPDF

    # fontTools reports each OpenType table it drops while subsetting; none matter here.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Pagefold self-test sample")
    pdf.set_author("Pagefold developers")
    pdf.set_creator("packaging/make_sample_pdf.py")
    pdf.set_producer("fpdf2")
    pdf.add_font("Korean", fname=str(font))
    for title, paragraphs in PAGES:
        pdf.add_page()
        pdf.set_font("Korean", size=18)
        pdf.multi_cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Korean", size=12)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 8, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    output.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(output))
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--font", type=Path, default=None, help="a Korean-capable .ttf")
    args = parser.parse_args(argv)
    path = build(args.output, args.font or find_font())
    print(f"wrote {path} ({path.stat().st_size / 1024:.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
