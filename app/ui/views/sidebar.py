"""The left pane: conversations (new, search, rename, delete) and collections (drop targets)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.icons import app_icon, icon, set_icon
from app.ui.models.collections import CollectionListModel
from app.ui.models.conversations import ConversationListModel
from app.ui.models.roles import IdRole
from app.ui.views.delegates import CollectionDelegate, ConversationDelegate
from app.ui.views.indexing import IndexingPanel


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """Local files and folders carried by a drag, in order."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def accept_file_drag(event: QDragEnterEvent) -> None:
    """Take a drag that carries local files or folders; let any other pass by."""
    if dropped_paths(event):
        event.acceptProposedAction()
    else:
        event.ignore()


class CollectionListView(QListView):
    """Files dropped on a row go to that collection; elsewhere in the list, to the selected one."""

    files_dropped = Signal(object, list)  # collection name or None, list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event):
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self.setCurrentIndex(index)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if not paths:
            event.ignore()
            return
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            index = self.currentIndex()
        name = index.data(IdRole) if index.isValid() else None
        event.acceptProposedAction()
        self.files_dropped.emit(name, paths)


class Sidebar(QFrame):
    """Emits what the user asked for; the window's controllers do the work."""

    new_chat = Signal()
    conversation_selected = Signal(object)  # id
    conversation_rename = Signal(object)  # id (start inline editing is done here)
    conversation_delete = Signal(object)
    conversation_export = Signal(object)
    search_changed = Signal(str)
    collection_selected = Signal(str)
    new_collection = Signal()
    collection_rename = Signal(str)
    collection_delete = Signal(str)
    add_documents = Signal(str)
    add_folder = Signal(str)
    show_documents = Signal(str)
    refresh_collection = Signal(str)
    collection_settings = Signal(str)
    files_dropped = Signal(object, list)

    def __init__(
        self,
        conversations: ConversationListModel,
        collections: CollectionListModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.setMinimumWidth(200)
        self.brand = QLabel(self)
        self.brand.setObjectName("Brand")
        self.brand_icon = QLabel(self)
        self.brand_icon.setPixmap(app_icon().pixmap(22, 22))
        self.new_chat_button = QPushButton(self)
        self.new_chat_button.setObjectName("NewChatButton")
        set_icon(self.new_chat_button, "plus")
        self.new_chat_button.clicked.connect(self.new_chat)
        self.search = QLineEdit(self)
        self.search.setObjectName("SearchField")
        self.search.setClearButtonEnabled(True)
        self.search_icon = self.search.addAction(
            icon("search", theme.current().muted), QLineEdit.ActionPosition.LeadingPosition
        )
        set_icon(self.search_icon, "search", "muted")
        self.search.textChanged.connect(self.search_changed)
        self.chats_label = QLabel(self)
        self.chats_label.setObjectName("SectionLabel")
        self.conversation_list = self._make_conversation_list(conversations)
        self.collections_label = QLabel(self)
        self.collections_label.setObjectName("SectionLabel")
        self.add_collection_button = QToolButton(self)
        set_icon(self.add_collection_button, "plus", "muted")
        self.add_collection_button.setAutoRaise(True)
        self.add_collection_button.clicked.connect(self.new_collection)
        self.collection_list = self._make_collection_list(collections)
        self.collections_empty = QLabel(self)
        self.collections_empty.setObjectName("EmptyHint")
        self.collections_empty.setWordWrap(True)
        self.indexing = IndexingPanel(self)
        self._collections_model = collections
        collections.modelReset.connect(self._sync_empty)
        self._build()
        self.retranslate()
        self._sync_empty()

    def _make_conversation_list(self, model: ConversationListModel) -> QListView:
        view = QListView(self)
        view.setObjectName("ConversationList")
        view.setModel(model)
        view.setItemDelegate(ConversationDelegate(view))
        view.setMouseTracking(True)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._conversation_menu)
        view.clicked.connect(lambda idx: self.conversation_selected.emit(idx.data(IdRole)))
        view.activated.connect(lambda idx: self.conversation_selected.emit(idx.data(IdRole)))
        return view

    def _make_collection_list(self, model: CollectionListModel) -> CollectionListView:
        view = CollectionListView(self)
        view.setObjectName("CollectionList")
        view.setModel(model)
        view.setItemDelegate(CollectionDelegate(view))
        view.setMouseTracking(True)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setMaximumHeight(260)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._collection_menu)
        view.clicked.connect(lambda idx: self.collection_selected.emit(idx.data(IdRole)))
        view.files_dropped.connect(self.files_dropped)
        return view

    def _build(self) -> None:
        brand_row = QHBoxLayout()
        brand_row.setSpacing(8)
        brand_row.addWidget(self.brand_icon)
        brand_row.addWidget(self.brand, 1)
        collections_row = QHBoxLayout()
        collections_row.addWidget(self.collections_label, 1)
        collections_row.addWidget(self.add_collection_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 14, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(brand_row)
        layout.addSpacing(6)
        layout.addWidget(self.new_chat_button)
        layout.addWidget(self.search)
        layout.addSpacing(4)
        layout.addWidget(self.chats_label)
        layout.addWidget(self.conversation_list, 3)
        layout.addSpacing(4)
        layout.addLayout(collections_row)
        layout.addWidget(self.collection_list, 2)
        layout.addWidget(self.collections_empty)
        layout.addWidget(self.indexing)

    def retranslate(self) -> None:
        self.brand.setText("Pagefold")
        self.new_chat_button.setText(self.tr("New chat"))
        self.new_chat_button.setToolTip(self.tr("Start a new chat (Ctrl+N)"))
        self.search.setPlaceholderText(self.tr("Search chats"))
        self.search.setAccessibleName(self.tr("Search chats"))
        self.search_icon.setText(self.tr("Search chats"))
        for button in self.search.findChildren(QToolButton):  # the icon's own button
            button.setAccessibleName(self.tr("Search chats"))
        self.chats_label.setText(self.tr("CHATS"))
        self.collections_label.setText(self.tr("COLLECTIONS"))
        self.add_collection_button.setToolTip(self.tr("New collection"))
        self.add_collection_button.setAccessibleName(self.tr("New collection"))
        self.conversation_list.setAccessibleName(self.tr("Chats"))
        self.collection_list.setAccessibleName(self.tr("Collections"))
        self.collections_empty.setText(
            self.tr("No collections yet. Drop files here or use File › Add documents.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _sync_empty(self, *_args: Any) -> None:
        empty = self._collections_model.rowCount() == 0
        self.collections_empty.setVisible(empty)
        self.collection_list.setVisible(not empty)

    def select_conversation(self, conversation_id: Any) -> None:
        model = self.conversation_list.model()
        assert isinstance(model, ConversationListModel)
        row = model.row_of(conversation_id)
        if row is None:
            self.conversation_list.clearSelection()
        else:
            self.conversation_list.setCurrentIndex(model.index(row))

    def current_collection(self) -> str | None:
        index = self.collection_list.currentIndex()
        return str(index.data(IdRole)) if index.isValid() else None

    def select_collection(self, name: str) -> None:
        row = self._collections_model.row_of(name)
        if row is not None:
            self.collection_list.setCurrentIndex(self._collections_model.index(row))

    def rename_conversation_inline(self, conversation_id: Any) -> None:
        model = self.conversation_list.model()
        assert isinstance(model, ConversationListModel)
        row = model.row_of(conversation_id)
        if row is not None:
            self.conversation_list.edit(model.index(row))

    def _conversation_menu(self, pos: QPoint) -> None:
        index = self.conversation_list.indexAt(pos)
        if not index.isValid():
            return
        cid = index.data(IdRole)
        menu = QMenu(self)
        self._add(menu, self.tr("Rename"), lambda: self.conversation_list.edit(index), "edit")
        self._add(
            menu,
            self.tr("Export (Markdown or JSON)…"),
            lambda: self.conversation_export.emit(cid),
            "download",
        )
        menu.addSeparator()
        self._add(menu, self.tr("Delete"), lambda: self.conversation_delete.emit(cid), "trash")
        menu.exec(self.conversation_list.viewport().mapToGlobal(pos))

    def _collection_menu(self, pos: QPoint) -> None:
        index = self.collection_list.indexAt(pos)
        if not index.isValid():
            menu = QMenu(self)
            self._add(menu, self.tr("New collection…"), self.new_collection.emit, "plus")
            menu.exec(self.collection_list.viewport().mapToGlobal(pos))
            return
        name = str(index.data(IdRole))
        menu = QMenu(self)
        self._add(menu, self.tr("Add documents…"), lambda: self.add_documents.emit(name), "file")
        self._add(menu, self.tr("Add folder…"), lambda: self.add_folder.emit(name), "folder")
        self._add(menu, self.tr("Documents…"), lambda: self.show_documents.emit(name), "layers")
        self._add(
            menu,
            self.tr("Check for changes"),
            lambda: self.refresh_collection.emit(name),
            "refresh",
        )
        self._add(
            menu, self.tr("Settings…"), lambda: self.collection_settings.emit(name), "sparkle"
        )
        menu.addSeparator()
        self._add(menu, self.tr("Rename…"), lambda: self.collection_rename.emit(name), "edit")
        self._add(menu, self.tr("Delete…"), lambda: self.collection_delete.emit(name), "trash")
        menu.exec(self.collection_list.viewport().mapToGlobal(pos))

    def _add(self, menu: QMenu, text: str, slot: Any, icon_name: str) -> QAction:
        action = menu.addAction(icon(icon_name, theme.current().muted), text)
        action.triggered.connect(slot)
        return action

    def sizeHint(self) -> QSize:
        return QSize(260, 600)

    def conversation_index(self, conversation_id: Any) -> QModelIndex:
        model = self.conversation_list.model()
        assert isinstance(model, ConversationListModel)
        row = model.row_of(conversation_id)
        return model.index(row) if row is not None else QModelIndex()
