"""Tools ▸ Evaluate…: run ``pagefold eval`` on a collection from the window.

The evaluation is core's own generator (``app.core.evaluation.session.evaluate_collection``),
run on a worker thread of the dialog's own ``TaskHub`` so a long evaluation never holds up the
window's lanes; progress and the finished report arrive as signals. The dialog is modal while
it runs, so the loaded model is not asked for a chat answer at the same time. The table, the
chart and the report text are drawn by ``evaluation_results``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.views.evaluation_results import ResultsPanel, report_text
from app.ui.workers import TaskHub, Worker, user_message

#: ``answerer_provider(library, collection, stack)``: an answerer for the loaded model, or None.
AnswererProvider = Callable[[Any, str, contextlib.ExitStack], Any]
#: ``job(request, judge_answers, cancel)``: the generator the worker runs (a seam for tests).
JobFactory = Callable[[Any, bool, Any], Generator[Any, None, Any]]

_EXAMPLE = "\x00example"


class EvaluateDialog(QDialog):
    """Pick a collection and a questions file, run, and see the metrics as a table and a chart."""

    evaluation_finished = Signal(object)  # the EvalReport or Comparison
    evaluation_failed = Signal(str)

    def __init__(
        self,
        library_provider: Callable[[], Any],
        parent: QWidget | None = None,
        *,
        answerer_provider: AnswererProvider | None = None,
        job: JobFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self._library_provider = library_provider
        self._answerer_provider = answerer_provider
        self._job = job or self._default_job
        self._hub = TaskHub(self)
        self._worker: Worker | None = None
        self._cancel: Any = None
        self._result: Any = None
        self._running = False
        self.collections_loaded = False
        self._build()
        self.retranslate()
        self._load_collections()
        if parent is not None:
            parent.installEventFilter(self)  # the window closing stops a running evaluation

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.setMinimumSize(620, 560)
        self.collection = QComboBox(self)
        self.collection.currentIndexChanged.connect(self._on_collection_changed)
        self.questions = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._on_browse)
        self.k = QSpinBox(self)
        self.k.setRange(1, 50)
        self.k.setValue(5)
        self.compare = QComboBox(self)
        self.answers = QCheckBox(self)
        self.answers.setVisible(self._answerer_provider is not None)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.results = ResultsPanel(self)
        self.table, self.chart = self.results.table, self.results.chart
        self.run_button = QPushButton(self)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self)
        self.stop_button.clicked.connect(self.stop)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self._on_save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self._arrange()
        self._set_running(False)

    def _arrange(self) -> None:
        source = QWidget(self)
        row = QHBoxLayout(source)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.questions, 1)
        row.addWidget(self.browse)
        self.form_labels = [QLabel(self) for _ in range(4)]
        self.form = QFormLayout()
        fields: tuple[QWidget, ...] = (self.collection, source, self.k, self.compare)
        for label, field in zip(self.form_labels, fields, strict=True):
            self.form.addRow(label, field)
        self.form.addRow(self.answers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Evaluate search and answers"))
        texts = (
            self.tr("Collection"),
            self.tr("Questions"),
            self.tr("Passages (k)"),
            self.tr("Compare with"),
        )
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text)
        self.questions.setPlaceholderText(self.tr("A .jsonl file: one question a line"))
        self.browse.setText(self.tr("Browse…"))
        self.answers.setText(self.tr("Also judge answers with the loaded model (slower)"))
        self.run_button.setText(self.tr("Run"))
        self.stop_button.setText(self.tr("Stop"))
        self.save_button.setText(self.tr("Save report…"))
        self.close_button.setText(self.tr("Close"))
        self._fill_compare()
        if self.collection.count():
            self.collection.setItemText(0, self.tr("Bundled example (Korean + English)"))

    def _fill_compare(self) -> None:
        current = self.compare.currentData()
        self.compare.clear()
        choices = [
            (self.tr("Nothing (one run)"), ""),
            (self.tr("Dense-only search"), "dense"),
            (self.tr("BM25-only search"), "lexical"),
            (self.tr("Reranker off"), "reranker"),
            (self.tr("The usual LangChain recipe"), "recipe"),
        ]
        for text, value in choices:
            self.compare.addItem(text, value)
        self.compare.setCurrentIndex(max(0, self.compare.findData(current or "")))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.shutdown()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- collections ---------------------------------------------------------------------

    def _load_collections(self) -> None:
        self.collection.addItem(self.tr("Bundled example (Korean + English)"), _EXAMPLE)
        self._hub.call(
            "io",
            lambda: [c.name for c in self._library_provider().collections()],
            on_result=self._on_collections,
            on_error=self._on_error,
        )

    def _on_collections(self, names: list[str]) -> None:
        from app.core.evaluation.example import EXAMPLE_COLLECTION

        for name in names:
            if name != EXAMPLE_COLLECTION:
                self.collection.addItem(name, name)
        self.collections_loaded = True

    def _on_collection_changed(self) -> None:
        example = self.collection.currentData() == _EXAMPLE
        self.questions.setEnabled(not example)
        self.browse.setEnabled(not example)
        if example:
            from app.core.evaluation.example import example_questions

            with contextlib.suppress(Exception):
                self.questions.setText(str(example_questions()))
        elif self.questions.text().endswith("eval/questions.jsonl"):
            self.questions.clear()

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Questions file"),
            "",
            self.tr("Questions (*.jsonl *.json);;All files (*)"),
        )
        if path:
            self.questions.setText(path)

    # -- running -------------------------------------------------------------------------

    def request(self) -> Any:
        """The core ``EvalRequest`` for the choices on screen."""
        from app.core.evaluation.session import EvalRequest

        compare = str(self.compare.currentData() or "")
        if self.collection.currentData() == _EXAMPLE:
            return EvalRequest.bundled_example(self.k.value(), compare)
        return EvalRequest(
            str(self.collection.currentData()),
            Path(self.questions.text().strip()),
            k=self.k.value(),
            compare=compare,
        )

    def start(self) -> None:
        if self._running:
            return
        if self.collection.currentData() != _EXAMPLE and not self.questions.text().strip():
            self.status.setText(self.tr("Choose a questions file first."))
            return
        from app.core.cancel import CancelToken

        self._cancel = CancelToken()
        self._result = None
        self.progress.setValue(0)
        self.status.setText(self.tr("Starting…"))
        self._set_running(True)
        judge = self._answerer_provider is not None and self.answers.isChecked()
        self._worker = self._hub.stream(
            "model",
            self._job,
            self.request(),
            judge,
            self._cancel,
            on_event=self._on_progress,
            on_result=self._on_result,
            on_error=self._on_error,
        )
        self._worker.signals.finished.connect(self._on_finished)

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.quit()
        if self._cancel is not None:
            self._cancel.cancel()
        self.status.setText(self.tr("Stopping…"))

    def _default_job(self, request: Any, judge: bool, cancel: Any) -> Generator[Any, None, Any]:
        """Runs on the worker thread: open the library, the answerer, and evaluate."""
        from app.core.evaluation.session import evaluate_collection

        library = self._library_provider()
        with contextlib.ExitStack() as stack:
            answerer = None
            if judge and self._answerer_provider is not None and not request.compare:
                answerer = self._answerer_provider(library, request.collection, stack)
                if answerer is None:
                    from app.core.errors import PagefoldError

                    raise PagefoldError(
                        "No model is loaded to judge answers: load one from the Models menu, "
                        "or untick “Also judge answers”."
                    )
            result = yield from evaluate_collection(library, request, answerer, cancel)
        return result

    def _on_progress(self, event: Any) -> None:
        self.progress.setValue(int(event.fraction * 1000))
        if event.phase == "indexing":
            text = self.tr("%1: indexing… %2").replace("%1", event.label)
            text = text.replace("%2", event.message)
        elif event.phase == "done":
            text = self.tr("%1: done").replace("%1", event.label)
        else:
            text = self.tr("%1: question %2 of %3").replace("%1", event.label)
            text = text.replace("%2", str(event.done)).replace("%3", str(event.total))
        self.status.setText(text)

    def _on_result(self, result: Any) -> None:
        if result is None:  # stopped before anything was measured
            return
        self._result = result
        self.results.show_result(result)
        self.status.setText(self.results.summary_text(result))
        if getattr(result, "cancelled", False):
            self.status.setText(self.tr("Stopped: the numbers cover the questions asked so far."))
        self.evaluation_finished.emit(result)

    def _on_error(self, error: BaseException) -> None:
        message = user_message(error)
        self.status.setText(message)
        self.evaluation_failed.emit(message)

    def _on_finished(self) -> None:
        stopped = self._result is None and self._cancel is not None and self._cancel.cancelled
        self._set_running(False)
        self._worker = None
        if stopped:
            self.status.setText(self.tr("Stopped."))

    def _set_running(self, running: bool) -> None:
        self._running = running
        for widget in (self.collection, self.k, self.compare, self.answers, self.run_button):
            widget.setEnabled(not running)
        example = self.collection.currentData() == _EXAMPLE
        self.questions.setEnabled(not running and not example)
        self.browse.setEnabled(not running and not example)
        self.stop_button.setEnabled(running)
        self.save_button.setEnabled(not running and self._result is not None)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def result(self) -> Any:
        return self._result

    # -- saving --------------------------------------------------------------------------

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save report"),
            "evaluation.md",
            self.tr("Markdown (*.md);;JSON (*.json)"),
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        """Write the report as Markdown, or as JSON for a .json name (off the GUI thread)."""
        text = report_text(self._result, json_format=path.suffix.lower() == ".json")
        self._hub.call(
            "io",
            path.write_text,
            text,
            encoding="utf-8",
            on_result=lambda _: self.status.setText(self.tr("Saved %1").replace("%1", str(path))),
            on_error=self._on_error,
        )

    # -- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        self.shutdown()
        super().reject()

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Stop a running evaluation and wait for the dialog's threads."""
        if self._cancel is not None:
            self._cancel.cancel()
        return self._hub.shutdown(msecs)
