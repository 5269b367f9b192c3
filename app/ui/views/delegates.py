"""Painted rows for the sidebar lists: calm, roomy, with secondary text in a muted colour."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui import theme
from app.ui.icons import icon
from app.ui.models.roles import CountRole, ProgressRole, ServerRole, StateRole, SubtitleRole

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 36


def _background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    t = theme.current()
    state = option.state
    rect = option.rect.adjusted(4, 1, -4, -1)
    colour = None
    if state & QStyle.StateFlag.State_Selected:
        colour = QColor(t.accent_soft)
    elif state & QStyle.StateFlag.State_MouseOver:
        colour = QColor(t.border)
        colour.setAlpha(110)
    if colour is not None:
        path = QPainterPath()
        path.addRoundedRect(rect, 8, 8)
        painter.fillPath(path, colour)


class ConversationDelegate(QStyledItemDelegate):
    """Title on the left, the time of the last message on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        t = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _background(painter, option)
        rect: QRect = option.rect.adjusted(14, 0, -12, 0)
        subtitle = str(index.data(SubtitleRole) or "")
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        sub_width = painter.fontMetrics().horizontalAdvance(subtitle) + 8 if subtitle else 0
        painter.setPen(QColor(t.text))
        title = painter.fontMetrics().elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width() - sub_width
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        if subtitle:
            painter.setFont(small)
            painter.setPen(QColor(t.muted))
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, subtitle
            )
        painter.restore()


class CollectionDelegate(QStyledItemDelegate):
    """Folder icon, name, a "server" badge when the vectors live on a Chroma server, a
    document-count pill; a thin progress line while indexing."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        t = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _background(painter, option)
        rect: QRect = option.rect.adjusted(12, 0, -12, 0)
        state = str(index.data(StateRole) or "idle")
        folder = icon("folder", t.accent if state != "idle" else t.muted)
        folder.paint(painter, QRect(rect.left(), rect.center().y() - 8, 16, 16))
        pill = self._pill_text(index, state)
        metrics = painter.fontMetrics()
        pill_w = metrics.horizontalAdvance(pill) + 14
        badge_w = self._badge(painter, option, index, rect.right() - pill_w - 6)
        text_rect = rect.adjusted(24, 0, -(pill_w + 6 + badge_w), 0)
        painter.setFont(option.font)
        painter.setPen(QColor(t.text))
        name = metrics.elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name
        )
        pill_rect = QRect(rect.right() - pill_w, rect.center().y() - 10, pill_w, 20)
        path = QPainterPath()
        path.addRoundedRect(pill_rect, 10, 10)
        painter.fillPath(path, QColor(t.accent_soft if state != "idle" else t.border))
        painter.setPen(QColor(t.accent if state != "idle" else t.muted))
        painter.drawText(pill_rect, Qt.AlignmentFlag.AlignCenter, pill)
        if state == "indexing":
            self._progress(painter, rect, float(index.data(ProgressRole) or 0.0))
        painter.restore()

    def _badge(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, right: int
    ) -> int:
        """An outlined "server" tag ending at ``right``; returns the width it took (0: none)."""
        if not index.data(ServerRole):
            return 0
        t = theme.current()
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        painter.setFont(small)
        text = self.tr("server")
        width = painter.fontMetrics().horizontalAdvance(text) + 14
        badge = QRect(right - width, option.rect.center().y() - 9, width, 18)
        painter.setPen(QPen(QColor(t.muted), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(badge.adjusted(0, 0, -1, -1), 9, 9)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        return width + 6

    @staticmethod
    def _pill_text(index: Index, state: str) -> str:
        if state == "indexing":
            return f"{round(float(index.data(ProgressRole) or 0.0) * 100)}%"
        if state == "queued":
            return "…"
        return str(index.data(CountRole) or 0)

    @staticmethod
    def _progress(painter: QPainter, rect: QRect, fraction: float) -> None:
        t = theme.current()
        y = rect.bottom() - 3
        painter.setPen(QPen(QColor(t.border), 2))
        painter.drawLine(rect.left() + 24, y, rect.right(), y)
        painter.setPen(QPen(QColor(t.accent), 2))
        width = int((rect.width() - 24) * max(0.0, min(1.0, fraction)))
        painter.drawLine(rect.left() + 24, y, rect.left() + 24 + width, y)
