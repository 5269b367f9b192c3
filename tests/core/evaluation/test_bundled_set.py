"""The bundled example set is consistent: every answer is on the page its question names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from app.core.evaluation.dataset import load_questions
from app.core.evaluation.example import example_dir, example_documents, example_questions
from app.core.evaluation.metrics import contains


def _pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def test_every_answer_is_on_its_page_and_only_documents_that_exist_are_named() -> None:
    docs = {p.name: _pages(p) for p in example_documents()}
    questions = load_questions(example_questions())
    answerable = [q for q in questions if not q.unanswerable]
    assert len(questions) >= 20 and len(questions) - len(answerable) >= 4
    langs = {q.doc.split(".")[-2] for q in answerable}
    assert langs == {"ko", "en"}
    for q in answerable:
        pages = docs[q.doc]
        assert all(contains(pages[p - 1], q.answer) for p in q.pages), q.id


def test_unanswerable_questions_are_not_answered_by_the_documents() -> None:
    text = " ".join(t for p in example_documents() for t in _pages(p))
    for topic in ("주차", "매출", "HomeKit", "price", "$"):
        assert not contains(text, topic)


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf").exists(),
    reason="the Korean font used to make the handbook is not installed",
)
def test_make_docs_reproduces_the_committed_pdfs(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_docs", example_dir() / "make_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = [module.make_handbook(tmp_path / "h.pdf"), module.make_manual(tmp_path / "m.pdf")]
    committed = [
        example_dir() / "hanbit-handbook.ko.pdf",
        example_dir() / "airpure-300-manual.en.pdf",
    ]
    assert [_pages(p) for p in made] == [_pages(p) for p in committed]
