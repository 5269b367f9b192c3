"""Retrieval quality across formats: answers that sit in a scanned page, an HWPX file and a PDF
table are in the top 5 of ``Library.search`` (real PDFs and HWPX made here, Tesseract, Chroma,
MiniLM, BM25 over Kiwi morphemes), among distractors that share their words; and a passage read
by OCR says so, so its citation can show "(OCR)"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.indexing.events import FileStatus
from app.core.library import Library
from app.core.ocr.engine import default_engine
from tests.core.documents.officemaker import make_hangul
from tests.core.documents.pdfmaker import make_pdf, make_scanned_copy, make_table_pdf

pytestmark = pytest.mark.slow

NO_OCR = "Tesseract is not installed: scanned pages cannot be read"

# (question, text its answer passage must contain, file holding it, format)
QUESTIONS = [
    ("What time does the ferry to Skye leave on weekdays?", "7:45", "ferries.pdf", "scan"),
    ("새 사무실의 월 임대료는 얼마인가요?", "350만", "이전계획.hwpx", "hwpx"),
    (
        "How many forklifts does the Gdansk warehouse have?",
        "Gdansk | 12 |",
        "depots.pdf",
        "table",
    ),
]


def make_documents(folder: Path, scratch: Path) -> None:
    """The three answer files and three distractors sharing their vocabulary."""
    folder.mkdir()
    make_pdf(
        scratch / "ferries-typed.pdf",
        [
            "Island timetable, summer season. Ferries to Mull leave Oban every two hours from "
            "nine in the morning. Cars must be booked a day in advance.",
            "The ferry to Skye leaves the harbour at 7:45 every weekday morning and returns at "
            "six in the evening. On Sundays there is no service to Skye.",
        ],
    )
    make_scanned_copy(folder / "ferries.pdf", scratch / "ferries-typed.pdf", pages=[2])
    make_hangul(
        folder / "이전계획.hwpx",
        "사무실 이전 계획",
        [
            "본사는 2025년 4월에 판교의 새 사무실로 이전한다.",
            "새 사무실의 월 임대료는 350만 원이며 관리비는 별도이다.",
        ],
        table=[["항목", "일정"], ["이사 업체 선정", "2월"], ["인테리어 공사", "3월"]],
    )
    make_table_pdf(
        folder / "depots.pdf",
        "Each warehouse of the company with its city and the number of forklifts it runs.",
        [
            ["Warehouse", "City", "Forklifts"],
            ["North depot", "Gdansk", "12"],
            ["Harbour depot", "Rotterdam", "31"],
            ["Inland depot", "Lyon", "7"],
        ],
        "Forklift counts were taken during the spring inventory.",
    )
    make_pdf(
        folder / "harbour-news.pdf",
        [
            "The harbour office repainted the ferry terminal in May. Morning departures were "
            "delayed for a week while the ramp was repaired."
        ],
    )
    (folder / "공지.txt").write_text(
        "사무실 청소는 매주 금요일 오후에 합니다. 회의실 예약은 총무팀에 문의하세요. "
        "임대 계약 갱신은 내년에 검토합니다.",
        encoding="utf-8",
    )
    make_pdf(
        folder / "safety.pdf",
        [
            "Forklift safety: drivers must be certified and wear a helmet in every warehouse. "
            "Inspect the forks and brakes before each shift."
        ],
    )


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("quality-formats")
    settings = Settings.load(root / "data")
    settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    lib = Library(settings)
    make_documents(root / "docs", root)
    report = lib.ingest("formats", [root / "docs"])
    assert report.count(FileStatus.INDEXED) == 6, report.results
    yield lib
    lib.close()


@pytest.mark.parametrize(
    ("question", "answer", "file", "kind"), QUESTIONS, ids=[q[3] for q in QUESTIONS]
)
def test_answer_is_in_the_top_five(
    library: Library, question: str, answer: str, file: str, kind: str
) -> None:
    if kind == "scan" and default_engine() is None:
        pytest.skip(NO_OCR)
    hits = library.search("formats", question, k=5)
    found = [h for h in hits if answer in h.text]
    assert found, [(Path(h.path).name, h.text[:60]) for h in hits]
    assert Path(found[0].path).name == file


def test_a_passage_read_by_ocr_says_so(library: Library) -> None:
    if default_engine() is None:
        pytest.skip(NO_OCR)
    searches = [
        "When does the ferry to Skye leave?",
        "How often do ferries to Mull leave Oban?",
        "forklifts in Gdansk",
    ]
    hits = [h for q in searches for h in library.search("formats", q, k=5)]
    scanned = {(Path(h.path).name, h.page) for h in hits if h.ocr}
    assert scanned == {("ferries.pdf", 2)}  # found, and the only page marked
    assert ("ferries.pdf", 1) in {(Path(h.path).name, h.page) for h in hits}  # typed page: not
    assert all("ocr" in h.to_json() for h in hits)
