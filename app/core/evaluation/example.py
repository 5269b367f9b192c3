"""The bundled example set (``resources/eval``): a Korean handbook and an English manual, with
questions, so a new user can run an evaluation before writing questions of their own."""

from __future__ import annotations

from pathlib import Path

from app.core.errors import NotFoundError
from app.core.resources import resource_path

EXAMPLE_COLLECTION = "pagefold-example"


def example_dir() -> Path:
    return resource_path("eval")


def example_documents() -> list[Path]:
    docs = sorted(example_dir().glob("*.pdf"))
    if not docs:
        raise NotFoundError(f"The bundled example documents are missing from {example_dir()}.")
    return docs


def example_questions() -> Path:
    path = example_dir() / "questions.jsonl"
    if not path.exists():
        raise NotFoundError(f"The bundled example questions are missing: {path}.")
    return path
