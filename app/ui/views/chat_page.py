"""The centre of the window: header (scope, model picker), transcript or empty state, composer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.icons import icon, set_icon
from app.ui.models.chat import ChatModel
from app.ui.views.ask_file import AskFileOffer, TemporaryBar
from app.ui.views.chat_view import ChatView
from app.ui.views.composer import Composer
from app.ui.views.empty_state import EmptyState
from app.ui.views.loading_banner import LoadingBanner
from app.ui.views.sidebar import accept_file_drag, dropped_paths

#: Model picker item data: a key understood by the window's model controller.
SEARCH_ONLY = "search-only"
MANAGE = "manage"


class ScopeButton(QToolButton):
    """Which collections a question searches: a menu of checkable collection names."""

    def minimumSizeHint(self) -> QSize:
        return QSize(90, super().minimumSizeHint().height())

    scope_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScopeButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._names: list[str] = []
        self._selected: list[str] = []
        self.no_documents = False  # chat with the model alone: no collection is searched
        self._update_text()

    def set_collections(self, names: list[str]) -> None:
        self._names = list(names)
        self._selected = [n for n in self._selected if n in self._names]
        self._rebuild()

    def set_selected(self, names: list[str]) -> None:
        """A stored conversation's scope; an empty list is a chat without documents."""
        self.no_documents = not names
        self._selected = [n for n in names if n in self._names]
        self._rebuild()

    def selected(self) -> list[str]:
        """The chosen collections; none chosen means all of them, "No documents" none."""
        if self.no_documents:
            return []
        return list(self._selected) or list(self._names)

    def explicit_selection(self) -> list[str]:
        return list(self._selected)

    def _rebuild(self) -> None:
        self._menu.clear()
        plain = QAction(self.tr("No documents (chat with the model)"), self._menu)
        plain.setObjectName("NoDocuments")
        plain.setCheckable(True)
        plain.setChecked(self.no_documents)
        plain.triggered.connect(self.choose_no_documents)
        self._menu.addAction(plain)
        every = QAction(self.tr("All collections"), self._menu)
        every.setCheckable(True)
        every.setChecked(not self._selected and not self.no_documents)
        every.triggered.connect(lambda: self._choose([]))
        self._menu.addAction(every)
        self._menu.addSeparator()
        for name in self._names:
            action = QAction(name, self._menu)
            action.setCheckable(True)
            action.setChecked(name in self._selected and not self.no_documents)
            action.triggered.connect(lambda checked, n=name: self._toggle(n, checked))
            self._menu.addAction(action)
        self._update_text()

    def _toggle(self, name: str, checked: bool) -> None:
        chosen = [n for n in self._selected if n != name] + ([name] if checked else [])
        self._choose(chosen)

    def _choose(self, names: list[str]) -> None:
        self.no_documents = False
        self._selected = [n for n in self._names if n in names]
        self._rebuild()
        self.scope_changed.emit(self.explicit_selection())

    def choose_no_documents(self) -> None:
        """Questions go to the model alone from now on; answers carry no citations."""
        self.no_documents = True
        self._selected = []
        self._rebuild()
        self.scope_changed.emit([])

    def _update_text(self) -> None:
        if self.no_documents:
            text = self.tr("No documents")
        elif not self._names:
            text = self.tr("No collections yet")
        elif not self._selected or len(self._selected) == len(self._names):
            text = self.tr("All collections")
        else:
            text = ", ".join(self._selected)
        self.setText(text)
        self.setToolTip(self.tr("Collections this chat searches"))
        self.setAccessibleName(self.tr("Collections this chat searches"))
        set_icon(self, "layers", "muted")

    def retranslate(self) -> None:
        self._rebuild()


class ModelPicker(QComboBox):
    """Shows the whole model name when there is room, and shrinks when there is not."""

    def minimumSizeHint(self) -> QSize:
        return QSize(120, super().minimumSizeHint().height())


