"""A real question over a real PDF: MiniLM retrieval, Chroma, SmolLM2 writing the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.chat.backends import LocalBackend
from app.core.chat.events import DoneEvent, SourcesEvent, TokenEvent
from app.core.chat.service import ChatService
from app.core.storage.conversations import ConversationStore
from tests.core.chat.harbor import CAT_FACT, CAT_PAGE, CAT_QUESTION, make_harbor_pdf
from tests.core.models.smollm2 import smollm2_runtime

pytestmark = pytest.mark.slow


@pytest.fixture
def service(library, smollm2_gguf: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    library.ingest("harbor", [make_harbor_pdf(tmp_path)])
    library.settings.generation.max_new_tokens = 48
    library.settings.generation.temperature = 0.0
    store = ConversationStore(library.layout.conversations_db)
    yield ChatService(library, store, LocalBackend(smollm2_runtime(smollm2_gguf)))
    store.close()


def test_answer_contains_the_fact_and_cites_its_page(service: ChatService) -> None:
    events = list(service.ask(CAT_QUESTION, ["harbor"]))

    done = events[-1]
    assert isinstance(done, DoneEvent), done
    answer = done.answer
    assert CAT_FACT in answer.text
    assert CAT_PAGE in [p.page for p in answer.cited_sources]
    assert sum(isinstance(e, TokenEvent) for e in events) > 3  # streamed
    sources = next(e for e in events if isinstance(e, SourcesEvent)).passages
    assert sources[0].page == CAT_PAGE  # retrieval ranked the right page first
    stored = service.conversations.messages(answer.conversation_id or 0)
    assert stored[-1].content == answer.text and stored[-1].cited == answer.cited


def test_stop_mid_answer_keeps_what_was_written(service: ChatService) -> None:
    cancel = CancelToken()
    tokens = 0
    for event in service.ask(
        "Describe everything about the lighthouse and the cat.", ["harbor"], cancel=cancel
    ):
        if isinstance(event, TokenEvent):
            tokens += 1
            if tokens == 2:
                cancel.cancel()
        last = event

    assert isinstance(last, DoneEvent) and last.answer.stopped
    assert last.answer.text
    assert tokens <= 3
