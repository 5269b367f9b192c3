"""The transcript: one widget per message over a ``ChatModel``, Markdown rendered, throttled.

Why widgets in a scroll area rather than a delegate: each answer needs selectable rich text,
clickable [n] links and its own buttons, which a painted delegate cannot give. Streaming appends
to the model per token, but an answer is re-rendered at most every ``RENDER_INTERVAL_MS``.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.icons import set_icon
from app.ui.models.chat import ChatMessage, ChatModel
from app.ui.models.roles import TextRole

if TYPE_CHECKING:
    from app.ui.markdown import MarkdownRenderer

RENDER_INTERVAL_MS = 50
MAX_COLUMN_WIDTH = 860


@lru_cache(maxsize=8)
def _renderer(tokens: theme.Tokens, copy_label: str) -> MarkdownRenderer:
    from app.ui.markdown import MarkdownRenderer, Palette  # markdown-it: after start-up

    mono = ", ".join(f"'{f}'" for f in theme.mono_families())
    palette = Palette(tokens.accent, tokens.code_bg, tokens.border, tokens.muted, mono, copy_label)
    return MarkdownRenderer(palette)


def renderer_for_theme(copy_label: str = "Copy") -> MarkdownRenderer:
    """One renderer per theme and language, reused for every re-render while streaming."""
    return _renderer(theme.current(), copy_label)


class MessageText(QTextBrowser):
    """Read-only rich text that is exactly as tall as its content (no inner scrolling)."""

    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("background: transparent;")
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.anchorClicked.connect(self.link_activated)

    def _fit_height(self, *_args: Any) -> None:
        height = int(self.document().size().height()) + 4
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.document().setTextWidth(self.viewport().width())
        self._fit_height()


class MessageWidget(QFrame):
    """One message: the user's question as a bubble, or an answer with its actions."""

    link_activated = Signal(int, QUrl)  # row, url
    action = Signal(int, str)  # row, "copy" | "regenerate" | "edit" | "sources"

    def __init__(self, row: int, message: ChatMessage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.author = message.author
        self._code_blocks: list[str] = []
        self._message = message
        self._last = False
        self.setObjectName("UserMessage" if message.author == "user" else "AssistantMessage")
        self.text = MessageText(self)
        self.text.link_activated.connect(lambda url: self.link_activated.emit(self.row, url))
        self.status = QLabel(self)
        self.status.setObjectName("MessageStatus")
        self.badge = QLabel(self)
        self.badge.setObjectName("PassagesBadge")
        self.badge.hide()
        self._buttons: dict[str, QToolButton] = {}
        self._build(message)
        self.render_message(message)

    def _build(self, message: ChatMessage) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 6)
        outer.setSpacing(4)
        if message.author == "user":
            bubble = QFrame(self)
            bubble.setObjectName("UserBubble")
            inner = QVBoxLayout(bubble)
            inner.setContentsMargins(14, 8, 14, 8)
            inner.addWidget(self.text)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(bubble, 4)
            outer.addLayout(row)
            actions = ["copy", "edit"]
        else:
            outer.addWidget(self.badge)
            outer.addWidget(self.text)
            outer.addWidget(self.status)
            actions = ["copy", "regenerate", "sources"]
        bar = QHBoxLayout()
        bar.setSpacing(2)
        if message.author == "user":
            bar.addStretch(1)
        for name in actions:
            bar.addWidget(self._action_button(name))
        if message.author != "user":
            bar.addStretch(1)
        outer.addLayout(bar)
        self.retranslate()

    def _action_button(self, name: str) -> QToolButton:
        names = {"copy": "copy", "edit": "edit", "regenerate": "refresh", "sources": "book"}
        button = QToolButton(self)
        button.setObjectName("MessageAction")
        set_icon(button, names[name], "muted")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda: self.action.emit(self.row, name))
        self._buttons[name] = button
        return button

    def retranslate(self) -> None:
        labels = {
            "copy": self.tr("Copy"),
            "edit": self.tr("Edit"),
            "regenerate": self.tr("Regenerate"),
            "sources": self.tr("Sources"),
        }
        for name, button in self._buttons.items():
            button.setText(labels[name])
            button.setAccessibleName(labels[name])
            button.setToolTip(labels[name])
        self.badge.setText(self.tr("Passages from your documents (no model loaded)"))
        if hasattr(self, "_message"):
            self._apply_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def render_message(self, message: ChatMessage) -> None:
        """Re-render text and state; called at most every RENDER_INTERVAL_MS while streaming."""
        self._message = message
        if message.author == "user":
            self.text.setHtml(html.escape(message.text).replace("\n", "<br>"))
        else:
            renderer = renderer_for_theme(self.tr("Copy"))
            rendered = renderer.render(message.text)
            self._code_blocks = rendered.code_blocks
            self.text.setHtml(rendered.html)
        self.text.setAccessibleName(
            self.tr("Your question") if message.author == "user" else self.tr("Answer")
        )
        self.text.setAccessibleDescription(message.text)
        self._render_state(message)

    def _render_state(self, message: ChatMessage) -> None:
        self.badge.setVisible(message.mode == "passages" and message.author != "user")
        self.status.setVisible(bool(message.status) or message.state in ("stopped", "error"))
        if message.state == "stopped":
            self.status.setText(self.tr("Stopped."))
        elif message.state == "error":
            self.status.setText(message.status or self.tr("Something went wrong."))
        else:
            self.status.setText(message.status)
        self.status.setProperty("error", message.state == "error")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._apply_buttons()

    def set_last(self, last: bool) -> None:
        """Regenerate and Edit only make sense on the latest turn."""
        self._last = last
        self._apply_buttons()

    def _apply_buttons(self) -> None:
        message = self._message
        streaming = message.state == "streaming"
        for name, button in self._buttons.items():
            visible = not streaming
            if name == "sources":
                visible = visible and bool(message.sources)
                button.setText(self.tr("Sources (%1)").replace("%1", str(len(message.sources))))
            elif name in ("regenerate", "edit"):
                visible = visible and self._last
                if name == "edit":  # a summary or translation is not a question to edit
                    visible = visible and getattr(message.request, "editable", True)
            button.setVisible(visible)

    def code_block(self, number: int) -> str | None:
        return self._code_blocks[number] if 0 <= number < len(self._code_blocks) else None