class ElidedLabel(QLabel):
    """A one-line label that ends in … when the pane is too narrow for its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(
            metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, max(40, self.width()))
        )


class ChatHeader(QFrame):
    """Title, collection scope, model picker and the sources toggle."""

    model_chosen = Signal(str)  # a model key, SEARCH_ONLY or MANAGE
    sources_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatHeader")
        self.title = ElidedLabel(self)
        self.title.setObjectName("ChatTitle")
        self.scope = ScopeButton(self)
        self.scope.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.model_box = ModelPicker(self)
        self.model_box.setObjectName("ModelPicker")
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_box.activated.connect(self._on_model_activated)
        self.sources_button = QToolButton(self)
        self.sources_button.setObjectName("SourcesToggle")
        self.sources_button.setCheckable(True)
        set_icon(self.sources_button, "sidebar-right")
        self.sources_button.setIconSize(QSize(18, 18))
        self.sources_button.toggled.connect(self.sources_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 12, 10)
        layout.setSpacing(10)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.scope)
        layout.addWidget(self.model_box)
        layout.addWidget(self.sources_button)
        self._models: list[tuple[str, str]] = []
        self._current = SEARCH_ONLY
        self.retranslate()

    def retranslate(self) -> None:
        self.model_box.setToolTip(self.tr("Model that writes the answers"))
        self.model_box.setAccessibleName(self.tr("Model"))
        self.sources_button.setToolTip(self.tr("Show sources (Ctrl+Shift+S)"))
        self.sources_button.setAccessibleName(self.tr("Show sources"))
        self.scope.retranslate()
        self.set_models(self._models, self._current)

    def set_title(self, title: str) -> None:
        self.title.set_full_text(title)

    def set_models(self, models: list[tuple[str, str]], current: str) -> None:
        """``models`` is ``[(key, label)]``; search-only and Manage… are always offered."""
        self._models = list(models)
        self._current = current
        box = self.model_box
        box.blockSignals(True)
        box.clear()
        box.addItem(
            icon("search", theme.current().muted), self.tr("Search only (no model)"), SEARCH_ONLY
        )
        for key, label in models:
            box.addItem(icon("sparkle", theme.current().accent), label, key)
        box.insertSeparator(box.count())
        box.addItem(icon("settings", theme.current().muted), self.tr("Manage models…"), MANAGE)
        index = box.findData(current)
        box.setCurrentIndex(index if index >= 0 else 0)
        box.blockSignals(False)

    def current_model(self) -> str:
        return str(self.model_box.currentData())

    def _on_model_activated(self, index: int) -> None:
        key = str(self.model_box.itemData(index))
        if key == MANAGE:
            self.set_models(self._models, self._current)  # keep showing the loaded model
        else:
            self._current = key
        self.model_chosen.emit(key)


class ChatPage(QWidget):
    """Composes the centre pane; the window's chat controller drives it.

    One file dropped on an empty chat emits ``file_dropped`` (the window offers "Ask about this
    file"); any other drop here emits ``files_dropped`` and is indexed as before."""

    file_dropped = Signal(object)  # Path
    files_dropped = Signal(list)  # list[Path]

    def __init__(self, model: ChatModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatPage")
        self.header = ChatHeader(self)
        self.view = ChatView(self)
        self.view.setModel(model)
        self.empty = EmptyState(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.composer = Composer(self)
        self.loading = LoadingBanner(self)
        self.offer = AskFileOffer(self)
        self.temporary = TemporaryBar(self)
        self.setAcceptDrops(True)
        self.empty.suggestion_chosen.connect(self.composer.set_text)
        composer_row = QHBoxLayout()
        composer_row.setContentsMargins(24, 4, 24, 18)
        composer_row.addStretch(1)
        composer_row.addWidget(self.composer, 100)
        composer_row.addStretch(1)
        self.composer.setMaximumWidth(880)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.loading)
        layout.addWidget(self.offer)
        layout.addWidget(self.temporary)
        layout.addLayout(composer_row)
        model.modelReset.connect(self._sync_stack)
        model.rowsInserted.connect(self._sync_stack)
        model.rowsRemoved.connect(self._sync_stack)
        self._model = model
        self._sync_stack()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) == 1 and not self._model.rowCount() and paths[0].is_file():
            self.file_dropped.emit(paths[0])
        else:
            self.files_dropped.emit(paths)

    def _sync_stack(self, *_args: Any) -> None:
        self.stack.setCurrentWidget(self.view if self._model.rowCount() else self.empty)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.header.retranslate()
            self.empty.retranslate()
        super().changeEvent(event)
