"""The model catalog as a table: name, size, whether it fits this computer, licence, state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.ui.models.roles import RecordRole, StateRole

Index = QModelIndex | QPersistentModelIndex
GB = 1024**3
COLUMNS = ("name", "size", "fit", "licence", "state")


class CatalogModel(QAbstractTableModel):
    """Rows are core ``Fit`` objects (an entry plus whether and how it fits)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fits: list[Any] = []
        self._installed: set[str] = set()
        self._downloading: str | None = None
        self._recommended: str | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Model"),
            self.tr("Download"),
            self.tr("On this computer"),
            self.tr("Licence"),
            self.tr("State"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        fit = self._fits[index.row()]
        entry = fit.entry
        column = COLUMNS[index.column()]
        if role == RecordRole:
            return fit
        if role == StateRole:
            return self._state(entry.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, fit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return fit.reason if column == "fit" else entry.notes or entry.repo_id
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == "licence"
            and not entry.commercial_use
        ):
            from PySide6.QtGui import QColor

            from app.ui import theme

            return QColor(theme.current().danger)
        return None

    def _display(self, column: str, fit: Any) -> str:
        entry = fit.entry
        if column == "name":
            star = " ★" if entry.id == self._recommended else ""
            korean = "  · 한국어" if entry.speaks_korean else ""
            kind = {"embedding": self.tr("embedder"), "reranker": self.tr("reranker")}
            role = f"  · {kind[entry.kind]}" if entry.kind in kind else ""
            return f"{entry.name}{star}{korean}{role}"
        if column == "size":
            return f"{entry.size_bytes / GB:.1f} GB"
        if column == "fit":
            if not fit.fits:
                return self.tr("✕ Too large")
            where = self.tr("CPU") if fit.precision == "cpu" else fit.precision
            return self.tr("✓ Fits (%1)").replace("%1", where)
        if column == "licence":
            return str(entry.licence_label)
        return {
            "installed": self.tr("Installed"),
            "downloading": self.tr("Downloading…"),
            "available": "",
        }[self._state(entry.id)]

    def _state(self, entry_id: str) -> str:
        if entry_id == self._downloading:
            return "downloading"
        return "installed" if entry_id in self._installed else "available"

    def set_fits(self, fits: list[Any], installed: set[str], recommended: str | None) -> None:
        self.beginResetModel()
        self._fits = sorted(fits, key=lambda f: (not f.fits, f.entry.params_b))
        self._installed = set(installed)
        self._recommended = recommended
        self.endResetModel()

    def set_downloading(self, entry_id: str | None) -> None:
        self._downloading = entry_id
        if self._fits:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._fits) - 1, len(COLUMNS) - 1)
            )

    def fit_at(self, row: int) -> Any:
        return self._fits[row]
