"""What the user does to a stored chat: rename, delete, export, import, change its scope.

Kept out of the main window (issue 18: it had 59 methods and did all of this itself). Every
store access runs in the ``io`` lane, so the GUI thread only asks and shows: a 1,000-message
export or import reads and writes SQLite and a file, which would freeze the window for a
visible moment. Results leave as signals the window wires to its lists and status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.core.errors import PagefoldError
from app.core.seams import ConversationRecord
from app.ui.chat_controller import ChatController
from app.ui.models.conversations import ConversationListModel
from app.ui.services import Services
from app.ui.views.sidebar import Sidebar
from app.ui.workers import TaskHub, user_message

if TYPE_CHECKING:
    from app.core.storage.conversations import ConversationStore

log = logging.getLogger(__name__)

TITLE_CHARS = 60  # an exported file's name: the chat's title, cut to fit any file system


class ConversationActions(QObject):
    """Sidebar and menu actions on conversations; results leave as signals."""

    changed = Signal()  # the stored list changed: the sidebar reloads it
    opened = Signal(int)  # an imported chat, to open
    saved = Signal(str)  # a status-bar line once an export is written
    error = Signal(str)

    def __init__(
        self,
        services: Services,
        hub: TaskHub,
        chat: ChatController,
        conversations: ConversationListModel,
        sidebar: Sidebar,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._hub = hub
        self._chat = chat
        self._conversations = conversations
        self._window = parent
        sidebar.conversation_delete.connect(self.delete)
        sidebar.conversation_export.connect(self.export)
        conversations.rename_requested.connect(self.rename)  # edited in place in the list

    def _in_io(self, job: Callable[[], object]) -> None:
        """Run a store change in the io lane; the list reloads when it is done."""
        self._hub.call("io", job, on_result=lambda _r: self.changed.emit())

    def rename(self, conversation_id: int, title: str) -> None:
        store = self._services.conversations
        self._in_io(lambda: store().rename(conversation_id, title))

    def delete(self, conversation_id: int) -> None:
        """Asks first; the open chat, if it is this one, becomes a new empty chat."""
        answer = QMessageBox.question(
            self._window, self.tr("Delete chat"), self.tr("Delete this chat and its messages?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if conversation_id == self._chat.conversation_id:
            self._chat.new_conversation()
        store = self._services.conversations
        self._in_io(lambda: store().delete(conversation_id))

    def fetch(self, conversation_id: int, on_record: Callable[[ConversationRecord], None]) -> None:
        """The stored record, read in the io lane; a chat gone meanwhile is only logged."""
        store = self._services.conversations
        self._hub.call(
            "io",
            lambda: store().get(conversation_id),
            on_result=on_record,
            on_error=lambda error: log.info("conversation %s not read: %s", conversation_id, error),
        )

    def set_collections(self, conversation_id: int, names: list[str]) -> None:
        """The chat searches these collections from now on, also after a restart."""
        store = self._services.conversations
        self._in_io(lambda: store().set_collections(conversation_id, names))

    def export(self, conversation_id: int) -> None:
        """Asks where, then writes Markdown or (if that filter was chosen) JSON."""
        record = self._conversations.record(conversation_id)
        name = (getattr(record, "title", "") or "chat").replace("/", "-")[:TITLE_CHARS]
        json_filter = self.tr("JSON, with sources and model details (*.json)")
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export chat"),
            f"{name}.md",
            self.tr("Markdown (*.md)") + ";;" + json_filter,
        )
        if path:
            if chosen == json_filter and not path.lower().endswith(".json"):
                path = str(Path(path).with_suffix(".json"))
            self.save(conversation_id, path)

    def save(self, conversation_id: int, path: str) -> None:
        """Markdown to read, or JSON (``.json``) that ``import_`` reads back."""

        def export() -> None:
            if path.lower().endswith(".json"):
                from app.core.chat.transcript import write_json

                write_json(self._stored(), conversation_id, Path(path))
            else:
                store = self._services.conversations()
                Path(path).write_text(store.export_markdown(conversation_id), encoding="utf-8")

        self._hub.call(
            "io",
            export,
            on_result=lambda _r: self.saved.emit(self.tr("Saved %1").replace("%1", path)),
            on_error=lambda error: self.error.emit(user_message(error)),
        )

    def _stored(self) -> ConversationStore:
        """The store on disk: JSON export and import read and write every stored field."""
        from app.core.storage.conversations import ConversationStore

        store = self._services.conversations()
        if not isinstance(store, ConversationStore):
            raise PagefoldError(self.tr("Chats can be exported as JSON only from the data folder."))
        return store

    def import_(self, path: str = "") -> None:
        """A chat exported as JSON (here or with the CLI) becomes a new conversation, opened."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self._window, self.tr("Import chat"), "", self.tr("Pagefold chat (*.json)")
            )
        if not path:
            return

        def load() -> int:
            from app.core.chat.transcript import read_json

            return read_json(self._stored(), Path(path))

        def opened(conversation_id: int) -> None:
            self.changed.emit()
            self.opened.emit(conversation_id)

        self._hub.call(
            "io", load, on_result=opened, on_error=lambda e: self.error.emit(user_message(e))
        )
