"""Restart: window size, pane sizes, the sources pane and the open conversation come back."""

from __future__ import annotations

from typing import Any

from tests.ui.fakes import write_notes


def test_restart_restores_geometry_splitter_and_open_conversation(
    qtbot: Any, make_window: Any, store: Any, passages: Any
) -> None:
    conv = store.create("Trip planning", [])
    store.add(conv.id, "user", "Where is the capital?")
    store.add(conv.id, "assistant", "Seoul [1]", passages, [1])
    first = make_window()
    qtbot.waitUntil(lambda: first.conversations.rowCount() == 1)
    first.resize(796, 590)  # within the offscreen screen (800x600)
    first.open_conversation(conv.id)
    qtbot.waitUntil(lambda: first.chat.model.rowCount() == 2)
    first.sources_controller.set_visible(True)
    first.splitter.setSizes([210, 280, 290])
    sizes = first.splitter.sizes()
    first.close()

    second = make_window()
    qtbot.waitUntil(lambda: second.chat.model.rowCount() == 2, timeout=5000)
    assert second.chat.conversation_id == conv.id
    assert second.chat.model.message(0).text == "Where is the capital?"
    assert (second.width(), second.height()) == (first.width(), first.height())
    assert second.sources_pane.isVisible()
    restored = second.splitter.sizes()
    assert all(abs(a - b) <= 2 for a, b in zip(restored, sizes, strict=True)), (restored, sizes)
    qtbot.waitUntil(lambda: second.sidebar.conversation_list.currentIndex().row() == 0)


def test_a_new_chat_is_remembered_as_no_conversation(
    qtbot: Any, make_window: Any, store: Any
) -> None:
    conv = store.create("Old", [])
    first = make_window()
    first.open_conversation(conv.id)
    first.new_chat()
    first.close()
    second = make_window()
    qtbot.wait(100)
    assert second.chat.conversation_id is None


def test_asking_at_once_after_start_is_not_undone_by_the_restored_conversation(
    qtbot: Any, make_window: Any, fake_chat: Any, store: Any
) -> None:
    fake_chat.answer = " ".join(["word"] * 100)
    fake_chat.token_delay = 0.01  # still streaming when the deferred start-up runs
    old = store.create("Old", [])
    first = make_window()
    first.open_conversation(old.id)
    first.close()
    second = make_window(show=False)
    second.chat.ask("A new question")  # before the deferred start-up has run
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second._started and not second.chat.busy, timeout=5000)
    assert second.chat.conversation_id != old.id
    assert second.chat.model.message(0).text == "A new question"
    assert second.chat.model.message(1).state == "done"
    assert len(second.chat.model.message(1).text.split()) == 100


def test_closing_while_answering_stops_the_worker_and_keeps_the_question(
    qtbot: Any, make_window: Any, fake_chat: Any, store: Any
) -> None:
    fake_chat.answer = " ".join(["word"] * 2000)
    fake_chat.token_delay = 0.005
    window = make_window()
    window.chat.ask("A long answer please")
    qtbot.waitUntil(lambda: _answer_text(window) != "", timeout=5000)
    window.close()
    assert not window.hub.busy()  # close waited for the worker, which saw the cancel
    conversation = store.list()[0]
    stored = store.messages(conversation.id)
    assert [m.role for m in stored] == ["user", "assistant"]
    assert stored[0].content == "A long answer please"
    assert 0 < len(stored[1].content.split()) < 2000


def test_closing_while_indexing_cancels_and_keeps_what_was_indexed(
    qtbot: Any, make_window: Any, fake_library: Any, tmp_path: Any
) -> None:
    files = write_notes(tmp_path, 40)
    fake_library.step_delay = 0.02
    fake_library.create_collection("Notes")
    window = make_window()
    window.collection_actions.index_paths("Notes", files)
    qtbot.waitUntil(lambda: len(fake_library.documents("Notes")) >= 2, timeout=5000)
    window.close()
    assert not window.hub.busy()
    kept = len(fake_library.documents("Notes"))
    assert 2 <= kept < 40


def _answer_text(window: Any) -> str:
    """The streamed answer so far; empty until its row exists (the worker adds it)."""
    model = window.chat.model
    return model.message(1).text if model.rowCount() > 1 else ""
