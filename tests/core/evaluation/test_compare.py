"""Reading ``--compare`` values; the runs themselves are covered end to end in the CLI tests."""

from __future__ import annotations

import pytest

from app.core.errors import PagefoldError
from app.core.evaluation.compare import CompareSpec, in_thread, parse_compare
from app.core.evaluation.runner import run_to_end


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("dense", CompareSpec("dense")),
        ("BM25", CompareSpec("lexical")),
        (" recipe ", CompareSpec("recipe")),
        ("reranker", CompareSpec("reranker")),
        ("chunks=128,512", CompareSpec("chunks", ("128", "512"))),
        ("embedding=/models/bge-m3", CompareSpec("embedding", ("/models/bge-m3",))),
    ],
)
def test_accepted_settings(text: str, spec: CompareSpec) -> None:
    assert parse_compare(text) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sparse", "Use one of: dense"),
        ("chunks=big", "between 32 and 2048"),
        ("chunks=16", "between 32 and 2048"),
        ("chunks=128,256,512", "Use one of"),
        ("embedding=", "Use one of"),
        ("dense=1", "Use one of"),
    ],
)
def test_refused_settings_say_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(PagefoldError, match=message):
        parse_compare(text)


def test_blocking_work_reports_progress_and_its_errors_reach_the_caller() -> None:
    def work(step: object) -> int:
        for n in range(3):
            step(n + 1, 3, f"step {n}")  # type: ignore[operator]
        return 42

    events: list[tuple[int, str]] = []
    assert run_to_end(in_thread("job", work), lambda e: events.append((e.done, e.phase))) == 42
    assert events == [(1, "indexing"), (2, "indexing"), (3, "indexing")]

    def broken(step: object) -> None:
        raise PagefoldError("disk full")

    with pytest.raises(PagefoldError, match="disk full"):
        run_to_end(in_thread("job", broken))
