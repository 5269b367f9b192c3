"""Summaries and translations of documents far longer than the model's window."""

from __future__ import annotations

import re

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
from tests.core.chat.fakes import FakeBackend, FakeLibrary

WINDOW = 512


def _page(n: int) -> str:
    return " ".join(f"Page{n} fact{k} about harbor life." for k in range(40))


def _fits(backend: FakeBackend) -> None:
    for call in backend.calls:
        used = backend.count_prompt_tokens(call["messages"]) + call["max_new_tokens"]
        assert used <= backend.context_length, used


def _summary_reply(messages: list[dict[str, str]]) -> str:
    """Cites the first source number it sees, as a model following the prompt would."""
    numbers = re.findall(r"^\[(\d+)\]", messages[-1]["content"], re.MULTILINE)
    cited = numbers[0] if numbers else "1"
    return f"- A point [{cited}].\n- Another point [{cited}]."


def _done(events: list[ChatEvent]) -> DoneEvent:
    assert isinstance(events[-1], DoneEvent), events[-1]
    return events[-1]


def test_summary_of_a_long_document_is_map_reduced_with_progress(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    doc = fake_library.add_document("harbor", "Harbor", [_page(n) for n in range(1, 9)])
    backend = FakeBackend(_summary_reply, context_length=WINDOW)
    service = ChatService(fake_library, store, backend)

    events = list(service.summarize("harbor", doc))

    answer = _done(events).answer
    progress = [e for e in events if isinstance(e, StatusEvent)]
    assert any("Reading part 2 of" in e.text for e in progress)
    assert len(backend.calls) > 3  # several map calls and at least one reduce
    _fits(backend)
    sources = next(e for e in events if isinstance(e, SourcesEvent)).passages
    assert {p.page for p in sources} == set(range(1, 9))
    every_word = " ".join(p.text for p in sources)
    assert all(f"Page{n} fact39" in every_word for n in range(1, 9))  # nothing skipped
    assert answer.mode == "summary" and answer.cited
    assert all(1 <= n <= len(answer.sources) for n in answer.cited)
    assert answer.text == "".join(e.text for e in events if isinstance(e, TokenEvent)).strip()


def test_short_document_is_summarized_in_one_streamed_call(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    doc = fake_library.add_document("harbor", "Short", ["The lighthouse was built in 1887."])
    backend = FakeBackend(_summary_reply, context_length=4096)
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.summarize("harbor", doc))).answer

    assert len(backend.calls) == 1
    assert answer.cited == [1] and answer.sources[0].page == 1


def test_korean_document_gets_a_korean_summary_prompt(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    doc = fake_library.add_document(
        "docs", "수도", ["서울은 대한민국의 수도이다. 인구가 가장 많다."]
    )
    backend = FakeBackend("- 서울은 수도이다 [1].")
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.summarize("docs", doc))).answer

    assert answer.language == "ko"
    assert "한국어로 쓰세요" in backend.last_prompt


def test_translation_of_a_document_covers_every_page_in_order(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    pages = [_page(n) for n in range(1, 5)]
    doc = fake_library.add_document("harbor", "Harbor", pages)
    backend = FakeBackend(lambda m: "번역: " + m[-1]["content"][:12], context_length=WINDOW)
    service = ChatService(fake_library, store, backend)

    events = list(service.translate(collection="harbor", document_id=doc))

    answer = _done(events).answer
    _fits(backend)
    assert answer.mode == "translation" and answer.language == "ko"
    assert "자연스러운 한국어로" in backend.calls[0]["messages"][0]["content"]
    sent = " ".join(c["messages"][-1]["content"] for c in backend.calls)
    for page in pages:
        assert page in sent or all(w in sent for w in page.split()[-3:])
    assert [n for n in range(1, 5) if f"— p. {n} —" in answer.text] == [1, 2, 3, 4]
    assert answer.text.index("— p. 1 —") < answer.text.index("— p. 4 —")
    progress = [e for e in events if isinstance(e, StatusEvent)]
    assert len(progress) == len(backend.calls) > 4  # one per piece, in the target language
    assert "번째 부분을 번역하는 중" in progress[1].text
    assert [e.fraction for e in progress] == sorted(e.fraction or 0 for e in progress)


def test_translation_of_a_korean_passage_goes_to_english(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    backend = FakeBackend("Seoul is the capital.")
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.translate("서울은 수도이다."))).answer

    assert answer.text == "Seoul is the capital." and answer.language == "en"
    assert "natural English" in backend.calls[0]["messages"][0]["content"]
    assert re.fullmatch(
        r"<(doc-[0-9a-f]{6})>\n서울은 수도이다\.\n</\1>",
        backend.calls[0]["messages"][-1]["content"],
    )


