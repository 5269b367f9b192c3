"""Asking a question: tokens stream into the view, Stop, Regenerate, edit-and-resend, keys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.ui.views.chat_view import RENDER_INTERVAL_MS


def _ask(qtbot: Any, window: Any, text: str) -> None:
    composer = window.chat_page.composer
    qtbot.keyClicks(composer.edit, text)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)


def test_enter_sends_and_the_answer_streams_in_rendered(
    qtbot: Any, window: Any, fake_chat: Any
) -> None:
    fake_chat.token_delay = 0.01
    _ask(qtbot, window, "What is the capital of Korea?")
    view = window.chat_page.view
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 2)
    assert window.chat_page.stack.currentWidget() is view
    assert window.chat_page.composer.busy
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    view.flush()
    shown = view.rendered_text(1)
    assert "Seoul is the capital of South Korea [1]" in shown
    assert "**" not in shown  # Markdown was rendered, not shown raw
    assert "cite:1" in view.widget_at(1).text.toHtml()
    assert fake_chat.questions[0][0] == "What is the capital of Korea?"
    # re-rendered in batches, not once per token
    assert view.render_count < len(fake_chat.tokens())
    assert window.chat_page.composer.edit.toPlainText() == ""


def test_shift_enter_adds_a_line_instead_of_sending(
    qtbot: Any, window: Any, fake_chat: Any
) -> None:
    edit = window.chat_page.composer.edit
    qtbot.keyClicks(edit, "first line")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(edit, "second")
    assert edit.toPlainText() == "first line\nsecond"
    assert window.chat.model.rowCount() == 0
    assert fake_chat.questions == []


def test_stop_during_streaming_keeps_the_partial_answer(
    qtbot: Any, window: Any, fake_chat: Any
) -> None:
    fake_chat.answer = " ".join(f"word{i}" for i in range(400))
    fake_chat.token_delay = 0.01
    _ask(qtbot, window, "Tell me everything")
    qtbot.waitUntil(lambda: len(_answer_text(window)) > 30, timeout=5000)
    qtbot.keyClick(window.chat_page.composer.edit, Qt.Key.Key_Escape)
    message = window.chat.model.message(1)
    assert message.state == "stopped"
    assert not window.chat_page.composer.busy
    partial = message.text
    qtbot.waitUntil(lambda: not window.hub.busy("model"), timeout=3000)
    qtbot.wait(RENDER_INTERVAL_MS * 2)
    assert window.chat.model.message(1).text == partial  # nothing arrived after Stop
    assert "word399" not in partial
    assert window.chat_page.view.widget_at(1).status.text() == "Stopped."


def test_stop_button_stops_too(qtbot: Any, window: Any, fake_chat: Any) -> None:
    fake_chat.answer = " ".join(["token"] * 300)
    fake_chat.token_delay = 0.01
    _ask(qtbot, window, "Long question")
    qtbot.waitUntil(lambda: _answer_text(window) != "", timeout=5000)
    qtbot.mouseClick(window.chat_page.composer.button, Qt.MouseButton.LeftButton)
    assert window.chat.model.message(1).state == "stopped"


def test_regenerate_asks_the_same_question_again(qtbot: Any, window: Any, fake_chat: Any) -> None:
    _ask(qtbot, window, "What is the capital?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    window.chat_page.view.flush()
    button = window.chat_page.view.widget_at(1)._buttons["regenerate"]
    assert button.isVisible()
    fake_chat.answer = "It is Seoul [1]."
    button.click()
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    assert [q for q, _c, _id in fake_chat.questions] == ["What is the capital?"] * 2
    assert window.chat.model.rowCount() == 2
    assert window.chat.model.message(1).text == "It is Seoul [1]."


def test_edit_puts_the_last_question_back_in_the_composer(qtbot: Any, window: Any) -> None:
    _ask(qtbot, window, "What is the capitol?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    window.chat_page.view.flush()
    window.chat_page.view.widget_at(0)._buttons["edit"].click()
    assert window.chat.model.rowCount() == 0
    assert window.chat_page.composer.edit.toPlainText() == "What is the capitol?"


def test_the_first_question_creates_a_conversation_in_the_list(
    qtbot: Any, window: Any, store: Any
) -> None:
    _ask(qtbot, window, "Where is the Han River?")
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1, timeout=5000)
    assert store.list()[0].title == "Where is the Han River?"
    assert window.chat.conversation_id == store.list()[0].id
    assert window.chat_page.header.title.full_text() == "Where is the Han River?"


def test_opening_a_conversation_shows_its_messages(
    qtbot: Any, window: Any, store: Any, passages: Any
) -> None:
    conv = store.create("Earlier chat", ["Papers"])
    store.add(conv.id, "user", "Old question")
    store.add(conv.id, "assistant", "Old answer [1]", passages, [1])
    window.refresh_conversations()
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)
    window.open_conversation(conv.id)
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 2)
    assert window.chat.model.message(1).sources[0].page == 2
    assert window.chat.model.message(1).question == "Old question"


def test_copy_puts_the_answer_markdown_on_the_clipboard(qtbot: Any, window: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    _ask(qtbot, window, "Capital?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    window.chat_page.view.flush()
    window.chat_page.view.widget_at(1)._buttons["copy"].click()
    assert QGuiApplication.clipboard().text().startswith("**Seoul** is the capital")


def test_the_chosen_collections_are_searched_and_remembered(
    qtbot: Any, window: Any, fake_library: Any, fake_chat: Any, store: Any
) -> None:
    for name in ("Papers", "Contracts", "Notes"):
        fake_library.create_collection(name)
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.rowCount() == 3)
    scope = window.chat_page.header.scope
    scope._choose(["Contracts"])
    _ask(qtbot, window, "Who signed?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    assert fake_chat.questions[-1][1] == ["Contracts"]
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)
    assert scope.selected() == ["Contracts"]  # the new chat kept the choice
    scope._choose(["Contracts", "Notes"])
    cid = window.chat.conversation_id
    qtbot.waitUntil(lambda: store.get(cid).collections == ["Contracts", "Notes"])
    _ask(qtbot, window, "And the date?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    assert fake_chat.questions[-1][1] == ["Contracts", "Notes"]


def _answer_text(window: Any) -> str:
    """The streamed answer so far; empty until its row exists (the worker adds it)."""
    model = window.chat.model
    return model.message(1).text if model.rowCount() > 1 else ""
