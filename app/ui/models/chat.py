"""The messages of the open conversation, including the answer being streamed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.ui.models.roles import (
    AuthorRole,
    RecordRole,
    SourcesRole,
    StateRole,
    StatusRole,
    TextRole,
)

Index = QModelIndex | QPersistentModelIndex


@dataclass
class ChatMessage:
    """One turn as the window shows it; built from core messages or while streaming."""

    author: str  # "user" | "assistant"
    text: str = ""
    sources: list[Any] = field(default_factory=list)  # core Passages, [n] is sources[n-1]
    cited: list[int] = field(default_factory=list)
    mode: str = "answer"  # "answer" | "passages" (search-only mode)
    state: str = "done"  # "streaming" | "done" | "stopped" | "error"
    status: str = ""
    model: str = ""
    question: str = ""  # for an answer: the question, so its sources can highlight its words
    id: Any = None
    request: Any = None  # a user row's ChatRequest (regenerate), sent or stored; None: typed


class ChatModel(QAbstractListModel):
    """A list model whose rows are ``ChatMessage``; streaming appends to the last row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChatMessage] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        m = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, TextRole):
            return m.text
        return {
            RecordRole: m,
            AuthorRole: m.author,
            StateRole: m.state,
            SourcesRole: m.sources,
            StatusRole: m.status,
        }.get(role)

    def message(self, row: int) -> ChatMessage:
        return self._rows[row]

    def messages(self) -> list[ChatMessage]:
        return list(self._rows)

    def set_messages(self, messages: list[ChatMessage]) -> None:
        self.beginResetModel()
        self._rows = list(messages)
        self.endResetModel()

    def append(self, message: ChatMessage) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(message)
        self.endInsertRows()
        return row

    def append_text(self, row: int, text: str) -> None:
        """One streamed token: cheap here; the view decides how often to re-render."""
        self._rows[row].text += text
        self._changed(row, [TextRole])

    def update(self, row: int, **changes: Any) -> None:
        message = self._rows[row]
        for key, value in changes.items():
            setattr(message, key, value)
        self._changed(row, [TextRole, StateRole, StatusRole, SourcesRole])

    def truncate(self, row: int) -> None:
        """Drop ``row`` and everything after it (regenerate, edit-and-resend)."""
        if row >= len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, len(self._rows) - 1)
        del self._rows[row:]
        self.endRemoveRows()

    def last_row(self, author: str) -> int | None:
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].author == author:
                return row
        return None

    def _changed(self, row: int, roles: list[int]) -> None:
        idx = self.index(row)
        self.dataChanged.emit(idx, idx, roles)
