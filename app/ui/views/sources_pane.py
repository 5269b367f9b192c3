"""The right pane: the selected answer's sources, and the document viewer below them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QFont, QPainter, QPainterPath, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.chat_requests import document_actions
from app.ui.icons import icon, set_icon
from app.ui.models.roles import CitedRole, NumberRole, PassageRole, SnippetRole, SubtitleRole
from app.ui.models.sources import SourceListModel, source_title
from app.ui.views.pdf_viewer import PdfViewer
from app.ui.views.text_viewer import TextViewer

Index = QModelIndex | QPersistentModelIndex
PAD = 12


class SourceDelegate(QStyledItemDelegate):
    """A card: number badge, document title and page, snippet with the query words marked."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _snippet_doc(self, index: Index, width: int, font: QFont) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        colour = theme.current().muted
        doc.setHtml(
            f'<div style="color:{theme.current().text}">{index.data(SnippetRole)}</div>'
            if colour
            else str(index.data(SnippetRole))
        )
        doc.setTextWidth(width)
        return doc

    def _inner_width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * PAD - 8)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        font: QFont = option.font
        doc = self._snippet_doc(index, self._inner_width(), font)
        line = option.fontMetrics.height()
        height = PAD + line + 6 + min(int(doc.size().height()), line * 5) + PAD + 8
        return QSize(self._view.viewport().width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        t = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect.adjusted(4, 4, -4, -4))
        path = QPainterPath()
        path.addRoundedRect(card, 10, 10)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillPath(path, QColor(t.accent_soft if selected else t.surface))
        painter.setPen(QColor(t.accent if selected else t.border))
        painter.drawPath(path)
        inner = card.toRect().adjusted(PAD, PAD, -PAD, -PAD)
        cited = bool(index.data(CitedRole))
        badge = QRect(inner.left(), inner.top(), 26, 20)
        badge_path = QPainterPath()
        badge_path.addRoundedRect(QRectF(badge), 6, 6)
        painter.fillPath(badge_path, QColor(t.accent if cited else t.border))
        painter.setPen(QColor(t.accent_text if cited else t.muted))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(index.data(NumberRole)))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        page = str(index.data(SubtitleRole) or "")
        metrics = painter.fontMetrics()
        page_w = metrics.horizontalAdvance(page) + 4
        title_rect = QRect(badge.right() + 8, inner.top(), inner.width() - 34 - page_w, 20)
        painter.setPen(QColor(t.text))
        title = metrics.elidedText(
            source_title(index.data(PassageRole)), Qt.TextElideMode.ElideMiddle, title_rect.width()
        )
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        painter.setPen(QColor(t.muted))
        painter.drawText(
            QRect(inner.right() - page_w, inner.top(), page_w, 20),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            page,
        )
        doc = self._snippet_doc(index, inner.width(), option.font)
        painter.translate(inner.left(), inner.top() + 26)
        clip = QRectF(0, 0, inner.width(), inner.height() - 26)
        doc.drawContents(painter, clip)
        painter.restore()


