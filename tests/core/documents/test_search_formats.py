"""Answers that live in a PDF table, a scanned page, a slide and a spreadsheet are found by
``Library.search`` (real Chroma, real MiniLM), at the page a citation shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.indexing.events import FileStatus
from app.core.library import Library
from app.core.ocr import engine as ocr_engine
from tests.core.documents.officemaker import make_pptx, make_xlsx
from tests.core.documents.pdfmaker import make_pdf, make_scanned_copy, make_table_pdf

pytestmark = pytest.mark.slow

FLEET = [
    ["Vessel", "Home port", "Crew"],
    ["Aurora", "Lisbon", "14"],
    ["Borealis", "Bergen", "27"],
    ["Calypso", "Naples", "9"],
]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    make_table_pdf(
        folder / "fleet.pdf",
        "The fleet report lists every vessel with its home port and crew size.",
        FLEET,
        "Crew sizes were checked by the harbour master in March.",
    )
    make_pdf(
        tmp_path / "garden.pdf",
        [
            "The garden club meets on Saturdays to plant tulips along the river path.",
            "Bananas ripen faster when stored next to apples in a warm kitchen.",
        ],
    )
    make_scanned_copy(folder / "garden-scan.pdf", tmp_path / "garden.pdf", pages=[2])
    make_pptx(
        folder / "deck.pptx",
        [
            ("Quarterly review", ["Revenue grew by nine percent"]),
            ("Office move", ["We move to Dock Street in June"]),
        ],
    )
    make_xlsx(
        folder / "budget.xlsx",
        {"Travel": [["Trip", "Cost"], ["Tokyo conference", 4200], ["Berlin workshop", 1800]]},
    )
    return folder


def test_answers_in_tables_scans_slides_and_sheets_are_found(
    library: Library, mixed_folder: Path
) -> None:
    report = library.ingest("mixed", [mixed_folder])
    assert report.count(FileStatus.INDEXED) == 4, report.results

    hit = library.search("mixed", "How many crew members does the Borealis have?", k=3)[0]
    assert hit.title == "fleet"
    assert "| Borealis | Bergen | 27 |" in hit.text

    hit = library.search("mixed", "Which month do we move to Dock Street?", k=3)[0]
    assert (Path(hit.path).name, hit.page) == ("deck.pptx", 2)

    hit = library.search("mixed", "What did the Tokyo conference trip cost?", k=3)[0]
    assert Path(hit.path).name == "budget.xlsx"
    assert "Travel!A1:B3" in hit.text and "| Tokyo conference | 4200 |" in hit.text

    found = ocr_engine.default_engine()
    if found is None:
        pytest.skip("Tesseract is not installed: the scanned page cannot be searched")
    hit = library.search("mixed", "What makes bananas ripen faster?", k=3)[0]
    assert (Path(hit.path).name, hit.page) == ("garden-scan.pdf", 2)
    assert "apples" in hit.text
