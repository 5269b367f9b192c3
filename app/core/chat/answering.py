"""One question in a conversation: the answer chain (``pipeline``), with the turn stored.

The answering itself (condense, retrieve, pack, stream, cite) is the LangChain chain of
``pipeline.answer_chain``, the same object a LangChain app of a user's own can import; this
module only adds what belongs to Pagefold's conversations: the question and the answer are
stored (by ``recording``, as every kind of turn is), and the chain's ``Answer`` reaches the CLI
and the window as a ``DoneEvent``. A stop request ends the turn with what was written so far
(kept, marked as stopped).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from app.core.cancel import CancelToken
from app.core.chat.backends import ChatBackend
from app.core.chat.events import (
    Answer,
    ChatEvent,
    DoneEvent,
    SourcesEvent,
    StatusEvent,
    TokenEvent,
)
from app.core.chat.pipeline import AnswerRequest, PassageSearch, answer_chain
from app.core.chat.recording import TurnRecord
from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.storage.conversations import ConversationStore

log = logging.getLogger(__name__)


class AnswerTurn:
    """Answers questions against a library with one backend (or none: passages only)."""

    def __init__(
        self,
        library: PassageSearch,
        store: ConversationStore,
        backend: ChatBackend | None,
        settings: Settings,
    ) -> None:
        self.store = store
        self.settings = settings
        self.chain = answer_chain(library, backend, settings)

    def run(
        self,
        question: str,
        collections: Sequence[str],
        conversation_id: int | None,
        cancel: CancelToken | None,
        document_ids: Sequence[int] | None,
    ) -> Iterator[ChatEvent]:
        if conversation_id is None and not collections:
            raise PagefoldError("Choose at least one collection to ask about.")
        record = TurnRecord.open(
            self.store, self.settings, conversation_id, question, collections, rescope=True
        )
        request: AnswerRequest = {
            "question": question,
            "collections": list(record.conversation.collections),
            "history": record.history(),
            "document_ids": document_ids,
        }
        yield from record.record(question, self._events(request, cancel))

    def _events(self, request: AnswerRequest, cancel: CancelToken | None) -> Iterator[ChatEvent]:
        """The chain's stream as chat events: its ``Answer`` becomes the ``DoneEvent``."""
        for item in self.chain.stream(request, {"configurable": {"cancel": cancel}}):
            if isinstance(item, Answer):
                yield DoneEvent(item)
            elif isinstance(item, StatusEvent | SourcesEvent | TokenEvent):
                yield item
