"""Summarize and Translate a whole document from the window: they stream into the chat like an
answer (user row, streaming answer, Stop, citations → pages, sources), from the documents dialog
and from a source card's menu."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from app.ui.views.documents_dialog import DocumentsDialog

COLLECTION = "Docs"


@pytest.fixture
def indexed(fake_library: Any, sample_pdf: Path) -> int:
    """capitals.pdf indexed in "Docs"; returns its document id."""
    report = fake_library.ingest(COLLECTION, [sample_pdf])
    return int(report.results[0].document_id)


def _documents_dialog(qtbot: Any, window: Any) -> DocumentsDialog:
    with qtbot.waitSignal(window.collections_loaded, timeout=5000):
        window.refresh_collections()
    window.collection_actions.show_documents(COLLECTION)
    dialog = window.findChildren(DocumentsDialog)[-1]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    dialog.select_row(0)
    return dialog


def _trigger(menu: Any, label: str) -> None:
    [action] = [a for a in menu.actions() if a.text() == label]
    action.trigger()


def _done(qtbot: Any, window: Any) -> Any:
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    window.chat_page.view.flush()
    return window.chat.model.message(1)


def test_summarize_in_the_documents_dialog_streams_a_cited_summary_into_the_chat(
    qtbot: Any, window: Any, fake_chat: Any, store: Any, indexed: int, sample_pdf: Path
) -> None:
    fake_chat.token_delay = 0.005
    dialog = _documents_dialog(qtbot, window)
    assert dialog.summarize_button.isEnabled() and dialog.translate_button.isEnabled()
    qtbot.mouseClick(dialog.summarize_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()  # closed, so the summary is seen streaming
    assert window.chat.model.message(0).text == "Summarize: capitals.pdf"
    assert window.chat.model.message(1).state == "streaming"
    assert window.chat_page.composer.busy  # Stop is offered while it streams
    answer = _done(qtbot, window)
    assert answer.state == "done" and answer.mode == "summary"
    view = window.chat_page.view
    assert "Seoul is the capital of South Korea [1]" in view.rendered_text(1)
    assert "cite:2" in view.widget_at(1).text.toHtml()
    [(kind, collection, document_id, _target, asked_in)] = fake_chat.actions
    assert (kind, collection, document_id) == ("summarize", COLLECTION, indexed)
    assert asked_in is None  # a new chat: core creates the conversation, and the window selects it
    (conversation,) = store.list()
    assert window.chat.conversation_id == conversation.id
    assert conversation.title == "Summarize: capitals.pdf"
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1, timeout=5000)
    assert window.chat_page.header.title.full_text() == "Summarize: capitals.pdf"
    assert [m.role for m in store.messages(conversation.id)] == ["user", "assistant"]
    assert window.sources.rowCount() == 2  # the summary's sources, ready for the pane
    with qtbot.waitSignal(window.sources_pane.viewer.pdf.highlighted, timeout=5000) as hit:
        view.widget_at(1).text.link_activated.emit(QUrl("cite:2"))
    assert hit.args[0] == 3  # [2] opens its page
    assert window.sources_pane.viewer.pdf.path == str(sample_pdf)


def test_translate_to_korean_from_a_documents_right_click_menu(
    qtbot: Any, window: Any, fake_chat: Any, indexed: int
) -> None:
    dialog = _documents_dialog(qtbot, window)
    menu = dialog.context_menu(0)
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert labels == [
        "Summarize",
        "Translate to Korean",
        "Translate to English",
        "Remove from collection…",
    ]
    _trigger(menu, "Translate to Korean")
    assert window.chat.model.message(0).text == "Translate to Korean: capitals.pdf"
    answer = _done(qtbot, window)
    assert answer.text == "서울은 대한민국의 수도입니다."
    assert answer.mode == "translation"
    assert fake_chat.actions[0][:4] == ("translate", COLLECTION, indexed, "ko")


def test_the_translate_button_offers_both_languages(
    qtbot: Any, window: Any, fake_chat: Any, indexed: int
) -> None:
    dialog = _documents_dialog(qtbot, window)
    _trigger(dialog.translate_button.menu(), "Translate to English")
    _done(qtbot, window)
    assert fake_chat.actions[0][3] == "en"
    assert window.chat.model.message(0).text == "Translate to English: capitals.pdf"


def test_stop_ends_a_summary_and_keeps_what_was_written(
    qtbot: Any, window: Any, fake_chat: Any, indexed: int
) -> None:
    fake_chat.summary = " ".join(f"point{i}" for i in range(400))
    fake_chat.token_delay = 0.01
    dialog = _documents_dialog(qtbot, window)
    dialog.summarize_button.click()
    qtbot.waitUntil(lambda: len(window.chat.model.message(1).text) > 30, timeout=5000)
    qtbot.keyClick(window.chat_page.composer.edit, Qt.Key.Key_Escape)
    answer = window.chat.model.message(1)
    assert answer.state == "stopped"
    kept = answer.text
    assert kept.startswith("point0 point1")
    qtbot.waitUntil(lambda: not window.hub.busy("model"), timeout=3000)  # core saw the cancel
    assert fake_chat.stopped == ["summary"]
    assert window.chat.model.message(1).text == kept
    assert not window.chat_page.composer.busy


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("Summarize", "Summaries need a language model"),
        ("Translate to English", "Translation needs a language model"),
    ],
)
def test_without_a_model_the_action_says_a_model_is_needed(
    qtbot: Any,
    make_window: Any,
    settings: Any,
    fake_library: Any,
    store: Any,
    indexed: int,
    label: str,
    message: str,
) -> None:
    from app.core.chat.service import ChatService

    search_only = ChatService(fake_library, store, backend=None, settings=settings)
    window = make_window(chat=search_only)
    dialog = _documents_dialog(qtbot, window)
    _trigger(dialog.context_menu(0), label)
    answer = _done(qtbot, window)
    assert answer.state == "error"
    assert message in answer.status
    status = window.chat_page.view.widget_at(1).status
    assert status.isVisible() and message in status.text()
    assert store.list() == []  # no empty conversation left behind


def test_regenerate_runs_the_summary_again_and_edit_is_not_offered(
    qtbot: Any, window: Any, fake_chat: Any, indexed: int
) -> None:
    _documents_dialog(qtbot, window).summarize_button.click()
    _done(qtbot, window)
    view = window.chat_page.view
    user, answer = view.widget_at(0), view.widget_at(1)
    assert not user._buttons["edit"].isVisibleTo(window)
    assert answer._buttons["regenerate"].isVisibleTo(window)
    assert window.chat.take_last_question() == ""
    assert window.chat.model.rowCount() == 2  # nothing was removed
    answer._buttons["regenerate"].click()
    _done(qtbot, window)
    assert [a[0] for a in fake_chat.actions] == ["summarize", "summarize"]
    assert window.chat.model.rowCount() == 2
    assert window.chat.model.message(0).text == "Summarize: capitals.pdf"


def test_a_source_card_offers_the_actions_on_its_document(
    qtbot: Any, window: Any, fake_chat: Any, passages: list[Any]
) -> None:
    fake_chat.passages = [dataclasses.replace(p, collection=COLLECTION) for p in passages]
    window.chat.ask("What is the capital of Korea?")
    _done(qtbot, window)
    window.sources_controller.set_visible(True)
    menu = window.sources_pane.context_menu(0)
    assert menu is not None
    _trigger(menu, "Summarize")
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 4)
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    assert window.chat.model.message(2).text == "Summarize: capitals.pdf"
    assert fake_chat.actions[0][:3] == ("summarize", COLLECTION, passages[0].document_id)
    assert fake_chat.actions[0][4] == window.chat.conversation_id  # the same conversation


def test_a_source_without_its_collection_offers_no_actions(qtbot: Any, window: Any) -> None:
    window.chat.ask("What is the capital of Korea?")  # the fixture's passages have no collection
    _done(qtbot, window)
    window.sources_controller.set_visible(True)
    assert window.sources_pane.context_menu(0) is None


def test_an_action_while_an_answer_streams_is_refused_with_a_note(
    qtbot: Any, window: Any, fake_chat: Any, indexed: int
) -> None:
    from app.ui import chat_requests

    fake_chat.answer = " ".join(f"word{i}" for i in range(300))
    fake_chat.token_delay = 0.01
    window.chat.ask("Tell me everything")
    window.run_document_action(chat_requests.summarize(COLLECTION, indexed, "capitals.pdf"))
    assert window.chat.model.rowCount() == 2
    assert "stop it first" in window.status.currentMessage()
    window.chat.stop()
    qtbot.waitUntil(lambda: not window.hub.busy("model"), timeout=5000)
    assert fake_chat.actions == []


def _reopen(qtbot: Any, window: Any, conversation_id: int) -> None:
    """Leave the conversation and open it again from the store, as after a restart."""
    window.new_chat()
    window.refresh_conversations()
    qtbot.waitUntil(lambda: window.conversations.rowCount() >= 1, timeout=5000)
    window.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 2, timeout=5000)
    window.chat_page.view.flush()


def test_a_reopened_summary_shows_its_label_and_regenerate_summarizes_again(
    qtbot: Any, window: Any, fake_chat: Any, store: Any, indexed: int
) -> None:
    _documents_dialog(qtbot, window).summarize_button.click()
    _done(qtbot, window)
    conversation_id = window.chat.conversation_id
    assert fake_chat.labels == ["Summarize: capitals.pdf"]  # core stores what the row says

    _reopen(qtbot, window, conversation_id)

    assert window.chat.model.message(0).text == "Summarize: capitals.pdf"
    assert window.chat.model.message(1).question == ""  # no words of the label highlighted
    view = window.chat_page.view
    assert not view.widget_at(0)._buttons["edit"].isVisibleTo(window)
    assert window.chat.take_last_question() == ""
    view.widget_at(1)._buttons["regenerate"].click()
    answer = _done(qtbot, window)
    assert fake_chat.questions == []  # not asked as a typed question
    assert fake_chat.actions[1] == ("summarize", COLLECTION, indexed, None, conversation_id)
    assert fake_chat.labels[1] == "Summarize: capitals.pdf"
    assert answer.mode == "summary" and answer.state == "done"
    assert window.chat.model.message(0).text == "Summarize: capitals.pdf"


def test_a_stored_korean_translation_runs_again_in_korean_with_its_label(
    qtbot: Any, window: Any, fake_chat: Any, store: Any, passages: list[Any], indexed: int
) -> None:
    label = "한국어로 번역: capitals.pdf"  # written while the window was in Korean
    conversation = store.create(label, [COLLECTION])
    action = {
        "kind": "translate",
        "collection": COLLECTION,
        "document_id": indexed,
        "target_language": "ko",
    }
    store.add(conversation.id, "user", label, action=action)
    store.add(conversation.id, "assistant", "서울은 수도입니다.", passages)

    _reopen(qtbot, window, conversation.id)

    assert window.chat.model.message(0).text == label
    assert not window.chat_page.view.widget_at(0)._buttons["edit"].isVisibleTo(window)
    window.chat_page.view.widget_at(1)._buttons["regenerate"].click()
    answer = _done(qtbot, window)
    assert fake_chat.actions == [("translate", COLLECTION, indexed, "ko", conversation.id)]
    assert fake_chat.labels == [label]
    assert answer.mode == "translation"


def test_a_reopened_typed_question_can_still_be_edited(
    qtbot: Any, window: Any, store: Any, passages: list[Any]
) -> None:
    conversation = store.create("Capitals", [COLLECTION])
    store.add(conversation.id, "user", "Summarize document 1")  # typed, not an action
    store.add(conversation.id, "assistant", "Seoul [1].", passages, [1])

    _reopen(qtbot, window, conversation.id)

    assert window.chat.model.message(0).request is None
    assert window.chat_page.view.widget_at(0)._buttons["edit"].isVisibleTo(window)
    assert window.chat.take_last_question() == "Summarize document 1"