class SourceListView(QListView):
    """Keeps card heights right when the pane is resized."""

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class DocumentViewer(QFrame):
    """Header (document, page, open externally, close) over a PDF or a text view."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentViewer")
        self.title = QLabel(self)
        self.title.setObjectName("ViewerTitle")
        self.external_button = QToolButton(self)
        set_icon(self.external_button, "external", "muted")
        self.external_button.setAutoRaise(True)
        self.external_button.clicked.connect(self._open_external)
        self.close_button = QToolButton(self)
        set_icon(self.close_button, "close", "muted")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._close)
        self.pdf = PdfViewer(self)
        self.text = TextViewer(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.pdf)
        self.stack.addWidget(self.text)
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 8, 4)
        header.addWidget(self.title, 1)
        header.addWidget(self.external_button)
        header.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.path = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.external_button.setToolTip(self.tr("Open in the default app"))
        self.external_button.setAccessibleName(self.tr("Open in the default app"))
        self.close_button.setToolTip(self.tr("Close the document"))
        self.close_button.setAccessibleName(self.tr("Close the document"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_pdf(self, passage: Any, password: str | None = None) -> bool:
        self._set_title(passage)
        self.stack.setCurrentWidget(self.pdf)
        return self.pdf.open(passage.path, int(passage.page), passage.text, password)

    def show_text(self, passage: Any, page_text: str) -> None:
        self._set_title(passage)
        self.stack.setCurrentWidget(self.text)
        start, end = int(passage.start), int(passage.end)
        if page_text[start:end].strip() != passage.text.strip():  # offsets from another version
            found = page_text.find(passage.text[:80])
            start, end = (found, found + len(passage.text)) if found >= 0 else (0, 0)
        self.text.show_passage(page_text, start, end)

    def _set_title(self, passage: Any) -> None:
        self.path = passage.path
        self.title.setText(
            f"{source_title(passage)} · " + self.tr("page %1").replace("%1", str(passage.page))
        )
        self.title.setToolTip(passage.path)

    def _open_external(self) -> None:
        if self.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.path))

    def _close(self) -> None:
        self.pdf.close_document()
        self.hide()
        self.closed.emit()


class SourcesPane(QFrame):
    """Lists the sources of the selected answer; a click opens the passage in the viewer.

    Right-clicking a source offers the quick actions (summarize, translate) on its document."""

    source_activated = Signal(int)  # citation number n
    close_requested = Signal()
    document_action = Signal(object)  # a ChatRequest on the source's document

    def __init__(self, model: SourceListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SourcesPane")
        self.setMinimumWidth(280)
        self.title = QLabel(self)
        self.title.setObjectName("PaneTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("EmptyHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.close_button = QToolButton(self)
        set_icon(self.close_button, "close", "muted")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_requested)
        self.list = SourceListView(self)
        self.list.setObjectName("SourceList")
        self.list.setModel(model)
        self.list.setItemDelegate(SourceDelegate(self.list))
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.clicked.connect(self._on_clicked)
        self.list.activated.connect(self._on_clicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.viewer = DocumentViewer(self)
        self.viewer.hide()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 10, 8, 0)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        top_layout.addLayout(header)
        top_layout.addWidget(self.hint, 1)
        top_layout.addWidget(self.list, 1)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.viewer)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._model = model
        model.modelReset.connect(self._sync)
        self.retranslate()
        self._sync()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sources"))
        self.hint.setText(
            self.tr("Sources of an answer appear here. Click [n] in an answer to open the passage.")
        )
        self.close_button.setToolTip(self.tr("Hide sources"))
        self.close_button.setAccessibleName(self.tr("Hide sources"))
        self.list.setAccessibleName(self.tr("Sources"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def select(self, number: int) -> None:
        index = self._model.index(number - 1)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def open_viewer(self) -> None:
        """Give the viewer most of the pane's height the first time it opens."""
        if not self.viewer.isVisible():
            self.viewer.show()
            total = max(400, self.splitter.height())
            self.splitter.setSizes([int(total * 0.32), int(total * 0.68)])

    def _sync(self) -> None:
        empty = self._model.rowCount() == 0
        self.hint.setVisible(empty)
        self.list.setVisible(not empty)

    def _on_clicked(self, index: QModelIndex) -> None:
        self.source_activated.emit(int(index.data(NumberRole)))

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        menu = self.context_menu(index.row()) if index.isValid() else None
        if menu is not None:
            menu.exec(self.list.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def context_menu(self, row: int) -> QMenu | None:
        """Quick actions on the document of source ``row``; None when its collection is unknown
        (sources stored by older versions)."""
        passage = self._model.index(row).data(PassageRole)
        collection = str(getattr(passage, "collection", "") or "")
        document_id = int(getattr(passage, "document_id", 0) or 0)
        if passage is None or not collection or document_id <= 0:
            return None
        name = Path(passage.path).name or source_title(passage)
        menu = QMenu(self)
        for label, icon_name, request in document_actions(collection, document_id, name):
            action = menu.addAction(icon(icon_name, theme.current().muted), label)
            action.triggered.connect(lambda _=False, r=request: self.document_action.emit(r))
        return menu


def is_pdf(path: str) -> bool:
    return Path(path).suffix.lower() == ".pdf"
