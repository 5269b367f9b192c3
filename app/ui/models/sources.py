"""The sources of one answer: passages numbered as the answer cites them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.ui import theme
from app.ui.highlight import highlight_html, query_terms, snippet
from app.ui.models.roles import (
    CitedRole,
    IdRole,
    NumberRole,
    PassageRole,
    SnippetRole,
    SubtitleRole,
)

Index = QModelIndex | QPersistentModelIndex


def source_title(passage: Any) -> str:
    return str(passage.title or Path(passage.path).name)


class SourceListModel(QAbstractListModel):
    """Row n-1 is source [n]; ``CitedRole`` marks those the answer actually used."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._passages: list[Any] = []
        self._cited: set[int] = set()
        self._terms: list[str] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._passages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._passages):
            return None
        p = self._passages[index.row()]
        number = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return f"[{number}] {source_title(p)}"
        if role in (Qt.ItemDataRole.ToolTipRole,):
            return p.path
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                self.tr("Source %1: %2, page %3")
                .replace("%1", str(number))
                .replace("%2", source_title(p))
                .replace("%3", str(p.page))
            )
        if role == SubtitleRole:
            return self.tr("page %1").replace("%1", str(p.page))
        if role == SnippetRole:
            style = f"background-color:{theme.current().mark};"
            return highlight_html(snippet(p.text, self._terms), self._terms, style)
        return {
            PassageRole: p,
            NumberRole: number,
            CitedRole: number in self._cited,
            IdRole: p.chunk_id,
        }.get(role)

    def set_sources(
        self, passages: list[Any], query: str = "", cited: list[int] | None = None
    ) -> None:
        self.beginResetModel()
        self._passages = list(passages)
        self._cited = set(cited or [])
        self._terms = query_terms(query)
        self.endResetModel()

    def passage(self, number: int) -> Any | None:
        """Source ``[number]`` (1-based), or None when the answer has no such source."""
        return self._passages[number - 1] if 1 <= number <= len(self._passages) else None

    def refresh_style(self) -> None:
        """Snippet colours come from the theme; repaint after a theme switch."""
        if self._passages:
            self.dataChanged.emit(self.index(0), self.index(len(self._passages) - 1), [SnippetRole])
