"""Two bars above the composer for "Ask about this file": the offer after one file is dropped on
an empty chat, and the reminder that the chat now searches a temporary collection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class AskFileOffer(QFrame):
    """“report.pdf”: [Ask about this file] [Add to a collection] [×]."""

    accepted = Signal(object)  # Path
    add_requested = Signal(object)  # Path: index it the usual way instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AskFileOffer")
        self.path: Path | None = None
        self.label = QLabel(self)
        self.ask_button = QPushButton(self)
        self.ask_button.setProperty("primary", True)
        self.ask_button.clicked.connect(self._accept)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self._add)
        self.close_button = QPushButton("×", self)
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ask_button)
        layout.addWidget(self.add_button)
        layout.addWidget(self.close_button)
        self.retranslate()
        self.hide()

    def offer(self, path: Path) -> None:
        self.path = path
        self.retranslate()
        self.show()

    def dismiss(self) -> None:
        self.path = None
        self.hide()

    def _accept(self) -> None:
        path = self.path
        self.dismiss()
        if path is not None:
            self.accepted.emit(path)

    def _add(self) -> None:
        path = self.path
        self.dismiss()
        if path is not None:
            self.add_requested.emit(path)

    def retranslate(self) -> None:
        name = self.path.name if self.path else ""
        self.label.setText(self.tr("“%1” dropped on a new chat.").replace("%1", name))
        self.ask_button.setText(self.tr("Ask about this file"))
        self.add_button.setText(self.tr("Add to a collection"))
        self.close_button.setToolTip(self.tr("Dismiss"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class TemporaryBar(QFrame):
    """Temporary collection “report.pdf (temporary)” — [Keep…] [Discard]."""

    keep_requested = Signal(str)
    discard_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TemporaryBar")
        self.name = ""
        self.label = QLabel(self)
        self.keep_button = QPushButton(self)
        self.keep_button.clicked.connect(lambda: self.keep_requested.emit(self.name))
        self.discard_button = QPushButton(self)
        self.discard_button.clicked.connect(lambda: self.discard_requested.emit(self.name))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.discard_button)
        self.retranslate()
        self.hide()

    def show_for(self, name: str) -> None:
        self.name = name
        self.retranslate()
        self.show()

    def clear(self) -> None:
        self.name = ""
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(
            self.tr("Temporary collection “%1” — deleted when you close Pagefold.").replace(
                "%1", self.name
            )
        )
        self.keep_button.setText(self.tr("Keep…"))
        self.discard_button.setText(self.tr("Discard"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
