"""The main window: composes the panes and routes user actions to the controllers.

It owns no domain logic: lists come from core through workers, questions go through the chat
controller, files through the indexing controller, models through the model controller. What
the user does to a conversation or a collection, the sources pane, and the settings and tools
dialogs each have their own controller (``conversation_actions``, ``collection_actions``,
``sources_controller``, ``settings_actions``): the window had 59 methods before (issue 18).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.config import Settings
from app.ui import window_layout
from app.ui.chat_controller import ChatController
from app.ui.chat_scope import ChatScope
from app.ui.collection_actions import CollectionActions
from app.ui.conversation_actions import ConversationActions
from app.ui.i18n import Translations
from app.ui.icons import app_icon
from app.ui.indexing_controller import IndexingController
from app.ui.model_controller import ModelController
from app.ui.models.collections import CollectionListModel
from app.ui.models.conversations import ConversationListModel
from app.ui.models.sources import SourceListModel
from app.ui.services import Services
from app.ui.settings_actions import SettingsActions
from app.ui.sources_controller import SourcesController
from app.ui.theme import ThemeManager
from app.ui.views.repair import RepairOffer
from app.ui.views.sidebar import accept_file_drag, dropped_paths
from app.ui.window_base import WindowBase
from app.ui.workers import TaskHub

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_MS = 15_000
SEARCH_DEBOUNCE_MS = 250
STARTUP_FALLBACK_MS = 300


class MainWindow(WindowBase):
    """Sidebar | chat | sources, with menus, a status bar, and state kept across restarts."""

    def __init__(
        self,
        settings: Settings,
        services: Services | None = None,
        translations: Translations | None = None,
        theme: ThemeManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.services = services or Services(settings)
        self.translations = translations
        self.theme = theme
        self.hub = TaskHub(self)
        self.hub.error_occurred.connect(self.show_error)
        self.layout_settings = QSettings(
            str(settings.layout.root / "window.ini"), QSettings.Format.IniFormat
        )
        self.conversations = ConversationListModel(self)
        self.collections = CollectionListModel(self)
        self.sources = SourceListModel(self)
        self.chat = ChatController(self.services, self.hub, self)
        self.repair_offer = RepairOffer(self.services.library, self.hub, self)
        window_layout.build_panes(self)
        self.indexing = IndexingController(
            self.services, self.hub, self.collections, self.sidebar.indexing, self
        )
        self.models = ModelController(
            self.services, self.hub, self.chat_page.header, self.status, self
        )
        self._build_controllers()
        self.action("stop").setEnabled(False)
        self.chat.busy_changed.connect(self.action("stop").setEnabled)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh_conversations)
        self._closing = False
        self.errors: list[str] = []  # every error message shown, newest last
        self._connect()
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.retranslate()
        window_layout.restore(self)
        self.first_run = not self.layout_settings.value("welcome/done", False, type=bool)
        if self.first_run:
            self.center.setCurrentWidget(self.welcome)
        self._started = False
        # Read now: asking before the deferred start-up runs rewrites this key, and the
        # restore must not then reopen (and so stop) the answer the user just asked for.
        self._restore_conversation = self.layout_settings.value("chat/conversation")

    # -- composition ---------------------------------------------------------------------------

    def _build_controllers(self) -> None:
        """Each group of user actions has its own controller; the window only wires them."""
        from app.ui.ask_file_controller import AskFileController
        from app.ui.window_actions import WindowActions

        self.conversation_actions = ConversationActions(
            self.services, self.hub, self.chat, self.conversations, self.sidebar, self
        )
        self.collection_actions = CollectionActions(
            self.services, self.hub, self.indexing, self.sidebar, self.collections, self
        )
        self.sources_controller = SourcesController(
            self.services,
            self.hub,
            self.chat,
            self.sources,
            self.sources_pane,
            self.chat_page,
            self.splitter,
            self.indexing.passwords,
        )
        self.settings_actions = SettingsActions(
            self.settings,
            self.services,
            self.hub,
            self.collections,
            self.models,
            self,
            self.translations,
            self.theme,
        )
        self.chat_scope = ChatScope(
            self.chat, self.chat_page.header.scope, self.conversation_actions
        )
        self.ask_file = AskFileController(self)
        self.actions_ = WindowActions(self)

    def _connect(self) -> None:
        self._connect_sidebar()
        self._connect_actions()
        page, chat = self.chat_page, self.chat
        page.composer.send_requested.connect(chat.ask)
        page.composer.stop_requested.connect(chat.stop)
        page.empty.add_documents.connect(lambda: self.collection_actions.add_documents(None))
        page.header.scope.scope_changed.connect(self.chat_scope.on_changed)
        page.view.action_requested.connect(self._on_message_action)
        chat.busy_changed.connect(page.composer.set_busy)
        chat.conversation_changed.connect(self._on_conversation_changed)
        chat.conversations_changed.connect(self.refresh_conversations)
        chat.error.connect(self.show_error)
        chat.damaged.connect(self.repair_offer.offer)
        self.repair_offer.repaired.connect(lambda text: self.status.flash(text))
        self.repair_offer.failed.connect(self.show_error)
        self.sources_pane.document_action.connect(self.run_document_action)
        self.sources_controller.notice.connect(lambda text: self.status.flash(text))
        self.indexing.collections_changed.connect(self.refresh_collections)
        self.indexing.error.connect(self.show_error)
        self.welcome.start_search_only.connect(self._finish_welcome)
        self.welcome.open_model_manager.connect(self.models.open_manager)
        self.models.loading_started.connect(self._on_model_loading)
        self.models.loading_finished.connect(self._on_model_loading_finished)
        page.loading.cancel_requested.connect(self.models.cancel_load)
        self.welcome.add_documents.connect(lambda: self.collection_actions.add_documents(None))
        self.models.models_changed.connect(self.welcome.refresh_models)
        if self.theme is not None:
            self.theme.changed.connect(self._on_theme_changed)

    def _connect_sidebar(self) -> None:
        sb = self.sidebar
        sb.new_chat.connect(self.new_chat)
        sb.conversation_selected.connect(self.open_conversation)
        sb.search_changed.connect(lambda _text: self._search_timer.start())
        sb.collection_selected.connect(self.chat_scope.on_collection_selected)
        sb.refresh_collection.connect(self.indexing.refresh)

    def _connect_actions(self) -> None:
        """What the action controllers report back: lists to reload, chats to open, errors."""
        conv, coll = self.conversation_actions, self.collection_actions
        conv.changed.connect(self.refresh_conversations)
        conv.opened.connect(self.open_conversation)
        conv.saved.connect(lambda text: self.status.flash(text))
        conv.error.connect(self.show_error)
        coll.changed.connect(self.refresh_collections)
        coll.document_action.connect(self.run_document_action)

    def retranslate(self) -> None:
        self.setWindowTitle("Pagefold")
        self.splitter.setAccessibleName(self.tr("Main panes"))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- start-up ------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Start-up work begins after the first paint, so workers (which take the GIL while
        they import and open files) never delay the window's first frame."""
        if event.type() == QEvent.Type.Paint and not self._started:
            QTimer.singleShot(0, self._load_initial)
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(STARTUP_FALLBACK_MS, self._load_initial)  # if no paint comes

    def _load_initial(self) -> None:
        """Runs once the window is on screen: lists, hardware, the remembered model."""
        if self._started:
            return
        self._started = True
        self.ask_file.clean_leftovers()  # before the list loads: a crash's leftovers go first
        self.refresh_collections()
        self.refresh_conversations()
        self.models.start()
        self.hub.call(  # the first drop or question then finds Chroma and the parsers loaded
            "index",
            lambda: self.services.library().warm_up(),
            on_error=lambda error: log.warning("warm-up failed: %s", error),
        )
        last = self._restore_conversation
        untouched = self.chat.conversation_id is None and not self.chat.busy
        if last not in (None, "") and untouched:
            self.open_conversation(int(last) if str(last).isdigit() else last)
        if self.first_run:
            self.show_welcome()

    def show_welcome(self) -> None:
        self.center.setCurrentWidget(self.welcome)
        self.welcome.refresh(self.services, self.hub)

    def _finish_welcome(self) -> None:
        self.layout_settings.setValue("welcome/done", True)
        self.center.setCurrentWidget(self.chat_page)
        self.chat_page.composer.edit.setFocus()

    # -- lists -------------------------------------------------------------------------------

    def refresh_collections(self) -> None:
        self.hub.call(
            "io", lambda: self.services.library().collections(), on_result=self._on_collections
        )

    def _on_collections(self, records: list[Any]) -> None:
        selected = self.sidebar.current_collection()
        self.collections.set_collections(records)
        current = self.indexing.current
        if current is not None:
            self.collections.set_state(current.collection, "indexing")
        if selected:
            self.sidebar.select_collection(selected)
        self.chat_scope.set_collections(self.collections.names())
        self.chat_page.empty.set_has_documents(any(r.document_count for r in records))
        self.collections_loaded.emit()

    def refresh_conversations(self) -> None:
        text = self.sidebar.search.text().strip()

        def load() -> list[Any]:
            store = self.services.conversations()
            return list(store.search(text) if text else store.list())

        self.hub.call("io", load, on_result=self._on_conversations)

    def _on_conversations(self, records: list[Any]) -> None:
        self.conversations.set_conversations(records)
        self.sidebar.select_conversation(self.chat.conversation_id)
        self._update_title()
        self.conversations_loaded.emit()

    # -- conversations -------------------------------------------------------------------------

    def new_chat(self) -> None:
        self.chat.new_conversation()
        self.center.setCurrentWidget(self.chat_page)
        self.chat_page.composer.edit.setFocus()

    def open_conversation(self, conversation_id: Any) -> None:
        self.center.setCurrentWidget(self.chat_page)
        self.chat.open_conversation(conversation_id)
        if self.conversations.record(conversation_id) is None:  # the list is still loading
            self.chat_scope.restore_stored(conversation_id)

    def _on_conversation_changed(self, conversation_id: int | None) -> None:
        window_layout.remember_conversation(self, conversation_id)
        self.sidebar.select_conversation(conversation_id)
        self.chat_scope.restore(self.conversations.record(conversation_id))
        self.sources_controller.clear()
        self._update_title()

    def _update_title(self) -> None:
        record = self.conversations.record(self.chat.conversation_id)
        title = getattr(record, "title", "") if record else ""
        self.chat_page.header.set_title(title or self.tr("New chat"))

    # -- model loading, actions on messages ------------------------------------------------------

    def _on_model_loading(self, name: str, expected_s: Any) -> None:
        self.chat_page.loading.start(name, expected_s)
        self.chat.loading_model = name

    def _on_model_loading_finished(self) -> None:
        self.chat_page.loading.stop()
        self.chat.model_ready()

    def run_document_action(self, request: Any) -> None:
        """Summarize or translate a whole document: it streams into the open chat like an
        answer (Stop, citations, sources), and is kept in the conversation."""
        self.center.setCurrentWidget(self.chat_page)
        if not self.chat.run(request):
            self.status.flash(
                self.tr("An answer is still being written: stop it first."), error=True
            )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.collection_actions.index_paths(None, paths)

    def _on_message_action(self, row: int, action: str) -> None:
        if action == "sources":
            self.sources_controller.show_sources_of(row)
            self.sources_controller.set_visible(True)
        elif action == "regenerate":
            self.chat.regenerate()
        elif action == "edit":
            question = self.chat.take_last_question()
            if question:
                self.chat_page.composer.set_text(question)

    # -- theme, errors -------------------------------------------------------------------------

    def _on_theme_changed(self, _tokens: object) -> None:
        self.chat_page.header.retranslate()  # the model picker's item icons
        self.chat_page.composer.retranslate()
        self.chat_page.view.restyle()
        self.sources.refresh_style()
        self.welcome.retranslate()

    def show_error(self, message: str) -> None:
        """Errors from workers arrive any time: a window-modal box that does not block."""
        self.errors.append(message)
        if self._closing:
            return
        self.status.flash(message, error=True)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Pagefold", message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop answering and indexing, wait for the workers, then release core."""
        self._closing = True
        window_layout.save(self)
        self.chat.stop()
        self.indexing.cancel()
        self.models.cancel()
        if not self.hub.shutdown(SHUTDOWN_TIMEOUT_MS):
            log.warning("workers still running after %d ms", SHUTDOWN_TIMEOUT_MS)
        self.ask_file.discard_now()
        self.services.close()
        super().closeEvent(event)

    def action(self, name: str) -> QAction:
        return self.actions_.actions[name]

    def keyboard_stop(self) -> None:
        if self.chat.busy:
            self.chat.stop()
