"""A question end to end with a scripted model: events, citations, language, storage, stop."""

from __future__ import annotations

import re
import threading

from app.core.cancel import CancelToken
from app.core.chat.events import (
    ChatEvent,
    DoneEvent,
    ErrorEvent,
    SourcesEvent,
    StatusEvent,
    TokenEvent,
)
from app.core.chat.service import ChatService
from app.core.storage.conversations import ConversationStore
from tests.core.chat.fakes import FakeBackend, FakeLibrary, passage

HARBOR = [
    passage(1, "The keeper's cat is named Biscuit and sleeps near the lamp.", page=2),
    passage(2, "Ferries leave the port every morning at seven.", page=3),
]


def _done(events: list[ChatEvent]) -> DoneEvent:
    assert isinstance(events[-1], DoneEvent), events[-1]
    return events[-1]


def test_answer_streams_after_its_sources_and_cites_them(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    backend = FakeBackend("The cat is called Biscuit [1]. Ferries run at seven [2, 9].")
    service = ChatService(fake_library, store, backend)

    events = list(service.ask("What is the cat called?", ["harbor"]))

    kinds = [type(e) for e in events]
    assert kinds.index(SourcesEvent) < kinds.index(TokenEvent)
    tokens = "".join(e.text for e in events if isinstance(e, TokenEvent))
    answer = _done(events).answer
    assert answer.text == tokens.strip()
    assert answer.cited == [1, 2]  # [9] is not a source
    assert not answer.refused and not answer.attributed
    assert [p.page for p in answer.cited_sources] == [2, 3]
    assert answer.mode == "answer" and answer.model == "fake-model" and answer.language == "en"
    assert {"retrieval_s", "prompt_s", "first_token_s", "total_s"} <= set(answer.timings)
    assert re.search(r"\[1\] <(doc-[0-9a-f]{6})>Report</\1>, p\. 2", backend.last_prompt)


def test_the_turn_is_stored_with_its_sources_model_and_settings(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    service = ChatService(fake_library, store, FakeBackend("Biscuit [1]."))

    answer = _done(list(service.ask("What is the cat called?", ["harbor"]))).answer

    conversation = store.get(answer.conversation_id or 0)
    assert conversation.title == "What is the cat called?"
    assert conversation.collections == ["harbor"]
    user, assistant = store.messages(conversation.id)
    assert (user.role, user.content) == ("user", "What is the cat called?")
    assert assistant.content == "Biscuit [1]." and assistant.cited == [1]
    assert [p.page for p in assistant.sources] == [2, 3]
    assert assistant.model == "fake-model"
    assert assistant.settings["temperature"] == fake_library.settings.generation.temperature
    assert assistant.id == answer.message_id


def test_follow_up_is_condensed_with_the_history_before_retrieval(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR

    def reply(messages: list[dict[str, str]]) -> str:
        if "Standalone question:" in messages[-1]["content"]:
            return "When do the ferries leave the port?\nextra rambling"
        return "At seven [2]."

    backend = FakeBackend(reply)
    service = ChatService(fake_library, store, backend)
    first = _done(list(service.ask("Tell me about the ferries.", ["harbor"]))).answer

    second = _done(list(service.ask("When do they leave?", [], first.conversation_id))).answer

    assert fake_library.queries[-1] == "When do the ferries leave the port?"
    assert second.standalone_question == "When do the ferries leave the port?"
    assert "Tell me about the ferries." in backend.calls[1]["messages"][-1]["content"]
    answer_prompt = backend.calls[2]["messages"]
    assert [m["role"] for m in answer_prompt] == ["system", "user", "assistant", "user"]
    assert second.cited == [2]
    assert len(store.messages(first.conversation_id or 0)) == 4


def test_korean_question_gets_the_korean_prompt_and_refusal(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    backend = FakeBackend("문서에 해당 내용이 없습니다.")
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.ask("항구의 시장은 누구인가요?", ["harbor"]))).answer

    assert answer.language == "ko"
    assert "질문: 항구의 시장은 누구인가요?" in backend.last_prompt
    assert "정확히 이 문장으로만 답하세요: 문서에 해당 내용이 없습니다." in backend.last_prompt
    assert answer.cited == []  # a refusal cites nothing, and nothing is attributed to it
    assert answer.refused


def test_answer_language_setting_overrides_the_question(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    fake_library.settings.generation.answer_language = "en"
    backend = FakeBackend("The documents do not say.")
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.ask("항구의 시장은 누구인가요?", ["harbor"]))).answer

    assert answer.language == "en"
    assert "Write in English" in backend.last_prompt


def test_uncited_sentence_copied_from_a_source_is_attributed(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    service = ChatService(fake_library, store, FakeBackend("The keeper's cat is named Biscuit."))

    answer = _done(list(service.ask("What is the cat called?", ["harbor"]))).answer

    assert answer.cited == [1]
    assert answer.attributed
    assert answer.text == "The keeper's cat is named Biscuit [1]."


def test_search_only_mode_returns_labelled_passages(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    service = ChatService(fake_library, store, backend=None)

    events = list(service.ask("What is the cat called?", ["harbor"]))

    answer = _done(events).answer
    assert service.search_only
    assert answer.mode == "passages"
    assert answer.text.startswith("No language model is loaded")
    assert "[1] The keeper's cat is named Biscuit" in answer.text
    assert "[2] Ferries leave" in answer.text
    assert answer.cited == [1, 2]
    assert store.messages(answer.conversation_id or 0)[1].mode == "passages"


def test_nothing_found_says_so_without_asking_the_model(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    backend = FakeBackend("made up [1]")
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.ask("한국의 수도는?", ["harbor"]))).answer

    assert answer.text == "문서에 해당 내용이 없습니다."
    assert answer.refused
    assert answer.sources == [] and answer.cited == []
    assert backend.calls == []


def test_stop_keeps_the_partial_answer_marked_as_stopped(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    backend = FakeBackend(" ".join(["word"] * 200), delay_s=0.005)
    service = ChatService(fake_library, store, backend)
    cancel = CancelToken()
    received: list[str] = []

    for event in service.ask("Go on?", ["harbor"], cancel=cancel):
        if isinstance(event, TokenEvent):
            received.append(event.text)
            if len(received) == 3:
                cancel.cancel()
        last = event

    assert isinstance(last, DoneEvent)
    assert last.answer.stopped
    assert 3 <= len(received) < 200
    stored = store.messages(last.answer.conversation_id or 0)[-1]
    assert stored.content == last.answer.text and stored.extra["stopped"] is True


def test_stop_from_another_thread_during_generation(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    service = ChatService(fake_library, store, FakeBackend(" ".join(["w"] * 500), delay_s=0.01))
    cancel = CancelToken()
    threading.Timer(0.1, cancel.cancel).start()

    events = list(service.ask("Go on?", ["harbor"], cancel=cancel))

    assert _done(events).answer.stopped
    assert sum(isinstance(e, TokenEvent) for e in events) < 500


def test_unknown_conversation_is_an_error_event(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    service = ChatService(fake_library, store, FakeBackend())

    events = list(service.ask("Hello?", ["harbor"], conversation_id=999))

    assert isinstance(events[-1], ErrorEvent)
    assert "No conversation with id 999" in events[-1].message


def test_status_events_are_in_the_question_language(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    service = ChatService(fake_library, store, FakeBackend("답 [1]."))

    statuses = [
        e.text for e in service.ask("고양이 이름은?", ["harbor"]) if isinstance(e, StatusEvent)
    ]

    assert statuses and all(any("가" <= c <= "힣" for c in s) for s in statuses)


def test_search_only_follow_up_searches_with_the_previous_question(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.passages = HARBOR
    service = ChatService(fake_library, store, backend=None)
    first = _done(list(service.ask("Tell me about the ferries.", ["harbor"]))).answer

    list(service.ask("When do they leave?", [], first.conversation_id))

    assert fake_library.queries[-1] == "Tell me about the ferries. When do they leave?"


def test_a_question_needs_a_collection(fake_library: FakeLibrary, store: ConversationStore) -> None:
    events = list(ChatService(fake_library, store, FakeBackend()).ask("Hello?", []))

    assert isinstance(events[-1], ErrorEvent) and "collection" in events[-1].message
    assert store.list() == []
