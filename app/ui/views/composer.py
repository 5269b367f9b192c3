"""Where questions are typed: Enter sends, Shift+Enter adds a line, Esc stops an answer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.icons import icon

MAX_LINES = 8


class PromptEdit(QPlainTextEdit):
    """A text box that grows with its text, up to ``MAX_LINES`` lines."""

    submitted = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PromptEdit")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.stop_requested.emit()
            return
        super().keyPressEvent(event)

    def _fit(self, *_args: object) -> None:
        line = self.fontMetrics().lineSpacing()
        wanted = int(self.document().size().height())
        lines = max(1, min(MAX_LINES, wanted))
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if wanted > MAX_LINES
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        margins = self.contentsMargins()
        doc_margin = int(self.document().documentMargin() * 2)
        self.setFixedHeight(lines * line + doc_margin + margins.top() + margins.bottom() + 2)

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())


class Composer(QFrame):
    """The prompt box with its Send/Stop button."""

    send_requested = Signal(str)
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Composer")
        self.edit = PromptEdit(self)
        self.button = QToolButton(self)
        self.button.setObjectName("SendButton")
        self.button.setIconSize(QSize(18, 18))
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self._on_button)
        self.edit.submitted.connect(self.submit)
        self.edit.stop_requested.connect(self.stop_requested)
        self.edit.textChanged.connect(self._update_button)
        self._busy = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.edit, 1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.button)
        layout.addLayout(column)
        self.retranslate()
        self._update_button()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr("Ask about your documents…  (Enter sends, Shift+Enter adds a line)")
        )
        self.edit.setAccessibleName(self.tr("Question"))
        self._update_button()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """While an answer streams the button stops it instead of sending."""
        self._busy = busy
        self._update_button()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def submit(self) -> None:
        text = self.edit.toPlainText().strip()
        if self._busy or not text:
            return
        self.edit.clear()
        self.send_requested.emit(text)

    def _on_button(self) -> None:
        if self._busy:
            self.stop_requested.emit()
        else:
            self.submit()

    def _update_button(self) -> None:
        t = theme.current()
        if self._busy:
            self.button.setIcon(icon("stop", t.accent_text))
            label = self.tr("Stop (Esc)")
            self.button.setEnabled(True)
        else:
            self.button.setIcon(icon("send", t.accent_text))
            label = self.tr("Send (Enter)")
            self.button.setEnabled(bool(self.edit.toPlainText().strip()))
        self.button.setToolTip(label)
        self.button.setAccessibleName(label)
        self.button.setProperty("busy", self._busy)
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)
