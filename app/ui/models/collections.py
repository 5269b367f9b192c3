"""The collections list: name, document count, where its vectors live, and indexing state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.core.errors import PagefoldError
from app.core.storage.remote import OPTIONS_KEY, backend_of
from app.ui.models.roles import (
    CountRole,
    IdRole,
    ProgressRole,
    RecordRole,
    ServerRole,
    StateRole,
    SubtitleRole,
)

Index = QModelIndex | QPersistentModelIndex


def server_url(record: Any) -> str | None:
    """Where a server collection's vectors are (scheme, host, port: never the token, which is
    only in the keyring anyway); ``None`` for the embedded store."""
    options = getattr(record, "options", None) or {}
    try:
        config = backend_of(options)
    except PagefoldError:  # broken settings still mean "not here": show what we can
        return str((options.get(OPTIONS_KEY) or {}).get("host") or "?")
    return config.url if config is not None else None


@dataclass
class _Row:
    record: Any  # app.core.storage.catalog.CollectionRecord (or a fake of the same shape)
    state: str = "idle"  # "idle" | "queued" | "indexing"
    progress: float = 0.0


class CollectionListModel(QAbstractListModel):
    """Rows follow ``Library.collections()``; the indexing state is the UI's own knowledge."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        rec = row.record
        if role in (Qt.ItemDataRole.DisplayRole, IdRole):
            return rec.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = f"{rec.name}, " + self.tr("%n document(s)", "", rec.document_count)
            return text + (", " + self.tr("on a Chroma server") if server_url(rec) else "")
        return {
            RecordRole: rec,
            ServerRole: server_url(rec),
            CountRole: rec.document_count,
            StateRole: row.state,
            ProgressRole: row.progress,
            SubtitleRole: self.tr("%n document(s)", "", rec.document_count),
        }.get(role)

    def _tooltip(self, rec: Any) -> str:
        text = self.tr("%n document(s), %1 passages", "", rec.document_count).replace(
            "%1", str(rec.chunk_count)
        )
        url = server_url(rec)
        if url is None:
            return text
        return text + "\n" + self.tr("Vectors on the Chroma server %1").replace("%1", url)

    def set_collections(self, records: list[Any]) -> None:
        """Replace the rows, keeping the indexing state of collections still present."""
        states = {r.record.name: (r.state, r.progress) for r in self._rows}
        self.beginResetModel()
        self._rows = [_Row(rec, *states.get(rec.name, ("idle", 0.0))) for rec in records]
        self.endResetModel()

    def names(self) -> list[str]:
        return [r.record.name for r in self._rows]

    def record(self, name: str) -> Any | None:
        row = self._find(name)
        return self._rows[row].record if row is not None else None

    def row_of(self, name: str) -> int | None:
        return self._find(name)

    def set_state(self, name: str, state: str, progress: float = 0.0) -> None:
        row = self._find(name)
        if row is None:
            return
        self._rows[row].state = state
        self._rows[row].progress = progress
        idx = self.index(row)
        self.dataChanged.emit(idx, idx, [StateRole, ProgressRole])

    def _find(self, name: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.record.name == name), None)
