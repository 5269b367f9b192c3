"""Tools › Network log: every connection Pagefold made or refused, and why, for a reviewer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.privacy.netlog import NetworkEvent


class NetworkLogDialog(QDialog):
    """A read-only table over the JSON-lines log in the data folder (read by the caller)."""

    def __init__(self, events: list[NetworkEvent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Network log"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        summary = (
            self.tr("Pagefold made no connection to another machine.")
            if not events
            else self.tr(
                "%n connection attempt(s); refused ones were blocked by the offline switch.",
                "",
                len(events),
            )
        )
        layout.addWidget(QLabel(summary))
        self.table = QTableWidget(len(events), 5, self)
        self.table.setAccessibleName(self.tr("Network connections"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Host"), self.tr("Port"), self.tr("Why"), self.tr("Result")]
        )
        for row, event in enumerate(reversed(events)):  # newest first
            result = self.tr("allowed") if event.allowed else self.tr("refused")
            cells = [
                event.when,
                event.host,
                "" if event.port is None else str(event.port),
                event.purpose,
                result,
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