class ChatView(QScrollArea):
    """Shows a ``ChatModel``; emits what the user clicked, never calls core itself."""

    citation_clicked = Signal(int, int)  # row of the answer, citation number n
    action_requested = Signal(int, str)  # row, "regenerate" | "edit" | "sources"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._model: ChatModel | None = None
        self._widgets: list[MessageWidget] = []
        self._dirty: set[int] = set()
        self._stick_to_bottom = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_INTERVAL_MS)
        self._timer.timeout.connect(self._flush)
        self.render_count = 0  # how many message re-renders happened (tests, benchmarks)
        self._build()
        self.verticalScrollBar().rangeChanged.connect(self._on_range_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def _build(self) -> None:
        host = QWidget(self)
        host.setObjectName("ChatHost")
        outer = QHBoxLayout(host)
        outer.setContentsMargins(24, 16, 24, 16)
        self._column = QWidget(host)
        self._column.setMaximumWidth(MAX_COLUMN_WIDTH)
        self._layout = QVBoxLayout(self._column)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)
        outer.addStretch(1)
        outer.addWidget(self._column, 100)
        outer.addStretch(1)
        self.setWidget(host)

    def setModel(self, model: ChatModel) -> None:
        self._model = model
        model.modelReset.connect(self._rebuild)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsRemoved.connect(self._rebuild)
        model.dataChanged.connect(self._on_data_changed)
        self._rebuild()

    def model(self) -> ChatModel | None:
        return self._model

    def widget_at(self, row: int) -> MessageWidget | None:
        return self._widgets[row] if 0 <= row < len(self._widgets) else None

    def widgets(self) -> list[MessageWidget]:
        return list(self._widgets)

    def rendered_text(self, row: int) -> str:
        """The plain text on screen for ``row`` (what a user would copy)."""
        widget = self.widget_at(row)
        return widget.text.toPlainText() if widget else ""

    def flush(self) -> None:
        """Render pending changes now (tests; the end of a stream)."""
        self._timer.stop()
        self._flush()

    def restyle(self) -> None:
        """Colours are baked into the rendered HTML: render every message again."""
        if self._model is not None:
            self._dirty.update(range(self._model.rowCount()))
        self.flush()

    def scroll_to_bottom(self) -> None:
        self._stick_to_bottom = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _rebuild(self, *_args: Any) -> None:
        for widget in self._widgets:
            self._layout.removeWidget(widget)
            widget.hide()  # gone now, even before the deferred delete runs
            widget.deleteLater()
        self._widgets = []
        self._dirty.clear()
        if self._model is not None:
            for row in range(self._model.rowCount()):
                self._insert(row)
        self._update_last()
        self._stick_to_bottom = True

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._insert(row)
        self._update_last()
        self.scroll_to_bottom()

    def _insert(self, row: int) -> None:
        assert self._model is not None
        widget = MessageWidget(row, self._model.message(row), self._column)
        widget.link_activated.connect(self._on_link)
        widget.action.connect(self._on_action)
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self._widgets.insert(row, widget)

    def _on_data_changed(
        self,
        top: QModelIndex | QPersistentModelIndex,
        bottom: QModelIndex | QPersistentModelIndex,
        roles: list[int] | None = None,
    ) -> None:
        for row in range(top.row(), bottom.row() + 1):
            self._dirty.add(row)
        only_text = roles == [TextRole]
        if only_text:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self.flush()

    def _flush(self) -> None:
        if self._model is None:
            return
        for row in sorted(self._dirty):
            widget = self.widget_at(row)
            if widget is not None and row < self._model.rowCount():
                widget.render_message(self._model.message(row))
                self.render_count += 1
        self._dirty.clear()
        self._update_last()

    def _update_last(self) -> None:
        if self._model is None:
            return
        latest = {self._model.last_row("user"), self._model.last_row("assistant")}
        for i, widget in enumerate(self._widgets):
            widget.set_last(i in latest)

    def _on_link(self, row: int, url: QUrl) -> None:
        scheme = url.scheme()
        target = url.path() or url.toString().split(":", 1)[-1]
        if scheme == "cite" and target.isdigit():
            self.citation_clicked.emit(row, int(target))
        elif scheme == "copy" and target.isdigit():
            widget = self.widget_at(row)
            code = widget.code_block(int(target)) if widget else None
            if code is not None:
                QGuiApplication.clipboard().setText(code)
        elif scheme in ("http", "https"):
            QDesktopServices.openUrl(url)  # the user clicked a web link a document contained

    def _on_action(self, row: int, name: str) -> None:
        if name == "copy" and self._model is not None:
            QGuiApplication.clipboard().setText(self._model.message(row).text)
        else:
            self.action_requested.emit(row, name)

    def _on_range_changed(self, _low: int, high: int) -> None:
        if self._stick_to_bottom:
            self.verticalScrollBar().setValue(high)

    def _on_scrolled(self, value: int) -> None:
        self._stick_to_bottom = value >= self.verticalScrollBar().maximum() - 24

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._stick_to_bottom:
            QTimer.singleShot(0, self.scroll_to_bottom)
