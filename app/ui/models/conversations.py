"""The conversations list, newest first, as returned by ``ConversationStore.list()``."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.ui.models.roles import IdRole, RecordRole, SubtitleRole

Index = QModelIndex | QPersistentModelIndex


def _title(record: Any) -> str:
    return str(getattr(record, "title", "") or "")


def _when(record: Any) -> str:
    stamp = getattr(record, "updated_at", None) or getattr(record, "created_at", None)
    if not stamp:
        return ""
    moment = datetime.fromtimestamp(float(stamp)) if not isinstance(stamp, datetime) else stamp
    if moment.date() == datetime.now().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d")


class ConversationListModel(QAbstractListModel):
    """Rows are conversation records (id, title, collections, timestamps)."""

    rename_requested = Signal(object, str)  # id, new title: edited in place, to be persisted

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        rec = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _title(rec) or self.tr("New chat")
        if role == Qt.ItemDataRole.ToolTipRole:
            return _title(rec)
        if role == IdRole:
            return rec.id
        if role == RecordRole:
            return rec
        if role == SubtitleRole:
            return _when(rec)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Inline rename shows at once; the store is updated by the window (``renamed``)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value).strip()
        rec = self._rows[index.row()]
        if not text or text == _title(rec):
            return False
        with contextlib.suppress(AttributeError):  # frozen records just wait for the refresh
            rec.title = text
        self.dataChanged.emit(index, index)
        self.rename_requested.emit(rec.id, text)
        return True

    def set_conversations(self, records: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def row_of(self, conversation_id: Any) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == conversation_id), None)

    def record(self, conversation_id: Any) -> Any | None:
        row = self.row_of(conversation_id)
        return self._rows[row] if row is not None else None
