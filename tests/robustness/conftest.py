"""The robustness suite's report: every test adds rows, the summary prints them as tables.

What it tried and what happened (inputs tried, handled, crashed; kills survived; data lost) is
printed at the end of ``pytest tests/robustness`` and, when ``PAGEFOLD_ROBUSTNESS_REPORT`` names
a file, written there as JSON for CI artifacts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.library import Library
from tests.robustness.fakes import FakeEmbedder

Sections = dict[str, list[dict[str, Any]]]


@dataclass
class Tally:
    """One line of the reliability table: what a family of tests tried and what happened."""

    tried: int = 0
    handled: int = 0
    crashed: int = 0  # crashes, tracebacks, errors that are not clear messages
    lost: int = 0  # documents lost (must be 0)


#: One row source per test family: a function from the report's sections to its tally. Each
#: counts only the sections its own module writes, so nothing is counted twice. A module adds
#: its row with ``@row_source("name")`` (here or in its own file, imported before the summary).
ROW_SOURCES: dict[str, Callable[[Sections], Tally]] = {}


def row_source(name: str) -> Callable[[Callable[[Sections], Tally]], Callable[[Sections], Tally]]:
    def register(count: Callable[[Sections], Tally]) -> Callable[[Sections], Tally]:
        ROW_SOURCES[name] = count
        return count

    return register


def _number(row: dict[str, Any], key: str) -> int:
    try:
        return int(row.get(key, 0) or 0)
    except (TypeError, ValueError):
        return 0


@row_source("inputs (hostile, broken, degenerate files and queries)")
def _inputs(sections: Sections) -> Tally:
    rows = sections.get("Hostile and broken inputs", [])
    crashed = sum(1 for r in rows if r.get("outcome") == "CRASHED")
    return Tally(len(rows), len(rows) - crashed, crashed)


@row_source("kills (-9 and -TERM: ingest, refresh, streamed answer)")
def _kills(sections: Sections) -> Tally:
    rows = [r for s, found in sections.items() if s.startswith("Kill -") for r in found]
    kills = sum(_number(r, "kills") for r in rows)
    survived = sum(_number(r, "survived") for r in rows)
    return Tally(kills, survived, kills - survived, sum(_number(r, "data lost") for r in rows))


@row_source("concurrent operations (processes sharing a data folder)")
def _concurrent(sections: Sections) -> Tally:
    rows = sections.get("Concurrency", [])
    operations = sum(_number(r, "operations") for r in rows)
    errors = sum(_number(r, "errors") for r in rows)
    return Tally(
        operations, operations - errors, errors, sum(_number(r, "documents lost") for r in rows)
    )


@row_source("prompt injection (documents that try to give orders)")
def _injection(sections: Sections) -> Tally:
    rows = sections.get("Prompt injection", [])
    held = sum(1 for r in rows if str(r.get("injected text", "")).startswith(("inside", "only")))
    return Tally(len(rows), held, len(rows) - held)


@dataclass
class RobustnessReport:
    """Rows per section, in the order they were added."""

    sections: Sections = field(default_factory=dict)

    def add(self, section: str, **row: Any) -> None:
        self.sections.setdefault(section, []).append(row)

    def render(self) -> list[str]:
        lines: list[str] = []
        for title, rows in self.sections.items():
            lines += ["", f"== {title} ==", *_table(rows)]
        lines += ["", "== Reliability ==", *_table(self.reliability()), "", *self.totals()]
        return lines

    def tallies(self) -> dict[str, Tally]:
        return {name: count(self.sections) for name, count in ROW_SOURCES.items()}

    def reliability(self) -> list[dict[str, Any]]:
        """The table the README carries: one row per test family that ran."""
        rows = []
        for name, tally in self.tallies().items():
            if tally.tried:
                rows.append(
                    {
                        "tried": tally.tried,
                        "handled": tally.handled,
                        "crashed or errors": tally.crashed,
                        "documents lost": tally.lost,
                        "what": name,
                    }
                )
        return rows

    def totals(self) -> list[str]:
        found = self.tallies()
        inputs = found[next(iter(ROW_SOURCES))]
        kills = found["kills (-9 and -TERM: ingest, refresh, streamed answer)"]
        concurrent = found["concurrent operations (processes sharing a data folder)"]
        lost = sum(t.lost for t in found.values())
        return [
            f"inputs tried: {inputs.tried}, handled: {inputs.handled}, crashed: {inputs.crashed}",
            f"kills: {kills.tried}, survived: {kills.handled}, data lost: {kills.lost}",
            f"concurrent operations: {concurrent.tried}, errors: {concurrent.crashed}",
            f"documents lost: {lost}",
        ]


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    if not columns:
        return []
    last = len(columns) - 1  # the last column runs on: the full message stays readable
    cells = [[_cell(row.get(c, ""), i == last) for i, c in enumerate(columns)] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    widths[last] = len(columns[last])
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return out


def _cell(value: Any, whole: bool = False) -> str:
    text = " ".join(str(value).split())
    return text if whole or len(text) <= 60 else text[:59] + "…"


_REPORT = RobustnessReport()


@pytest.fixture(scope="session")
def report() -> RobustnessReport:
    return _REPORT


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _REPORT.sections:
        return
    terminalreporter.section("Pagefold robustness report")
    for line in _REPORT.render():
        terminalreporter.write_line(line)
    target = os.environ.get("PAGEFOLD_ROBUSTNESS_REPORT")
    if target:
        payload = {"sections": _REPORT.sections, "reliability": _REPORT.reliability()}
        Path(target).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2, default=str), "utf-8"
        )


# -- shared fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def module_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One data folder per test module, with the real MiniLM embedder."""
    settings = Settings.load(tmp_path_factory.mktemp("robust-data"))
    settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    settings.retrieval.use_reranker = False
    return settings


@pytest.fixture(scope="module")
def minilm_library(module_settings: Settings) -> Iterator[Library]:
    """A library shared by a module's tests (MiniLM loads once); each test uses its own
    collection."""
    library = Library(module_settings)
    yield library
    library.close()


@pytest.fixture
def fast_library(settings: Settings) -> Iterator[Library]:
    """A library whose embedder is instant: for tests about files and storage, not meaning."""
    library = Library(settings)
    fake = FakeEmbedder()
    library.embedder = lambda _name: fake  # type: ignore[method-assign]
    yield library
    library.close()