def test_a_short_translation_may_not_run_on_to_fill_the_context(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    """A looping model once wrote for 6 minutes on one sentence: the budget follows the source."""
    backend = FakeBackend("Change the filter every six months. " * 400, context_length=8192)
    service = ChatService(fake_library, store, backend)

    answer = _done(list(service.translate("필터는 6개월마다 교체하세요."))).answer

    from app.core.chat.actions import MIN_PIECE_TOKENS

    limit = max(MIN_PIECE_TOKENS, 2 * backend.count_tokens("필터는 6개월마다 교체하세요.") + 16)
    assert backend.calls[0]["max_new_tokens"] <= limit < 100  # the room was about 8,000
    assert len(answer.text.split()) <= limit


def test_quick_action_kept_in_a_conversation_when_asked(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    conversation = store.create("notes", ["docs"])
    service = ChatService(fake_library, store, FakeBackend("Hello."))

    answer = _done(list(service.translate("안녕하세요", conversation_id=conversation.id))).answer

    messages = store.messages(conversation.id)
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[0].content == "안녕하세요"
    assert messages[1].content == "Hello." and messages[1].mode == "translation"
    assert answer.message_id == messages[1].id


def test_a_summary_turn_keeps_the_windows_label_and_its_action(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    doc = fake_library.add_document("harbor", "Harbor", [_page(1)])
    conversation = store.create("notes", ["harbor"])
    service = ChatService(fake_library, store, FakeBackend(_summary_reply))

    events = service.summarize(
        "harbor", doc, conversation_id=conversation.id, label="요약: Harbor.pdf"
    )
    answer = _done(list(events)).answer

    user, assistant = store.messages(conversation.id)
    assert user.content == "요약: Harbor.pdf"  # what the window showed, in its language
    assert user.action == {
        "kind": "summarize",
        "collection": "harbor",
        "document_id": doc,
        "target_language": None,
    }
    assert assistant.mode == "summary" and assistant.action == {}
    assert answer.message_id == assistant.id
    assert store.search("Harbor.pdf")[0].id == conversation.id
    assert "요약: Harbor.pdf" in store.export_markdown(conversation.id)


def test_a_stored_action_runs_again_from_what_it_recorded(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    doc = fake_library.add_document("harbor", "Harbor", [_page(1), _page(2)])
    conversation = store.create("notes", ["harbor"])
    backend = FakeBackend("번역된 문장.")
    service = ChatService(fake_library, store, backend)
    first = service.translate(
        collection="harbor", document_id=doc, target_language="ko", conversation_id=conversation.id
    )
    list(first)

    stored = store.messages(conversation.id)[0]
    assert stored.content == "Translate to Korean: Harbor.pdf"  # no label given: English
    again = service.translate(
        collection=stored.action["collection"],
        document_id=stored.action["document_id"],
        target_language=stored.action["target_language"],
        conversation_id=conversation.id,
    )
    answer = _done(list(again)).answer

    assert answer.language == "ko" and {p.page for p in answer.sources} == {1, 2}
    assert [m.content for m in store.messages(conversation.id) if m.role == "user"] == [
        "Translate to Korean: Harbor.pdf"
    ] * 2


def test_default_labels_name_the_file_and_the_target(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    doc = fake_library.add_document("harbor", "Harbor", ["Ships leave at noon."])
    conversation = store.create("notes", ["harbor"])
    service = ChatService(fake_library, store, FakeBackend("Done."))

    list(service.summarize("harbor", doc, conversation_id=conversation.id))
    list(service.translate(collection="harbor", document_id=doc, conversation_id=conversation.id))
    list(service.translate("Ships leave.", target_language="ko", conversation_id=conversation.id))

    users = [m for m in store.messages(conversation.id) if m.role == "user"]
    assert [m.content for m in users] == [
        "Summarize: Harbor.pdf",
        "Translate: Harbor.pdf",  # no target chosen: core picks the other language
        "Ships leave.",
    ]
    assert users[1].action["target_language"] is None
    assert users[2].action == {"kind": "translate", "target_language": "ko"}  # no document


def test_an_unknown_document_leaves_no_turn_in_the_conversation(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.add_document("harbor", "Harbor", ["text"])
    conversation = store.create("notes", ["harbor"])
    service = ChatService(fake_library, store, FakeBackend())

    events = list(service.summarize("harbor", 4242, conversation_id=conversation.id, label="x"))

    assert isinstance(events[-1], ErrorEvent) and "4242" in events[-1].message
    assert store.messages(conversation.id) == []


def test_quick_actions_need_a_model(fake_library: FakeLibrary, store: ConversationStore) -> None:
    service = ChatService(fake_library, store, backend=None)

    [event] = list(service.summarize("harbor", 1))

    assert isinstance(event, ErrorEvent) and "language model" in event.message


def test_unknown_document_is_an_error_event(
    fake_library: FakeLibrary, store: ConversationStore
) -> None:
    fake_library.add_document("harbor", "Harbor", ["text"])
    service = ChatService(fake_library, store, FakeBackend())

    events = list(service.summarize("harbor", 4242))

    assert isinstance(events[-1], ErrorEvent) and "4242" in events[-1].message
