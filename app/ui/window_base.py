"""What the window's helpers see of the main window: its signals, its parts and two methods.

Why a base class: the layout functions, the menu actions and "ask about this file" work on the
window, and the window builds them, so naming ``MainWindow`` in their type hints made an import
cycle (``TYPE_CHECKING`` only, but a cycle for the import contract). They name this class
instead; ``MainWindow`` derives from it and fills in every part in its ``__init__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSplitter, QStackedWidget

    from app.core.config import Settings
    from app.ui.chat_controller import ChatController
    from app.ui.chat_scope import ChatScope
    from app.ui.collection_actions import CollectionActions
    from app.ui.conversation_actions import ConversationActions
    from app.ui.indexing_controller import IndexingController
    from app.ui.model_controller import ModelController
    from app.ui.models.collections import CollectionListModel
    from app.ui.models.conversations import ConversationListModel
    from app.ui.models.sources import SourceListModel
    from app.ui.services import Services
    from app.ui.settings_actions import SettingsActions
    from app.ui.sources_controller import SourcesController
    from app.ui.views.chat_page import ChatPage
    from app.ui.views.sidebar import Sidebar
    from app.ui.views.sources_pane import SourcesPane
    from app.ui.views.status_bar import StatusBar
    from app.ui.views.welcome import WelcomePage
    from app.ui.workers import TaskHub


class WindowBase(QMainWindow):
    """The main window as its helpers use it (``MainWindow`` is the one implementation)."""

    collections_loaded = Signal()  # after each refresh of the collections list (tests)
    conversations_loaded = Signal()

    settings: Settings
    services: Services
    hub: TaskHub
    layout_settings: QSettings
    conversations: ConversationListModel
    collections: CollectionListModel
    sources: SourceListModel
    chat: ChatController
    indexing: IndexingController
    models: ModelController
    conversation_actions: ConversationActions
    collection_actions: CollectionActions
    sources_controller: SourcesController
    settings_actions: SettingsActions
    chat_scope: ChatScope
    # the panes, built by ``window_layout.build_panes``
    sidebar: Sidebar
    chat_page: ChatPage
    welcome: WelcomePage
    center: QStackedWidget
    sources_pane: SourcesPane
    splitter: QSplitter
    status: StatusBar

    def refresh_collections(self) -> None:
        """Reload the collections list in a worker (``MainWindow`` implements it)."""
        raise NotImplementedError

    def new_chat(self) -> None:
        """Start a new, empty chat (``MainWindow`` implements it)."""
        raise NotImplementedError

    def show_welcome(self) -> None:
        """Show the welcome page (``MainWindow`` implements it)."""
        raise NotImplementedError

    def keyboard_stop(self) -> None:
        """Esc: stop the answer being written (``MainWindow`` implements it)."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Show an error without blocking (``MainWindow`` implements it)."""
        raise NotImplementedError
