"""Which collections the open chat searches: chosen in the header, remembered per chat.

Kept out of the main window (issue 18). "All collections" is stored as every name, so an empty
list can mean "No documents"; a fresh chat searches the collection picked in the sidebar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.seams import ConversationRecord
from app.ui.chat_controller import ChatController
from app.ui.conversation_actions import ConversationActions
from app.ui.views.chat_page import ScopeButton


class ChatScope(QObject):
    """Keeps the chat controller's collections in step with the header's scope button."""

    def __init__(
        self, chat: ChatController, button: ScopeButton, conversations: ConversationActions
    ) -> None:
        super().__init__(button)
        self._chat = chat
        self._button = button
        self._conversations = conversations

    def sync(self) -> None:
        """The chat searches what the button shows."""
        self._chat.collections = self._button.selected()
        self._chat.no_documents = self._button.no_documents

    def set_collections(self, names: list[str]) -> None:
        """The collections list reloaded: the button offers these names."""
        self._button.set_collections(names)
        self.sync()

    def restore(self, record: ConversationRecord | None) -> None:
        """An existing chat searches what it searched before."""
        if record is not None:
            self._button.set_selected(list(getattr(record, "collections", []) or []))
            self.sync()

    def restore_stored(self, conversation_id: int) -> None:
        """A chat opened before the sidebar's list holds it (at start-up, or right after an
        answer, while the list reloads in the io lane): its scope is read from the store, so
        it is not left as the previous chat's."""

        def apply(record: ConversationRecord) -> None:
            if self._chat.conversation_id == conversation_id:  # still the open chat
                self.restore(record)

        self._conversations.fetch(conversation_id, apply)

    def on_changed(self, _names: list[str]) -> None:
        """The user chose collections: searched from now on, and stored with the chat."""
        self.sync()
        conversation_id = self._chat.conversation_id
        if conversation_id is not None:
            self._conversations.set_collections(conversation_id, self._chat.collections)

    def on_collection_selected(self, name: str) -> None:
        if not self._chat.model.rowCount():  # a fresh chat searches the collection just picked
            self._button.set_selected([name])
            self.sync()
