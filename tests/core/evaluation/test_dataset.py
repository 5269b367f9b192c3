"""Reading question files: the fields users write, and errors that name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.errors import PagefoldError
from app.core.evaluation.dataset import load_questions, parse_questions


def _lines(*rows: dict) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in rows]


def test_every_kind_of_expectation_is_read() -> None:
    questions = parse_questions(
        _lines(
            {"id": "a", "q": "코어타임은?", "answer": "오전 10시", "doc": "h.pdf", "page": 1},
            {"question": "Warranty?", "reference": "Two years.", "pages": [3, 4]},
            {"q": "Price?", "unanswerable": True},
        )
    )
    first, second, third = questions
    assert (first.id, first.answer, first.doc, first.pages) == ("a", "오전 10시", "h.pdf", (1,))
    assert second.id == "q002" and second.pages == (3, 4) and second.gold_answer == "Two years."
    assert third.unanswerable and not third.judgeable
    assert second.judgeable and first.judgeable


def test_blank_lines_and_comments_are_skipped_but_numbering_follows_the_file() -> None:
    questions = parse_questions(["", "// a note", json.dumps({"q": "x", "answer": "y"})])
    assert [q.id for q in questions] == ["q003"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2 is not valid JSON"),
        ('{"answer": "x"}', "line 2 has no question"),
        ('{"q": "x", "page": "two"}', "page number"),
        ('{"q": "x", "page": 0}', "start at 1"),
        ('{"q": "x", "answer": "y", "unanswerable": true}', "unanswerable"),
        ('["q"]', "must be a JSON object"),
    ],
)
def test_bad_lines_are_named(line: str, message: str) -> None:
    with pytest.raises(PagefoldError, match=message):
        parse_questions(['{"q": "fine", "answer": "a"}', line], source="qs.jsonl")


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(PagefoldError, match='"x" is used twice'):
        parse_questions(_lines({"id": "x", "q": "a"}, {"id": "x", "q": "b"}))


def test_missing_and_empty_files_say_so(tmp_path: Path) -> None:
    with pytest.raises(PagefoldError, match="Cannot read the questions file"):
        load_questions(tmp_path / "nope.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(PagefoldError, match="holds no questions"):
        load_questions(empty)


def test_a_byte_order_mark_from_a_windows_editor_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_text('{"q": "질문", "answer": "답"}\n', encoding="utf-8-sig")
    assert load_questions(path)[0].question == "질문"


def test_to_json_round_trips() -> None:
    rows = _lines({"id": "a", "q": "x", "answer": "y", "doc": "d.pdf", "page": [1, 2]})
    question = parse_questions(rows)[0]
    assert parse_questions([json.dumps(question.to_json())])[0] == question
