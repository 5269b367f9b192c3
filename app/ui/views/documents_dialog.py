"""The documents of one collection: pages, passages, state; summarize, translate or remove one.

Summarize and Translate hand a ``ChatRequest`` to the window (``document_action``) and close the
dialog, so the user watches the result stream into the chat like any answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.chat_requests import ChatRequest, action_labels, document_actions
from app.ui.icons import icon
from app.ui.workers import TaskHub

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
READY_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # indexed with text: quick actions can run
FILE_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # the file's name, as the chat shows the action


class DocumentsDialog(QDialog):
    """Loads ``Library.documents(name)`` in a worker; removal goes through the index lane."""

    changed = Signal()
    loaded = Signal()
    document_action = Signal(object)  # a ChatRequest (summarize or translate one document)

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
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.summary = QLabel(self)
        self.remove_button = QPushButton(self.tr("Remove from collection"), self)
        self.remove_button.clicked.connect(self._remove)
        labels = [label for label, _icon in action_labels()]
        self.summarize_button = QPushButton(labels[0], self)
        self.summarize_button.clicked.connect(lambda: self._run_action(0))
        self.translate_button = QPushButton(self.tr("Translate"), self)
        self.translate_menu = QMenu(self.translate_button)
        self.translate_menu.addAction(labels[1], lambda: self._run_action(1))
        self.translate_menu.addAction(labels[2], lambda: self._run_action(2))
        self.translate_button.setMenu(self.translate_menu)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.summarize_button, self.translate_button, self.remove_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._sync_buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._sync_buttons()
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
            name.setData(doc.status == "indexed" and doc.chunks > 0, READY_ROLE)
            name.setData(Path(doc.path).name or name.text(), FILE_ROLE)
            shown = self._status_text(doc.status)
            state = QStandardItem(shown if not doc.error else f"{shown}: {doc.error}")
            self.model.appendRow(
                [name, QStandardItem(str(doc.pages)), QStandardItem(str(doc.chunks)), state]
            )
        self.summary.setText(self.tr("%n document(s)", "", len(documents)))
        self._sync_buttons()
        self.loaded.emit()

    def _status_text(self, status: str) -> str:
        """Core's status names (catalog ``DocStatus``) in the UI's language."""
        names = {
            "pending": self.tr("waiting"),
            "indexing": self.tr("indexing"),
            "indexed": self.tr("indexed"),
            "failed": self.tr("failed"),
            "duplicate": self.tr("duplicate"),
        }
        return names.get(status, status)

    # -- quick actions -----------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _current(self) -> QStandardItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row(), 0) if index.isValid() else None

    def _actions_for(self, item: QStandardItem | None) -> list[tuple[str, str, ChatRequest]]:
        """The quick actions of a document that has text; none for a failed or empty one."""
        if item is None or not item.data(READY_ROLE):
            return []
        return document_actions(self.collection, int(item.data(ID_ROLE)), item.data(FILE_ROLE))

    def _sync_buttons(self) -> None:
        item = self._current()
        ready = bool(self._actions_for(item))
        self.summarize_button.setEnabled(ready)
        self.translate_button.setEnabled(ready)
        self.remove_button.setEnabled(item is not None)

    def _run_action(self, number: int) -> None:
        actions = self._actions_for(self._current())
        if number < len(actions):
            self.document_action.emit(actions[number][2])
            self.accept()  # the answer streams in the chat behind this dialog

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            menu = self.context_menu(index.row())
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def context_menu(self, row: int) -> QMenu:
        """Right-click on a document: its quick actions, then Remove."""
        self.select_row(row)
        menu = QMenu(self)
        for number, (label, icon_name, _request) in enumerate(self._actions_for(self._current())):
            action = menu.addAction(icon(icon_name, theme.current().muted), label)
            action.triggered.connect(lambda _=False, n=number: self._run_action(n))
        if menu.actions():
            menu.addSeparator()
        menu.addAction(self.tr("Remove from collection…"), self._remove)
        return menu

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
