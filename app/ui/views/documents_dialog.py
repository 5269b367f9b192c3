"""The documents of one collection: pages, passages, state; remove one from the index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.workers import TaskHub

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class DocumentsDialog(QDialog):
    """Loads ``Library.documents(name)`` in a worker; removal goes through the index lane."""

    changed = Signal()
    loaded = Signal()

    def __init__(
        self, collection: str, services: Any, hub: TaskHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.collection = collection
        self.services = services
        self.hub = hub
        self.setWindowTitle(self.tr("Documents in “%1”").replace("%1", collection))
        self.resize(760, 420)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Pages"), self.tr("Passages"), self.tr("State")]
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Documents"))
        self.summary = QLabel(self)
        self.remove_button = QPushButton(self.tr("Remove from collection"), self)
        self.remove_button.clicked.connect(self._remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.hub.call(
            "io",
            lambda: self.services.library().documents(self.collection),
            on_result=self._on_documents,
        )

    def _on_documents(self, documents: list[Any]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for doc in documents:
            name = QStandardItem(doc.title or Path(doc.path).name)
            name.setToolTip(doc.error or doc.path)
            name.setData(doc.id, ID_ROLE)
            state = QStandardItem(doc.status if not doc.error else f"{doc.status}: {doc.error}")
            self.model.appendRow(
                [name, QStandardItem(str(doc.pages)), QStandardItem(str(doc.chunks)), state]
            )
        self.summary.setText(self.tr("%n document(s)", "", len(documents)))
        self.loaded.emit()

    def _remove(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        doc_id = self.model.item(index.row(), 0).data(ID_ROLE)
        answer = QMessageBox.question(
            self,
            self.tr("Remove document"),
            self.tr("Remove this document from the collection? The file itself is not touched."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.hub.call(
            "index",
            lambda: self.services.library().remove_document(self.collection, doc_id),
            on_result=self._on_removed,
        )

    def _on_removed(self, _result: object) -> None:
        self.reload()
        self.changed.emit()
