"""The window's answer to a damaged collection: say what is wrong and offer the repair.

A search that finds a collection's vectors missing or unreadable raises
``DamagedCollectionError`` in core (issue 19: before, it silently searched keywords alone).
The chat controller passes it here; the user sees core's message and a Repair button, and the
repair runs in the index lane (it embeds, so never on the GUI thread), with the result in the
status bar. The CLI runs the same ``app.core.health.repair``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.workers import TaskHub, user_message


class RepairOffer(QObject):
    """One open offer at a time; ``repaired`` carries the report's lines when done."""

    repaired = Signal(str)
    failed = Signal(str)

    def __init__(self, library: Callable[[], Any], hub: TaskHub, parent: QWidget) -> None:
        super().__init__(parent)
        self._library = library
        self._hub = hub
        self._window = parent
        self.box: QMessageBox | None = None

    def offer(self, collection: str, message: str) -> None:
        if self.box is not None:  # a second failing search while the first box is open
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Damaged collection"),
            message,
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setInformativeText(
            self.tr("Repair rebuilds only what is missing; your files are not touched.")
        )
        repair = box.addButton(self.tr("Repair"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(repair)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _code: self._closed(box, collection, repair))
        self.box = box
        box.open()

    def _closed(self, box: QMessageBox, collection: str, repair: Any) -> None:
        self.box = None
        if box.clickedButton() is repair:
            self.start(collection)

    def start(self, collection: str) -> None:
        from app.core.health import repair

        self._hub.call(
            "index",
            lambda: repair(self._library(), collection),
            on_result=lambda result: self.repaired.emit("\n".join(result.lines())),
            on_error=lambda error: self.failed.emit(user_message(error)),
        )
