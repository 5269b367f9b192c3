"""One question in a conversation: the answer chain (``pipeline``), with the turn stored.

The answering itself (condense, retrieve, pack, stream, cite) is the LangChain chain of
``pipeline.answer_chain``, the same object a LangChain app of a user's own can import; this
module only adds what belongs to Pagefold's conversations: the question and the answer are
stored, and the chain's ``Answer`` reaches the CLI and the window as a ``DoneEvent``. A stop
request ends the turn with what was written so far (kept, marked as stopped).
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
from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.storage.conversations import Conversation, ConversationStore, Message

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
        conversation = self._conversation(question, collections, conversation_id)
        scope = list(collections) or conversation.collections
        history = self.store.history(conversation.id)
        self.store.add_message(conversation.id, "user", question.strip())
        request: AnswerRequest = {
            "question": question,
            "collections": scope,
            "history": history,
            "document_ids": document_ids,
        }
        for item in self.chain.stream(request, {"configurable": {"cancel": cancel}}):
            if isinstance(item, Answer):
                item.conversation_id = conversation.id
                if item.text or not item.stopped:
                    item.message_id = self._store(item, scope).id
                yield DoneEvent(item)
            elif isinstance(item, StatusEvent | SourcesEvent | TokenEvent):
                yield item

    def _conversation(
        self, question: str, collections: Sequence[str], conversation_id: int | None
    ) -> Conversation:
        if conversation_id is None:
            if not collections:
                raise PagefoldError("Choose at least one collection to ask about.")
            return self.store.create(question, collections)
        conversation = self.store.get(conversation_id)
        if collections and list(collections) != conversation.collections:
            self.store.set_collections(conversation.id, collections)
            conversation.collections = list(collections)
        return conversation

    def _store(self, answer: Answer, collections: list[str]) -> Message:
        generation = self.settings.generation
        return self.store.add_message(
            answer.conversation_id or 0,
            "assistant",
            answer.text,
            sources=answer.sources,
            cited=answer.cited,
            mode=answer.mode,
            model=answer.model,
            settings={
                "temperature": generation.temperature,
                "max_new_tokens": generation.max_new_tokens,
                "answer_language": generation.answer_language,
                "k": self.settings.retrieval.k,
                "collections": collections,
            },
            extra={
                "language": answer.language,
                "timings": answer.timings,
                "standalone_question": answer.standalone_question,
                "stopped": answer.stopped,
                "attributed": answer.attributed,
                "refused": answer.refused,
            },
        )
