"""The Evaluate dialog: runs core's evaluation off the GUI thread and shows the numbers."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import PagefoldError
from app.core.evaluation.dataset import EvalQuestion
from app.core.evaluation.report import Comparison, EvalReport
from app.core.evaluation.runner import EvalProgress, System, run_evaluation
from app.ui.views.evaluate_dialog import EvaluateDialog
from tests.core.evaluation.fakes import FakeSearcher, passage
from tests.ui.fakes import FakeLibrary

PASSAGES = [passage("filter every 6 months", 3), passage("warranty 2 years", 4)]
QUESTIONS = [
    EvalQuestion("f", "filter when", answer="every 6 months"),
    EvalQuestion("w", "warranty how long", answer="2 years"),
]


def _report_job(
    request: Any, judge: bool, cancel: Any
) -> Generator[EvalProgress, None, EvalReport]:
    report = yield from run_evaluation(
        System("hybrid", FakeSearcher(PASSAGES)), QUESTIONS, request.k
    )
    return report


def _comparison_job(
    request: Any, judge: bool, cancel: Any
) -> Generator[EvalProgress, None, Comparison]:
    a = yield from run_evaluation(System("hybrid", FakeSearcher(PASSAGES)), QUESTIONS, request.k)
    b = yield from run_evaluation(
        System("dense-only", FakeSearcher(PASSAGES[:1])), QUESTIONS, request.k
    )
    return Comparison(a, b)


@pytest.fixture
def make_dialog(qtbot: Any) -> Iterator[Any]:
    dialogs: list[EvaluateDialog] = []

    def make(job: Any = None, library: Any = None, **kwargs: Any) -> EvaluateDialog:
        lib = library or FakeLibrary()
        dialog = EvaluateDialog(lambda: lib, job=job, **kwargs)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.collections_loaded, timeout=5000)
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        assert dialog.shutdown(5000)


def test_collections_are_listed_after_the_bundled_example(make_dialog: Any) -> None:
    library = FakeLibrary()
    library.create_collection("papers")
    library.create_collection("계약서")
    dialog = make_dialog(library=library)
    names = [dialog.collection.itemText(i) for i in range(dialog.collection.count())]
    assert names[1:] == ["papers", "계약서"] and "example" in names[0].lower()
    assert not dialog.questions.isEnabled() and dialog.questions.text().endswith("questions.jsonl")
    dialog.collection.setCurrentIndex(1)
    assert dialog.questions.isEnabled() and dialog.questions.text() == ""
    dialog.run_button.click()
    assert "questions file" in dialog.status.text() and not dialog.running


def test_a_run_fills_the_table_and_the_chart_and_saves_reports(
    make_dialog: Any, qtbot: Any, tmp_path: Path
) -> None:
    dialog = make_dialog(_report_job)
    dialog.k.setValue(3)
    with qtbot.waitSignal(dialog.evaluation_finished, timeout=10_000) as finished:
        dialog.run_button.click()
        assert dialog.running and not dialog.run_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert isinstance(finished.args[0], EvalReport)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["hit@3"] == "100.0%" and rows["MRR@3"] == "1.000"
    assert dialog.progress.value() == 1000 and "2 questions" in dialog.status.text()
    assert [name for name, _ in dialog.chart.series] == ["hybrid"]
    assert "hit@1 1.00" in dialog.chart.accessibleDescription()
    assert dialog.save_button.isEnabled()
    dialog.save_report(tmp_path / "report.md")
    dialog.save_report(tmp_path / "report.json")
    qtbot.waitUntil(lambda: (tmp_path / "report.json").exists(), timeout=5000)
    qtbot.waitUntil(lambda: (tmp_path / "report.md").exists(), timeout=5000)
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# Evaluation: hybrid")
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["k"] == 3


def test_a_comparison_shows_both_settings_and_the_difference(make_dialog: Any, qtbot: Any) -> None:
    dialog = make_dialog(_comparison_job)
    dialog.compare.setCurrentIndex(dialog.compare.findData("dense"))
    assert dialog.request().compare == "dense"
    with qtbot.waitSignal(dialog.evaluation_finished, timeout=10_000):
        dialog.run_button.click()
    headers = [
        dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
    ]
    assert headers[1:3] == ["hybrid", "dense-only"]
    hit = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "hit@5"
    )
    assert dialog.table.item(hit, 3).text() == "-50.0 pt"
    assert [name for name, _ in dialog.chart.series] == ["hybrid", "dense-only"]


def test_stop_ends_a_long_run_and_the_dialog_can_run_again(make_dialog: Any, qtbot: Any) -> None:
    started = threading.Event()

    def endless(request: Any, judge: bool, cancel: Any) -> Generator[EvalProgress, None, None]:
        n = 0
        while not cancel.cancelled:
            n += 1
            started.set()
            yield EvalProgress("slow", "questions", n, 10_000)
            time.sleep(0.01)

    dialog = make_dialog(endless)
    dialog.run_button.click()
    qtbot.waitUntil(started.is_set, timeout=5000)
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert dialog.status.text() == "Stopped." and dialog.run_button.isEnabled()
    assert dialog.result is None and not dialog.save_button.isEnabled()


def test_an_error_is_shown_in_the_users_words(make_dialog: Any, qtbot: Any) -> None:
    def failing(request: Any, judge: bool, cancel: Any) -> Generator[EvalProgress, None, None]:
        yield EvalProgress("x", "questions", 0, 1)
        raise PagefoldError("The questions file qs.jsonl, line 3 is not valid JSON.")

    dialog = make_dialog(failing)
    with qtbot.waitSignal(dialog.evaluation_failed, timeout=5000) as failed:
        dialog.run_button.click()
    assert "line 3" in failed.args[0] and "line 3" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)


def test_the_answers_option_shows_only_when_answers_can_be_made(make_dialog: Any) -> None:
    without = make_dialog()
    assert not without.answers.isVisibleTo(without)
    with_model = make_dialog(answerer_provider=lambda library, collection, stack: None)
    assert with_model.answers.isVisibleTo(with_model)


@pytest.mark.slow
def test_the_bundled_example_runs_for_real(make_dialog: Any, qtbot: Any, library: Any) -> None:
    """Real library, real MiniLM, real Chroma: the default job indexes the example and runs it."""
    dialog = make_dialog(library=library)
    with qtbot.waitSignal(dialog.evaluation_finished, timeout=240_000) as finished:
        dialog.run_button.click()
    report = finished.args[0]
    assert report.collection == "pagefold-example" and report.counts()["judged"] >= 20
    assert report.summary()["hit@k"] > 0.5
    assert dialog.table.rowCount() >= 5


def test_closing_the_window_stops_a_running_evaluation(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    started = threading.Event()

    def endless(request: Any, judge: bool, cancel: Any) -> Generator[EvalProgress, None, None]:
        while not cancel.cancelled:
            started.set()
            yield EvalProgress("slow", "questions", 1, 2)
            time.sleep(0.01)

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    dialog = EvaluateDialog(FakeLibrary, window, job=endless)
    qtbot.waitUntil(lambda: dialog.collections_loaded, timeout=5000)
    dialog.run_button.click()
    qtbot.waitUntil(started.is_set, timeout=5000)
    window.close()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)


def test_judging_answers_without_a_loaded_model_says_what_to_do(
    make_dialog: Any, qtbot: Any
) -> None:
    dialog = make_dialog(answerer_provider=lambda library, collection, stack: None)
    dialog.answers.setChecked(True)
    with qtbot.waitSignal(dialog.evaluation_failed, timeout=5000) as failed:
        dialog.run_button.click()
    assert "No model is loaded" in failed.args[0]
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
