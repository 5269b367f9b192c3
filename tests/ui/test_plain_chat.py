""" "No documents" in the collection picker: the model answers alone, with no citations."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.core.chat.fakes import FakeBackend


def test_no_documents_chats_with_the_model_and_cites_nothing(
    qtbot: Any, make_window: Any, settings: Any, fake_library: Any
) -> None:
    from app.core.chat.service import ChatService
    from app.core.storage.conversations import ConversationStore

    store = ConversationStore(settings.layout.conversations_db)
    backend = FakeBackend("Hello! I am a small model.")
    chat = ChatService(fake_library, store, backend, settings)
    fake_library.create_collection("Papers")
    window = make_window(chat=chat, conversations=store)
    qtbot.waitUntil(lambda: window.collections.rowCount() == 1, timeout=5000)

    scope = window.chat_page.header.scope
    labels = [a.text() for a in scope.menu().actions() if a.text()]
    assert labels[0].startswith("No documents")
    scope.menu().actions()[0].trigger()
    assert scope.text() == "No documents" and scope.no_documents

    composer = window.chat_page.composer
    qtbot.keyClicks(composer.edit, "Hi there, who are you?")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)

    answer = window.chat.model.message(1)
    assert answer.text == "Hello! I am a small model."
    assert answer.mode == "chat" and answer.sources == [] and answer.cited == []
    prompt = backend.last_prompt
    assert "Sources" not in prompt and "Hi there, who are you?" in prompt
    (conversation,) = store.list()  # created by core's turn, and selected by the window
    assert conversation.collections == []
    assert window.chat.conversation_id == conversation.id
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1, timeout=5000)
    assert window.chat_page.header.title.full_text() == "Hi there, who are you?"

    window.chat.new_conversation()  # reopening the chat brings "No documents" back
    scope._choose(["Papers"])
    window.open_conversation(conversation.id)
    qtbot.waitUntil(lambda: scope.no_documents, timeout=5000)
    store.close()


def test_a_question_before_any_collection_says_so_and_creates_no_conversation(
    qtbot: Any, make_window: Any, settings: Any, fake_library: Any
) -> None:
    """Core refuses a question with nothing to search before it creates anything; the window
    shows core's message in the answer row and its list stays empty."""
    from app.core.chat.service import ChatService
    from app.core.storage.conversations import ConversationStore

    store = ConversationStore(settings.layout.conversations_db)
    chat = ChatService(fake_library, store, FakeBackend("Hello there."), settings)
    window = make_window(chat=chat, conversations=store)
    assert window.chat_page.header.scope.text() == "No collections yet"

    window.chat.ask("Hi, who are you?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)

    answer = window.chat.model.message(1)
    assert answer.state == "error" and "Choose at least one collection" in answer.status
    assert store.list() == [] and window.chat.conversation_id is None
    store.close()
