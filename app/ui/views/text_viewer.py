"""Non-PDF sources (text, Markdown, Word, HTML): the cited page's text with the passage marked."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextEdit, QWidget

from app.ui import theme


class TextViewer(QPlainTextEdit):
    """Read-only text; ``show_passage`` selects ``text[start:end]`` and scrolls to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TextViewer")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(18)
        self.passage = (0, 0)

    def show_passage(self, text: str, start: int, end: int) -> None:
        self.setPlainText(text)
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        self.passage = (start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(theme.current().mark))
        mark.format = fmt
        mark.cursor = cursor
        self.setExtraSelections([mark])
        self.setTextCursor(cursor)
        self.centerCursor()

    def selected_passage(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n")
