"""The answer chain as LangChain Runnables: steps, streaming, events, cancel (scripted model)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.core.cancel import CancelToken
from app.core.chat.events import Answer, SourcesEvent, StatusEvent, TokenEvent
from app.core.chat.pipeline import AnswerState, answer_chain
from app.core.errors import PagefoldError
from tests.core.chat.fakes import FakeBackend, FakeLibrary, passage

HARBOR = [
    passage(1, "The keeper's cat is named Biscuit and sleeps near the lamp.", page=2),
    passage(2, "Ferries leave the port every morning at seven.", page=3),
]
REPLY = "The cat is called Biscuit [1]. Ferries run at seven [2]."


def test_the_chain_is_condense_retrieve_pack_generate(fake_library: FakeLibrary) -> None:
    chain = answer_chain(fake_library, FakeBackend(REPLY), collections=["harbor"])

    assert [step.get_name() for step in chain.steps] == [
        "condense",
        "retrieve",
        "pack",
        "generate",
    ]
    graph = [node.name for node in chain.get_graph().nodes.values()]
    assert graph == [
        "condense_input",
        "condense",
        "retrieve",
        "pack",
        "generate",
        "generate_output",
    ]
    assert "question" in str(chain.get_input_jsonschema())


def test_stream_yields_progress_tokens_then_the_cited_answer(fake_library: FakeLibrary) -> None:
    fake_library.passages = HARBOR
    chain = answer_chain(fake_library, FakeBackend(REPLY), collections=["harbor"])

    items = list(chain.stream("What is the cat called?"))

    kinds = [type(item) for item in items]
    assert kinds[0] is StatusEvent and kinds[-1] is Answer
    assert kinds.index(SourcesEvent) < kinds.index(TokenEvent)
    tokens = [item.text for item in items if isinstance(item, TokenEvent)]
    assert len(tokens) == len(REPLY.split())  # one event per piece the model wrote
    answer = items[-1]
    assert isinstance(answer, Answer)
    assert answer.text == "".join(tokens).strip()
    assert answer.cited == [1, 2]
    assert [p.page for p in answer.cited_sources] == [2, 3]


def test_invoke_returns_the_same_answer_alone(fake_library: FakeLibrary) -> None:
    fake_library.passages = HARBOR
    chain = answer_chain(fake_library, FakeBackend(REPLY), collections=["harbor"])

    answer = chain.invoke({"question": "What is the cat called?"})

    assert isinstance(answer, Answer)
    assert answer.text == REPLY and answer.cited == [1, 2] and not answer.stopped


def test_retrieve_searches_the_library_directly_and_keeps_passages(
    fake_library: FakeLibrary,
) -> None:
    fake_library.passages = HARBOR
    retrieve = answer_chain(fake_library, None, collections=["harbor"]).steps[1]

    state = retrieve.invoke("Where does the cat sleep?")

    assert isinstance(state, AnswerState)
    assert fake_library.queries == ["Where does the cat sleep?"]
    assert state.passages == HARBOR  # the library's own Passage objects, no Document detour


def test_history_in_the_request_condenses_a_follow_up(fake_library: FakeLibrary) -> None:
    fake_library.passages = HARBOR

    def reply(messages: list[dict[str, str]]) -> str:
        if "Standalone question:" in messages[-1]["content"]:
            return "When do the ferries leave the port?"
        return "At seven [2]."

    chain = answer_chain(fake_library, FakeBackend(reply), collections=["harbor"])
    history = [
        {"role": "user", "content": "Tell me about the ferries."},
        {"role": "assistant", "content": "They leave from the port [2]."},
    ]

    answer = chain.invoke({"question": "When do they leave?", "history": history})

    assert isinstance(answer, Answer)
    assert fake_library.queries == ["When do the ferries leave the port?"]
    assert answer.standalone_question == "When do the ferries leave the port?"
    assert answer.cited == [2]


def test_a_cancel_token_in_the_config_stops_the_stream(fake_library: FakeLibrary) -> None:
    fake_library.passages = HARBOR
    backend = FakeBackend(" ".join(["word"] * 200), delay_s=0.005)
    chain = answer_chain(fake_library, backend, collections=["harbor"])
    cancel = CancelToken()
    tokens = 0

    for item in chain.stream("Go on?", {"configurable": {"cancel": cancel}}):
        if isinstance(item, TokenEvent):
            tokens += 1
            if tokens == 3:
                cancel.cancel()
        last = item

    assert isinstance(last, Answer) and last.stopped
    assert 3 <= tokens < 200
    assert last.text.split() == ["word"] * len(last.text.split())


def test_a_cancel_before_retrieval_asks_neither_library_nor_model(
    fake_library: FakeLibrary,
) -> None:
    fake_library.passages = HARBOR
    backend = FakeBackend(REPLY)
    cancel = CancelToken()
    cancel.cancel()

    answer = answer_chain(fake_library, backend, collections=["harbor"]).invoke(
        "What is the cat called?", {"configurable": {"cancel": cancel}}
    )

    assert isinstance(answer, Answer) and answer.stopped and answer.text == ""
    assert fake_library.queries == [] and backend.calls == []


def test_astream_events_carries_the_model_tokens_and_the_answer(
    fake_library: FakeLibrary,
) -> None:
    fake_library.passages = HARBOR
    chain = answer_chain(fake_library, FakeBackend(REPLY), collections=["harbor"])

    async def collect() -> list[dict[str, object]]:
        events = chain.astream_events("What is the cat called?", version="v2")
        return [dict(event) async for event in events]

    events = asyncio.run(collect())

    model_tokens = [
        e["data"]["chunk"].content  # type: ignore[index]
        for e in events
        if e["event"] == "on_chat_model_stream"
    ]
    assert "".join(model_tokens).strip() == REPLY
    streamed = [
        e["data"]["chunk"]  # type: ignore[index]
        for e in events
        if e["event"] == "on_chain_stream" and e["name"] == "pagefold-answer"
    ]
    assert sum(isinstance(c, TokenEvent) for c in streamed) == len(REPLY.split())
    assert isinstance(streamed[-1], Answer) and streamed[-1].cited == [1, 2]


def test_astream_stops_on_cancel_from_another_thread(fake_library: FakeLibrary) -> None:
    fake_library.passages = HARBOR
    backend = FakeBackend(" ".join(["w"] * 500), delay_s=0.01)
    chain = answer_chain(fake_library, backend, collections=["harbor"])
    cancel = CancelToken()
    threading.Timer(0.1, cancel.cancel).start()

    async def collect() -> list[object]:
        config = {"configurable": {"cancel": cancel}}
        return [item async for item in chain.astream("Go on?", config)]  # type: ignore[arg-type]

    items = asyncio.run(collect())

    assert isinstance(items[-1], Answer) and items[-1].stopped
    assert sum(isinstance(i, TokenEvent) for i in items) < 500


def test_a_request_without_question_or_collection_says_what_is_missing(
    fake_library: FakeLibrary,
) -> None:
    chain = answer_chain(fake_library, FakeBackend(REPLY))

    with pytest.raises(PagefoldError, match="Type a question"):
        chain.invoke({"question": "  ", "collections": ["harbor"]})
    with pytest.raises(PagefoldError, match="at least one collection"):
        chain.invoke("What is the cat called?")
