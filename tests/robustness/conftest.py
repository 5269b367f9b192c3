"""The robustness suite's report: every test adds rows, the summary prints them as tables.

What it tried and what happened (inputs tried, handled, crashed; kills survived; data lost) is
printed at the end of ``pytest tests/robustness`` and, when ``PAGEFOLD_ROBUSTNESS_REPORT`` names
a file, written there as JSON for CI artifacts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.library import Library
from tests.robustness.fakes import FakeEmbedder


@dataclass
class RobustnessReport:
    """Rows per section, in the order they were added."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, section: str, **row: Any) -> None:
        self.sections.setdefault(section, []).append(row)

    def render(self) -> list[str]:
        lines: list[str] = []
        for title, rows in self.sections.items():
            lines += ["", f"== {title} ==", *_table(rows)]
        lines += ["", *self.totals()]
        return lines

    def totals(self) -> list[str]:
        inputs = self.sections.get("Hostile and broken inputs", [])
        kills = [r for s, rows in self.sections.items() if s.startswith("Kill -9") for r in rows]
        crashed = sum(1 for r in inputs if r.get("outcome") == "CRASHED")
        return [
            f"inputs tried: {len(inputs)}, handled: {len(inputs) - crashed}, crashed: {crashed}",
            f"kills: {sum(int(r.get('kills', 0)) for r in kills)}, "
            f"survived: {sum(int(r.get('survived', 0)) for r in kills)}, "
            f"data lost: {sum(int(r.get('data lost', 0)) for r in kills)}",
        ]


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
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
        Path(target).write_text(
            json.dumps(_REPORT.sections, ensure_ascii=False, indent=2, default=str), "utf-8"
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
