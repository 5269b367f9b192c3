"""Chat with the model alone: no collection, no retrieval, no citations.

Every desktop LLM app can simply talk to its model; Pagefold chats this way when the user picks
"No documents". The turn is stored like any other (by ``recording``; mode ``"chat"``, no
sources), so a conversation with an empty collection list continues as plain chat from the CLI
or the window.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from app.core.cancel import CancelToken
from app.core.chat.backends import ChatBackend
from app.core.chat.chain import PromptRunner, history_messages
from app.core.chat.events import Answer, ChatEvent, DoneEvent, SourcesEvent, StatusEvent, TokenEvent
from app.core.chat.language import answer_language
from app.core.chat.packing import pack
from app.core.chat.prompts import chat_template
from app.core.chat.recording import TurnRecord
from app.core.config import Settings
from app.core.errors import ModelError
from app.core.storage.conversations import ConversationStore

NEEDS_MODEL = (
    "Chat without documents needs a language model: choose one in Settings → Model, "
    "or pass --model."
)
_WRITING = {"en": "Writing the answer…", "ko": "답을 쓰는 중…"}


class PlainTurn:
    """One question answered by ``backend`` from the conversation so far, without documents."""

    def __init__(
        self, store: ConversationStore, backend: ChatBackend | None, settings: Settings
    ) -> None:
        if backend is None:
            raise ModelError(NEEDS_MODEL)
        self.store = store
        self.backend = backend
        self.settings = settings
        self.runner = PromptRunner(backend)

    def run(
        self, question: str, conversation_id: int | None, cancel: CancelToken | None
    ) -> Iterator[ChatEvent]:
        question = question.strip()
        record = TurnRecord.open(self.store, self.settings, conversation_id, question, [])
        yield from record.record(question, self._answer(question, record.history(), cancel))

    def _answer(
        self, question: str, history: list[dict[str, str]], cancel: CancelToken | None
    ) -> Iterator[ChatEvent]:
        started = time.perf_counter()
        language = answer_language(question, self.settings.generation.answer_language)
        template = chat_template("chat", language)

        def render(kept: list[dict[str, str]], _passages: object) -> list[dict[str, str]]:
            variables = {"question": question, "history": history_messages(kept)}
            return self.runner.messages(template, variables)

        generation = self.settings.generation
        packed = pack(
            render, self.runner.counter, history, [], self.backend.context_length,
            generation.max_new_tokens,
        )  # fmt: skip
        yield SourcesEvent([])
        yield StatusEvent(_WRITING[language])
        variables = {"question": question, "history": history_messages(packed.history)}
        pieces: list[str] = []
        stream = self.runner.stream(
            template, variables, packed.answer_tokens, generation.temperature, cancel
        )
        for piece in stream:
            pieces.append(piece)
            yield TokenEvent(piece)
        yield DoneEvent(
            Answer(
                text="".join(pieces).strip(),
                sources=[],
                cited=[],
                mode="chat",
                model=self.backend.name,
                language=language,
                timings={"total_s": round(time.perf_counter() - started, 4)},
                standalone_question=question,
                stopped=cancel is not None and cancel.cancelled,
            )
        )
