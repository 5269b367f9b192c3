"""The main window: composes the panes and routes user actions to the controllers.

It owns no domain logic: lists come from core through workers, questions go through the chat
controller, files through the indexing controller, models through the model controller.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app.core.config import Settings
from app.core.errors import PagefoldError
from app.ui.chat_controller import ChatController
from app.ui.i18n import Translations
from app.ui.icons import app_icon
from app.ui.indexing_controller import IndexingController
from app.ui.model_controller import ModelController
from app.ui.models.collections import CollectionListModel
from app.ui.models.conversations import ConversationListModel
from app.ui.models.sources import SourceListModel
from app.ui.services import Services
from app.ui.theme import ThemeManager, apply_font
from app.ui.views.chat_page import ChatPage
from app.ui.views.indexing import FailuresDialog
from app.ui.views.repair import RepairOffer
from app.ui.views.sidebar import Sidebar, accept_file_drag, dropped_paths
from app.ui.views.sources_pane import SourcesPane, is_pdf
from app.ui.views.status_bar import StatusBar
from app.ui.views.welcome import WelcomePage
from app.ui.workers import TaskHub, user_message

if TYPE_CHECKING:
    from app.core.storage.conversations import ConversationStore

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_MS = 15_000
SEARCH_DEBOUNCE_MS = 250
STARTUP_FALLBACK_MS = 300


class MainWindow(QMainWindow):
    """Sidebar | chat | sources, with menus, a status bar, and state kept across restarts."""

    collections_loaded = Signal()  # after each refresh of the collections list (tests)
    conversations_loaded = Signal()

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
        self._build_panes()
        self.indexing = IndexingController(
            self.services, self.hub, self.collections, self.sidebar.indexing, self
        )
        self.models = ModelController(
            self.services, self.hub, self.chat_page.header, self.status, self
        )
        from app.ui.ask_file_controller import AskFileController
        from app.ui.window_actions import WindowActions

        self.ask_file = AskFileController(self)

        self.actions_ = WindowActions(self)
        self.action("stop").setEnabled(False)
        self.chat.busy_changed.connect(self.action("stop").setEnabled)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh_conversations)
        self._source_row: int | None = None
        self._closing = False
        self.errors: list[str] = []  # every error message shown, newest last
        self._connect()
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.retranslate()
        self._restore_layout()
        self.first_run = not self.layout_settings.value("welcome/done", False, type=bool)
        if self.first_run:
            self.center.setCurrentWidget(self.welcome)
        self._started = False
        # Read now: asking before the deferred start-up runs rewrites this key, and the
        # restore must not then reopen (and so stop) the answer the user just asked for.
        self._restore_conversation = self.layout_settings.value("chat/conversation")

    # -- composition ---------------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.sidebar = Sidebar(self.conversations, self.collections, self)
        self.chat_page = ChatPage(self.chat.model, self)
        self.welcome = WelcomePage(self)
        self.center = QStackedWidget(self)
        self.center.addWidget(self.chat_page)
        self.center.addWidget(self.welcome)
        self.sources_pane = SourcesPane(self.sources, self)
        self.sources_pane.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self.sources_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.setCentralWidget(self.splitter)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)

    def _connect(self) -> None:
        sb, page, chat = self.sidebar, self.chat_page, self.chat
        sb.new_chat.connect(self.new_chat)
        sb.conversation_selected.connect(self.open_conversation)
        sb.conversation_delete.connect(self.delete_conversation)
        sb.conversation_export.connect(self.export_conversation)
        sb.search_changed.connect(lambda _text: self._search_timer.start())
        sb.collection_selected.connect(self._on_collection_selected)
        sb.new_collection.connect(self.new_collection)
        sb.collection_rename.connect(self.rename_collection)
        sb.collection_delete.connect(self.delete_collection)
        sb.add_documents.connect(self.add_documents)
        sb.add_folder.connect(self.add_folder)
        sb.show_documents.connect(self.show_documents)
        sb.collection_settings.connect(self.collection_settings)
        sb.refresh_collection.connect(self.indexing.refresh)
        sb.files_dropped.connect(self.index_paths)
        sb.indexing.failures_requested.connect(self.show_failures)
        self.conversations.rename_requested.connect(self.rename_conversation)
        page.composer.send_requested.connect(chat.ask)
        page.composer.stop_requested.connect(chat.stop)
        page.empty.add_documents.connect(lambda: self.add_documents(None))
        page.header.sources_toggled.connect(self.set_sources_visible)
        page.header.scope.scope_changed.connect(self._on_scope_changed)
        page.view.citation_clicked.connect(self.open_citation)
        page.view.action_requested.connect(self._on_message_action)
        chat.busy_changed.connect(page.composer.set_busy)
        chat.conversation_changed.connect(self._on_conversation_changed)
        chat.conversations_changed.connect(self.refresh_conversations)
        chat.sources_ready.connect(self._on_sources_ready)
        chat.error.connect(self.show_error)
        chat.damaged.connect(self.repair_offer.offer)
        self.repair_offer.repaired.connect(lambda text: self.status.flash(text))
        self.repair_offer.failed.connect(self.show_error)
        self.sources_pane.source_activated.connect(self._open_source)
        self.sources_pane.document_action.connect(self.run_document_action)
        self.sources_pane.close_requested.connect(lambda: self.set_sources_visible(False))
        self.indexing.collections_changed.connect(self.refresh_collections)
        self.indexing.password_requested.connect(self._ask_password)
        self.indexing.force_requested.connect(self._ask_force)
        self.indexing.error.connect(self.show_error)
        self.welcome.start_search_only.connect(self._finish_welcome)
        self.welcome.open_model_manager.connect(self.models.open_manager)
        self.models.loading_started.connect(self._on_model_loading)
        self.models.loading_finished.connect(self._on_model_loading_finished)
        page.loading.cancel_requested.connect(self.models.cancel_load)
        self.welcome.add_documents.connect(lambda: self.add_documents(None))
        self.models.models_changed.connect(self.welcome.refresh_models)
        if self.theme is not None:
            self.theme.changed.connect(self._on_theme_changed)

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
        names = self.collections.names()
        self.chat_page.header.scope.set_collections(names)
        self.chat_page.empty.set_has_documents(any(r.document_count for r in records))
        self._sync_scope()
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

    def _on_conversation_changed(self, conversation_id: Any) -> None:
        self.layout_settings.setValue(
            "chat/conversation", "" if conversation_id is None else conversation_id
        )
        self.sidebar.select_conversation(conversation_id)
        record = self.conversations.record(conversation_id)
        if record is not None:  # an existing chat searches what it searched before
            scope = list(getattr(record, "collections", []) or [])
            self.chat_page.header.scope.set_selected(scope)
            self._sync_scope()
        self.sources.set_sources([])
        self._source_row = None
        self._update_title()

    def _update_title(self) -> None:
        record = self.conversations.record(self.chat.conversation_id)
        title = getattr(record, "title", "") if record else ""
        self.chat_page.header.set_title(title or self.tr("New chat"))

    def rename_conversation(self, conversation_id: Any, title: str) -> None:
        self.hub.call(
            "io",
            lambda: self.services.conversations().rename(conversation_id, title),
            on_result=lambda _r: self.refresh_conversations(),
        )

    def delete_conversation(self, conversation_id: Any) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete chat"), self.tr("Delete this chat and its messages?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if conversation_id == self.chat.conversation_id:
            self.chat.new_conversation()
        self.hub.call(
            "io",
            lambda: self.services.conversations().delete(conversation_id),
            on_result=lambda _r: self.refresh_conversations(),
        )

    def export_conversation(self, conversation_id: Any) -> None:
        record = self.conversations.record(conversation_id)
        name = (getattr(record, "title", "") or "chat").replace("/", "-")[:60]
        json_filter = self.tr("JSON, with sources and model details (*.json)")
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chat"),
            f"{name}.md",
            self.tr("Markdown (*.md)") + ";;" + json_filter,
        )
        if path:
            if chosen == json_filter and not path.lower().endswith(".json"):
                path = str(Path(path).with_suffix(".json"))
            self.save_conversation(conversation_id, path)

    def save_conversation(self, conversation_id: Any, path: str) -> None:
        """Markdown to read, or JSON (``.json``) that ``import_conversation`` reads back."""

        def export() -> None:
            if path.lower().endswith(".json"):
                from app.core.chat.transcript import write_json

                write_json(self._stored_conversations(), conversation_id, Path(path))
            else:
                store = self.services.conversations()
                Path(path).write_text(store.export_markdown(conversation_id), encoding="utf-8")

        self.hub.call(
            "io",
            export,
            on_result=lambda _r: self.status.flash(self.tr("Saved %1").replace("%1", path)),
            on_error=lambda error: self.show_error(user_message(error)),
        )

    def _stored_conversations(self) -> ConversationStore:
        """The store on disk: JSON export and import read and write every stored field."""
        from app.core.storage.conversations import ConversationStore

        store = self.services.conversations()
        if not isinstance(store, ConversationStore):
            raise PagefoldError(self.tr("Chats can be exported as JSON only from the data folder."))
        return store

    def import_conversation(self, path: str = "") -> None:
        """A chat exported as JSON (here or with the CLI) becomes a new conversation, opened."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import chat"), "", self.tr("Pagefold chat (*.json)")
            )
        if not path:
            return

        def load() -> int:
            from app.core.chat.transcript import read_json

            return read_json(self._stored_conversations(), Path(path))

        def opened(conversation_id: int) -> None:
            self.refresh_conversations()
            self.open_conversation(conversation_id)

        self.hub.call(
            "io", load, on_result=opened, on_error=lambda e: self.show_error(user_message(e))
        )

    # -- collections ---------------------------------------------------------------------------

    def _on_collection_selected(self, name: str) -> None:
        if not self.chat.model.rowCount():  # a fresh chat searches the collection just picked
            self.chat_page.header.scope.set_selected([name])
            self._sync_scope()

    def _on_model_loading(self, name: str, expected_s: Any) -> None:
        self.chat_page.loading.start(name, expected_s)
        self.chat.loading_model = name

    def _on_model_loading_finished(self) -> None:
        self.chat_page.loading.stop()
        self.chat.model_ready()

    def _sync_scope(self) -> None:
        scope = self.chat_page.header.scope
        self.chat.collections = scope.selected()
        self.chat.no_documents = scope.no_documents

    def _on_scope_changed(self, names: list[str]) -> None:
        """The chat searches the chosen collections from now on, and remembers them
        ("All collections" is stored as every name: an empty list means "No documents")."""
        self._sync_scope()
        names = self.chat.collections
        conversation_id = self.chat.conversation_id
        if conversation_id is not None:
            self.hub.call(
                "io",
                lambda: self.services.conversations().set_collections(conversation_id, names),
                on_result=lambda _r: self.refresh_conversations(),
            )

    def new_collection(self) -> str | None:
        name, ok = QInputDialog.getText(
            self, self.tr("New collection"), self.tr("Name of the new collection:")
        )
        name = name.strip()
        if not ok or not name:
            return None
        self.hub.call(
            "index",
            lambda: self.services.library().create_collection(name),
            on_result=lambda _r: self._after_collection_change(name),
        )
        return name

    def _after_collection_change(self, select: str | None = None) -> None:
        self.refresh_collections()
        if select:
            QTimer.singleShot(0, lambda: self.sidebar.select_collection(select))

    def rename_collection(self, name: str) -> None:
        new, ok = QInputDialog.getText(
            self,
            self.tr("Rename collection"),
            self.tr("New name:"),
            QLineEdit.EchoMode.Normal,
            name,
        )
        new = new.strip()
        if ok and new and new != name:
            self.hub.call(
                "index",
                lambda: self.services.library().rename_collection(name, new),
                on_result=lambda _r: self._after_collection_change(new),
            )

    def delete_collection(self, name: str) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Delete collection"),
            self.tr(
                "Delete the collection “%1” and its index? Your files are not touched."
            ).replace("%1", name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.hub.call(
                "index",
                lambda: self.services.library().delete_collection(name),
                on_result=lambda _r: self._after_collection_change(),
            )

    def collection_settings(self, name: str) -> Any:
        """The collection's LoRA adapter: shown, attached, detached (Settings… in its menu)."""
        from app.ui.views.collection_settings import CollectionSettingsDialog

        dialog = CollectionSettingsDialog(self.services, self.hub, name, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def show_documents(self, name: str) -> None:
        from app.ui.views.documents_dialog import DocumentsDialog

        dialog = DocumentsDialog(name, self.services, self.hub, self)
        dialog.changed.connect(self.refresh_collections)
        dialog.document_action.connect(self.run_document_action)
        dialog.open()

    def run_document_action(self, request: Any) -> None:
        """Summarize or translate a whole document: it streams into the open chat like an
        answer (Stop, citations, sources), and is kept in the conversation."""
        self.center.setCurrentWidget(self.chat_page)
        if not self.chat.run(request):
            self.status.flash(
                self.tr("An answer is still being written: stop it first."), error=True
            )

    # -- adding documents ----------------------------------------------------------------------

    def target_collection(self) -> str:
        """Where dropped files go: the selected collection, else the first, else a new one."""
        selected = self.sidebar.current_collection()
        if selected:
            return selected
        names = self.collections.names()
        return names[0] if names else self.tr("My documents")

    def index_paths(self, collection: str | None, paths: list[Path]) -> None:
        if not paths:
            return
        self.indexing.add(collection or self.target_collection(), paths)

    def add_documents(self, collection: str | None = None) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add documents"),
            "",
            self.tr("Documents (*.pdf *.txt *.md *.markdown *.docx *.html *.htm);;All files (*)"),
        )
        self.index_paths(collection, [Path(f) for f in files])

    def add_folder(self, collection: str | None = None) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder"))
        if folder:
            self.index_paths(collection, [Path(folder)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.index_paths(None, paths)

    def _ask_password(self, path: str) -> None:
        job_collection = (
            self.indexing.last_report.collection
            if self.indexing.last_report
            else self.target_collection()
        )
        password, ok = QInputDialog.getText(
            self,
            self.tr("Password needed"),
            self.tr("“%1” is protected by a password. Enter it to index the file:").replace(
                "%1", Path(path).name
            ),
            QLineEdit.EchoMode.Password,
        )
        if ok and password:
            self.indexing.retry_with_password(job_collection, path, password)

    def _ask_force(self, collection: str, path: str) -> None:
        """A file over ``indexing.max_text_chars``: index it only if the user wants to wait."""
        answer = QMessageBox.question(
            self,
            self.tr("Very long document"),
            self.tr(
                "“%1” holds more text than the indexing limit (%2 characters). Indexing it "
                "may take a long time and make searches slower. Index it anyway?"
            )
            .replace("%1", Path(path).name)
            .replace("%2", f"{self.services.settings.indexing.max_text_chars:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.indexing.retry_forced(collection, path)

    def show_failures(self) -> None:
        FailuresDialog(self.indexing.failures, self).open()

    # -- sources and citations -----------------------------------------------------------------

    def set_sources_visible(self, visible: bool) -> None:
        header = self.chat_page.header.sources_button
        if header.isChecked() != visible:
            header.blockSignals(True)
            header.setChecked(visible)
            header.blockSignals(False)
        if visible and not self.sources_pane.isVisible():
            self.sources_pane.show()
            sizes = self.splitter.sizes()
            if len(sizes) == 3 and sizes[2] < 200:
                total, side = sum(sizes), sizes[0]
                width = max(340, total // 3)
                self.splitter.setSizes([side, max(300, total - side - width), width])
            if self._source_row is None:
                row = self.chat.model.last_row("assistant")
                if row is not None:
                    self.show_sources_of(row)
        elif not visible:
            self.sources_pane.hide()

    def show_sources_of(self, row: int) -> None:
        message = self.chat.model.message(row)
        self._source_row = row
        self.sources.set_sources(message.sources, message.question, message.cited)

    def _on_sources_ready(self, row: int) -> None:
        if row == self.chat.model.rowCount() - 1:
            self.show_sources_of(row)

    def open_citation(self, row: int, number: int) -> None:
        """A [n] in an answer: select source n and open its passage."""
        self.show_sources_of(row)
        if self.sources.passage(number) is None:
            self.status.flash(self.tr("This answer has no source [%1].").replace("%1", str(number)))
            return
        self.set_sources_visible(True)
        self.sources_pane.select(number)
        self._open_source(number)

    def _open_source(self, number: int) -> None:
        passage = self.sources.passage(number)
        if passage is None:
            return
        self.sources_pane.open_viewer()
        viewer = self.sources_pane.viewer
        if is_pdf(passage.path) and Path(passage.path).exists():
            viewer.show_pdf(passage, self.indexing.passwords.get(passage.path))
            return
        self.hub.call(
            "io",
            lambda: self.services.library().page_text(passage.document_id, passage.page),
            on_result=lambda text: viewer.show_text(passage, str(text)),
        )

    def _on_message_action(self, row: int, action: str) -> None:
        if action == "sources":
            self.show_sources_of(row)
            self.set_sources_visible(True)
        elif action == "regenerate":
            self.chat.regenerate()
        elif action == "edit":
            question = self.chat.take_last_question()
            if question:
                self.chat_page.composer.set_text(question)

    # -- settings, errors ----------------------------------------------------------------------

    def open_settings(self) -> None:
        from app.ui.views.settings_dialog import SettingsDialog

        records = [self.collections.record(n) for n in self.collections.names()]
        dialog = SettingsDialog(self.settings, records, self)
        dialog.applied.connect(self._on_settings_applied)
        dialog.open()

    def open_evaluation(self) -> None:
        """Tools › Evaluate: the evaluation dialog runs on its own worker lane."""
        from app.ui.views.evaluate_dialog import EvaluateDialog

        dialog = EvaluateDialog(self.services.library, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_network_log(self) -> None:
        """Tools › Network log: read in the io lane (disk), shown when read."""
        from app.core.privacy.netlog import read_network_log
        from app.ui.views.network_log import NetworkLogDialog

        def show(events: Any) -> None:
            dialog = NetworkLogDialog(list(events), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self.hub.call("io", read_network_log, self.settings.layout, on_result=show)

    def _on_settings_applied(self, changes: dict[str, Any]) -> None:
        self.hub.call("io", self.settings.save)
        if "language" in changes and self.translations is not None:
            language = self.translations.apply(self.settings.ui.language)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_font(app, language)
        if "theme" in changes and self.theme is not None:
            self.theme.apply(self.settings.ui.theme)
        for name, tokens in changes.get("chunk_sizes", {}).items():
            self.hub.call("index", self._set_chunk_size, name, tokens)
        for name, model in changes.get("embedders", {}).items():
            from app.ui.views.reembed_dialog import ReembedDialog

            ReembedDialog(self.services, self.hub, name, model, self).open()
        if "network" in changes:
            self._reinstall_network_guard()
            self.models.refresh()

    def _reinstall_network_guard(self) -> None:
        """The guard read the offline switch when it was installed; a change in Settings must
        take effect now, not at the next start (a user who turns offline on expects it)."""
        from app.core.privacy import netguard

        if netguard.installed():  # installed by the app at start; tests may run without it
            netguard.install(self.settings)

    def _set_chunk_size(self, name: str, tokens: int) -> None:
        """Worker side: core records the new size; it applies at the next indexing."""
        library = self.services.library()
        setter = getattr(library, "set_chunking", None)
        if not callable(setter):
            from app.core.errors import PagefoldError

            raise PagefoldError(
                self.tr(
                    "This version cannot change a collection's passage size "
                    "yet; create a new collection with the size you want."
                )
            )
        setter(name, tokens)

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

    # -- state across restarts ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        s = self.layout_settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        if s.value("window/sources", False, type=bool):
            self.sources_pane.show()
            self.chat_page.header.sources_button.setChecked(True)
        sizes = s.value("window/splitter")
        if isinstance(sizes, QByteArray) and not sizes.isEmpty():
            self.splitter.restoreState(sizes)
        else:
            self.splitter.setSizes([260, 720, 0])

    def save_layout(self) -> None:
        s = self.layout_settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/sources", self.sources_pane.isVisible())
        s.setValue(
            "chat/conversation",
            "" if self.chat.conversation_id is None else self.chat.conversation_id,
        )
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop answering and indexing, wait for the workers, then release core."""
        self._closing = True
        self.save_layout()
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


def shortcut(sequence: str | QKeySequence.StandardKey) -> QKeySequence:
    return QKeySequence(sequence)
