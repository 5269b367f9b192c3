"""Evaluation questions: one JSON object a line, read with messages a user can act on.

Each line has a question (``q`` or ``question``) and any of: ``answer`` (a short substring that
the passage answering it contains), ``reference`` (a full reference answer, for token F1),
``doc`` (the expected document's file name) and ``page`` (its 1-based page, or a list of pages),
or ``"unanswerable": true`` for a question the documents cannot answer. ``id`` is optional.
``kind`` (a label results are broken down by, e.g. ``ko``, ``en``, ``cross``), ``collection``
(the collection the question is asked of, when one file serves several) and ``split``
(``tune`` or ``test``, so a set can be tuned on one half and judged on the other) are optional.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import PagefoldError

_QUESTION_KEYS = ("q", "question")


@dataclass(frozen=True)
class EvalQuestion:
    """One question and whatever the user knows about its answer."""

    id: str
    question: str
    answer: str = ""
    reference: str = ""
    doc: str = ""
    pages: tuple[int, ...] = ()
    unanswerable: bool = False
    kind: str = ""
    collection: str = ""
    split: str = ""

    @property
    def judgeable(self) -> bool:
        """Whether a retrieved passage can be judged relevant or not for this question."""
        return not self.unanswerable and bool(self.answer or self.doc or self.pages)

    @property
    def gold_answer(self) -> str:
        """What an answer is compared with for token F1: the reference, else the substring."""
        return self.reference or self.answer

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "q": self.question}
        for key in ("answer", "reference", "doc", "kind", "collection", "split"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.pages:
            data["page"] = self.pages[0] if len(self.pages) == 1 else list(self.pages)
        if self.unanswerable:
            data["unanswerable"] = True
        return data


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a questions file; a bad line names its number and what is wrong with it."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PagefoldError(
            f"Cannot read the questions file {path}: {exc.strerror or exc}"
        ) from exc
    questions = parse_questions(text.splitlines(), source=str(path))
    if not questions:
        raise PagefoldError(f"The questions file {path} holds no questions.")
    return questions


def parse_questions(lines: Iterable[str], source: str = "questions") -> list[EvalQuestion]:
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        question = _parse_line(line, number, source)
        if question.id in seen:
            raise PagefoldError(f'{source}, line {number}: the id "{question.id}" is used twice.')
        seen.add(question.id)
        questions.append(question)
    return questions


def _parse_line(line: str, number: int, source: str) -> EvalQuestion:
    where = f"{source}, line {number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PagefoldError(f"{where} is not valid JSON: {exc.msg}.") from exc
    if not isinstance(row, dict):
        raise PagefoldError(f"{where} must be a JSON object.")
    text = next((row[k] for k in _QUESTION_KEYS if isinstance(row.get(k), str)), "").strip()
    if not text:
        raise PagefoldError(f'{where} has no question (a "q" or "question" field).')
    unanswerable = bool(row.get("unanswerable", False))
    question = EvalQuestion(
        id=str(row.get("id") or f"q{number:03d}"),
        question=text,
        answer=_text_field(row, "answer", where),
        reference=_text_field(row, "reference", where),
        doc=_text_field(row, "doc", where),
        pages=_pages(row.get("page", row.get("pages")), where),
        unanswerable=unanswerable,
        kind=_text_field(row, "kind", where),
        collection=_text_field(row, "collection", where),
        split=_text_field(row, "split", where),
    )
    if unanswerable and (question.answer or question.pages):
        raise PagefoldError(f"{where} is marked unanswerable but also gives an answer or page.")
    return question


def select(
    questions: Sequence[EvalQuestion], split: str = "", collection: str = ""
) -> list[EvalQuestion]:
    """The questions of one split and, when given, of one collection (unlabelled ones stay)."""
    chosen = [q for q in questions if not split or q.split == split]
    if split and not chosen:
        splits = sorted({q.split for q in questions if q.split})
        raise PagefoldError(
            f'No question is in the split "{split}"; '
            + (f"this file has: {', '.join(splits)}." if splits else "this file has no splits.")
        )
    return [q for q in chosen if not collection or q.collection in ("", collection)]


def _text_field(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise PagefoldError(f'{where}: "{key}" must be text.')
    return str(value).strip()


def _pages(value: Any, where: str) -> tuple[int, ...]:
    if value is None or value == "":
        return ()
    values = value if isinstance(value, list) else [value]
    try:
        pages = tuple(int(v) for v in values)
    except (TypeError, ValueError) as exc:
        raise PagefoldError(f'{where}: "page" must be a page number or a list of them.') from exc
    if any(p < 1 for p in pages):
        raise PagefoldError(f"{where}: page numbers start at 1.")
    return pages
