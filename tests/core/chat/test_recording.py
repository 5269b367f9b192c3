"""One chat turn owns its conversation: every kind creates it, says so first, stores it alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.core.chat.events import ChatEvent, ConversationEvent, DoneEvent, ErrorEvent
from app.core.chat.service import ChatService
from app.core.storage.conversations import ConversationStore
from tests.core.chat.fakes import FakeBackend, FakeLibrary, passage

QUESTION = "What is the cat called?"
Turn = Callable[[ChatService, int], Iterator[ChatEvent]]

# Each kind of turn, started with no conversation: (the turn, title and scope it should create,
# the user's row it should store, the mode of the answer).
TURNS: dict[str, tuple[Turn, str, list[str], str, str]] = {
    "ask": (
        lambda s, _doc: s.ask(QUESTION, ["harbor"]),
        QUESTION,
        ["harbor"],
        QUESTION,
        "answer",
    ),
    "chat": (lambda s, _doc: s.chat(QUESTION), QUESTION, [], QUESTION, "chat"),
    "summarize": (
        lambda s, doc: s.summarize("harbor", doc),
        "Summarize: Harbor.pdf",
        ["harbor"],
        "Summarize: Harbor.pdf",
        "summary",
    ),
    "translate": (
        lambda s, doc: s.translate(collection="harbor", document_id=doc, target_language="ko"),
        "Translate to Korean: Harbor.pdf",
        ["harbor"],
        "Translate to Korean: Harbor.pdf",
        "translation",
    ),
    "translate text": (
        lambda s, _doc: s.translate("Ships leave at noon.", target_language="ko"),
        "Ships leave at noon.",
        [],
        "Ships leave at noon.",
        "translation",
    ),
}

SETTINGS_KEYS = {"temperature", "max_new_tokens", "answer_language", "k", "collections"}
EXTRA_KEYS = {
    "language",
    "timings",
    "standalone_question",
    "stopped",
    "attributed",
    "refused",
}


@pytest.fixture
def service(fake_library: FakeLibrary, store: ConversationStore) -> ChatService:
    fake_library.passages = [passage(1, "The keeper's cat is named Biscuit.", page=2)]
    return ChatService(fake_library, store, FakeBackend("Biscuit sleeps near the lamp [1]."))


@pytest.fixture
def doc(fake_library: FakeLibrary) -> int:
    return fake_library.add_document("harbor", "Harbor", ["The keeper's cat is named Biscuit."])


@pytest.mark.parametrize("kind", list(TURNS))
def test_a_new_turn_creates_its_conversation_says_so_first_and_stores_one_exchange(
    kind: str, service: ChatService, store: ConversationStore, doc: int
) -> None:
    run, title, scope, user_text, mode = TURNS[kind]

    events = list(run(service, doc))

    first, done = events[0], events[-1]
    assert isinstance(done, DoneEvent), done
    assert isinstance(first, ConversationEvent) and first.created
    assert not any(isinstance(e, ConversationEvent) for e in events[1:])
    (conversation,) = store.list()
    assert first.conversation_id == conversation.id == done.answer.conversation_id
    assert (conversation.title, conversation.collections) == (title, scope)
    user, assistant = store.messages(conversation.id)
    assert (user.role, user.content) == ("user", user_text)
    assert (assistant.role, assistant.content) == ("assistant", done.answer.text)
    assert done.answer.message_id == assistant.id
    assert assistant.mode == mode and assistant.model == "fake-model"
    assert set(assistant.settings) == SETTINGS_KEYS
    assert assistant.settings["collections"] == scope
    assert set(assistant.extra) == EXTRA_KEYS
    assert assistant.extra["stopped"] is False
    assert assistant.extra["language"] == done.answer.language
    assert [p.to_json() for p in assistant.sources] == [p.to_json() for p in done.answer.sources]
    assert assistant.cited == done.answer.cited


def test_a_quick_action_keeps_its_action_on_the_users_turn(
    service: ChatService, store: ConversationStore, doc: int
) -> None:
    list(service.translate(collection="harbor", document_id=doc, target_language="ko"))

    (conversation,) = store.list()
    user, _assistant = store.messages(conversation.id)
    assert user.action == {
        "kind": "translate",
        "collection": "harbor",
        "document_id": doc,
        "target_language": "ko",
    }


def test_a_turn_in_an_existing_conversation_announces_nothing_and_creates_nothing(
    service: ChatService, store: ConversationStore, doc: int
) -> None:
    first = list(service.ask(QUESTION, ["harbor"]))[-1]
    assert isinstance(first, DoneEvent)
    conversation_id = first.answer.conversation_id

    events = list(service.summarize("harbor", doc, conversation_id=conversation_id))

    assert not any(isinstance(e, ConversationEvent) for e in events)
    assert isinstance(events[-1], DoneEvent)
    assert [c.id for c in store.list()] == [conversation_id]
    assert [m.role for m in store.messages(conversation_id or 0)] == ["user", "assistant"] * 2
    assert store.get(conversation_id or 0).collections == ["harbor"]


@pytest.mark.parametrize("kind", ["summarize", "translate"])
def test_a_refused_quick_action_creates_no_conversation(
    kind: str, fake_library: FakeLibrary, store: ConversationStore, doc: int
) -> None:
    search_only = ChatService(fake_library, store, backend=None)

    events = list(TURNS[kind][0](search_only, doc))

    assert len(events) == 1 and isinstance(events[0], ErrorEvent)
    assert "a language model" in events[0].message
    assert store.list() == []


def test_an_unknown_document_creates_no_conversation(
    service: ChatService, store: ConversationStore
) -> None:
    events = list(service.summarize("harbor", 4242))

    assert len(events) == 1 and isinstance(events[0], ErrorEvent)
    assert store.list() == []
