"""Indexing progress at the bottom of the sidebar, and the list of files that failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.icons import set_icon


class IndexingPanel(QFrame):
    """Overall and per-document progress, Pause/Cancel, then a summary with the failures."""

    cancel_requested = Signal()
    pause_toggled = Signal(bool)  # True = paused
    failures_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IndexingPanel")
        self.title = QLabel(self)
        self.title.setObjectName("PanelTitle")
        self.title.setWordWrap(True)
        self.overall = QProgressBar(self)
        self.overall.setRange(0, 1000)
        self.overall.setTextVisible(False)
        self.overall_label = QLabel(self)
        self.overall_label.setObjectName("Muted")
        self.current = QLabel(self)
        self.current.setObjectName("Muted")
        self.document = QProgressBar(self)
        self.document.setRange(0, 1000)
        self.document.setTextVisible(False)
        self.document.setObjectName("DocumentProgress")
        self.pause_button = QPushButton(self)
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._on_pause)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.failures_button = QPushButton(self)
        set_icon(self.failures_button, "warning", "danger")
        self.failures_button.clicked.connect(self.failures_requested)
        self.close_button = QToolButton(self)
        set_icon(self.close_button, "close", "muted")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._dismiss)
        self._build()
        self._collection = ""
        self._state = "idle"
        self._summary: tuple[int, int, int] = (0, 0, 0)
        self._queued = 0
        self.retranslate()
        self.hide()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.failures_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.overall)
        layout.addWidget(self.overall_label)
        layout.addWidget(self.current)
        layout.addWidget(self.document)
        layout.addLayout(buttons)

    @property
    def state(self) -> str:
        return self._state

    def start(self, collection: str, queued: int = 0) -> None:
        self._collection = collection
        self._state = "running"
        self._queued = queued
        self.overall.setValue(0)
        self.document.setValue(0)
        self.current.setText("")
        self.overall_label.setText("")
        self.pause_button.setChecked(False)
        self.show()
        self.retranslate()

    def update_progress(self, progress: Any) -> None:
        """``progress`` is a core ``IngestProgress``."""
        self.overall.setValue(int(progress.fraction * 1000))
        self.document.setValue(int(progress.current_fraction * 1000))
        self.overall_label.setText(
            self.tr("%1 of %2 files")
            .replace("%1", str(progress.files_done))
            .replace("%2", str(progress.files_total))
        )
        name = Path(progress.current).name if progress.current else ""
        phase = self._phase_text(str(progress.phase))
        label = f"{phase} · {name}" if name else phase
        self.current.setText(
            self.current.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideMiddle, max(80, self.current.width())
            )
        )
        self.current.setToolTip(progress.current)

    def finish(self, added: int, unchanged: int, failed: int, cancelled: bool) -> None:
        self._state = "cancelled" if cancelled else "done"
        self._summary = (added, unchanged, failed)
        self.overall.setValue(1000)
        self.document.setValue(1000)
        self.retranslate()
        if failed == 0 and not cancelled:
            self.current.setText("")

    def _phase_text(self, phase: str) -> str:
        return {
            "scanning": self.tr("Looking for files"),
            "parsing": self.tr("Reading"),
            "embedding": self.tr("Embedding"),
            "done": self.tr("Finishing"),
        }.get(phase, phase)

    def retranslate(self) -> None:
        running = self._state == "running"
        added, unchanged, failed = self._summary
        if running:
            title = self.tr("Indexing “%1”").replace("%1", self._collection)
            if self._queued:
                title += " " + self.tr("(%n more waiting)", "", self._queued)
        elif self._state == "cancelled":
            title = self.tr("Indexing stopped. Files already indexed were kept.")
        else:
            title = self.tr("“%1”: %2 added, %3 unchanged, %4 failed")
            title = (
                title.replace("%1", self._collection)
                .replace("%2", str(added))
                .replace("%3", str(unchanged))
                .replace("%4", str(failed))
            )
        self.title.setText(title)
        self.pause_button.setText(
            self.tr("Resume") if self.pause_button.isChecked() else self.tr("Pause")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel indexing"))
        self.failures_button.setText(self.tr("Show %n failed file(s)", "", failed))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        for widget in (self.pause_button, self.cancel_button, self.document, self.current):
            widget.setVisible(running)
        self.overall.setVisible(running)
        self.overall_label.setVisible(running)
        self.failures_button.setVisible(not running and failed > 0)
        self.close_button.setVisible(not running)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_pause(self, paused: bool) -> None:
        self.retranslate()
        self.pause_toggled.emit(paused)

    def _dismiss(self) -> None:
        self._state = "idle"
        self.hide()
        self.dismissed.emit()


class FailuresDialog(QDialog):
    """Which files could not be indexed, and why, in the words core wrote for the user."""

    def __init__(self, failures: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Files that could not be indexed"))
        self.resize(720, 360)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        for path, reason in failures:
            name = QStandardItem(Path(path).name)
            name.setToolTip(path)
            why = QStandardItem(reason)
            why.setToolTip(reason)
            self.model.appendRow([name, why])
        table = QTableView(self)
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)
        table.setAccessibleName(self.tr("Failed files"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("These files were skipped; the rest were indexed."), self))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
