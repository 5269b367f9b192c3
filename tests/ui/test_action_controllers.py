"""The window's action controllers, driven the way the user drives them: the sidebar's menus
and the header's scope button emit their signals, and the library, the store, the list and the
status bar show the result (issue 18, item 6: these actions left the main window)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


@pytest.fixture
def real_library(settings: Any) -> Iterator[Any]:
    """The real library (SQLite and Chroma on disk) with one collection, "Legal"."""
    from app.core.library import Library

    library = Library(settings)
    library.create_collection("Legal")
    yield library
    library.close()


def test_renaming_a_collection_from_the_sidebar_renames_it_in_the_library_and_the_list(
    qtbot: Any, make_window: Any, real_library: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(library=real_library)
    qtbot.waitUntil(lambda: window.collections.names() == ["Legal"], timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("  Contracts ", True))

    window.sidebar.collection_rename.emit("Legal")  # Rename… in the collection's menu

    # queued behind the start-up warm-up in the index lane: seconds on a busy machine
    qtbot.waitUntil(lambda: window.collections.names() == ["Contracts"], timeout=60_000)
    assert [c.name for c in real_library.collections()] == ["Contracts"]
    qtbot.waitUntil(lambda: window.sidebar.current_collection() == "Contracts")
    assert window.errors == []


def test_a_cancelled_rename_keeps_the_collection(
    qtbot: Any, window: Any, fake_library: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_library.create_collection("Legal")
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.names() == ["Legal"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Contracts", False))
    window.sidebar.collection_rename.emit("Legal")
    qtbot.waitUntil(lambda: not window.hub.busy())
    assert [c.name for c in fake_library.collections()] == ["Legal"]


def test_deleting_the_open_chat_from_the_sidebar_asks_then_starts_a_new_chat(
    qtbot: Any, window: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = store.create("Travel notes", [])
    gone = store.create("Budget review", [])
    window.refresh_conversations()
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 2)
    window.open_conversation(gone.id)
    qtbot.waitUntil(lambda: window.chat.conversation_id == gone.id)

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    window.sidebar.conversation_delete.emit(gone.id)
    assert window.chat.conversation_id == gone.id  # "No" leaves everything as it was
    assert {c.id for c in store.list()} == {kept.id, gone.id}

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.sidebar.conversation_delete.emit(gone.id)
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)
    assert [c.id for c in store.list()] == [kept.id]
    assert window.chat.conversation_id is None
    assert window.chat_page.header.title.text() == "New chat"


def test_exporting_from_the_sidebar_writes_markdown_and_says_where(
    qtbot: Any, window: Any, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = store.create("Ferries/harbor", [])
    store.add(chat.id, "user", "When do ferries leave?")
    window.refresh_conversations()
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)
    target = tmp_path / "ferries.md"
    offered: list[str] = []

    def save_as(_parent: Any, _title: str, name: str, _filters: str) -> tuple[str, str]:
        offered.append(name)
        return str(target), "Markdown (*.md)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.sidebar.conversation_export.emit(chat.id)

    qtbot.waitUntil(target.exists, timeout=5000)
    assert offered == ["Ferries-harbor.md"]  # the title, made safe for a file name
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Ferries/harbor") and "When do ferries leave?" in text
    qtbot.waitUntil(lambda: window.status.currentMessage() == f"Saved {target}")


def test_importing_a_broken_file_says_what_is_wrong(
    qtbot: Any, make_window: Any, settings: Any, tmp_path: Path
) -> None:
    from app.core.storage.conversations import ConversationStore

    store = ConversationStore(settings.layout.conversations_db)
    window = make_window(conversations=store)
    broken = tmp_path / "chat.json"
    broken.write_text("{not json", encoding="utf-8")

    window.conversation_actions.import_(str(broken))

    qtbot.waitUntil(lambda: bool(window.errors), timeout=5000)
    assert "chat.json is not valid JSON" in window.errors[-1]
    assert list(store.list()) == []
    store.close()


def test_choosing_a_scope_is_stored_with_the_open_chat(
    qtbot: Any, window: Any, store: Any, fake_library: Any
) -> None:
    for name in ("Legal", "Travel"):
        fake_library.create_collection(name)
    chat = store.create("Trip", ["Legal"])
    window.refresh_collections()
    window.refresh_conversations()
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)
    qtbot.waitUntil(lambda: window.collections.names() == ["Legal", "Travel"])
    window.open_conversation(chat.id)
    qtbot.waitUntil(lambda: window.chat.collections == ["Legal"])  # restored from the store

    scope = window.chat_page.header.scope
    scope.set_selected(["Travel"])
    scope.scope_changed.emit(scope.explicit_selection())  # what a click in its menu sends

    qtbot.waitUntil(lambda: store.get(chat.id).collections == ["Travel"])
    assert window.chat.collections == ["Travel"]


def test_a_chat_the_list_does_not_hold_yet_opens_with_its_own_scope(
    qtbot: Any, window: Any, store: Any, fake_library: Any
) -> None:
    """At start-up, or right after an answer, the sidebar's list may still be loading: the
    chat's scope then comes from the store, not from the chat open before it."""
    for name in ("Legal", "Travel"):
        fake_library.create_collection(name)
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.names() == ["Legal", "Travel"])
    window.chat_page.header.scope.set_selected(["Legal"])
    chat = store.create("Trip", ["Travel"])  # stored after the list loaded: not in it
    assert window.conversations.record(chat.id) is None

    window.open_conversation(chat.id)

    qtbot.waitUntil(lambda: window.chat_page.header.scope.selected() == ["Travel"])
    assert window.chat.collections == ["Travel"]
