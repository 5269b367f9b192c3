"""One place that keeps a chat turn in its conversation, whatever answered it.

A question (``answering``), a chat with the model alone (``plain``) and a quick action
(``service``: summarize, translate) all open their conversation here (creating it when the turn
starts a new chat, and saying so first with a ``ConversationEvent``), store the user's turn, and
store the answer with the same metadata, so a summary can be re-checked page by page like an
answer. Before this module the answer was stored in two places with different fields (a summary
lost ``stopped``, the settings and the scope), and the window created its own conversations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from app.core.chat.events import Answer, ChatEvent, ConversationEvent, DoneEvent
from app.core.config import Settings
from app.core.storage.conversations import Conversation, ConversationStore, Message


class TurnRecord:
    """The conversation of one turn: opened (or created) once, then written in turn order."""

    def __init__(
        self,
        store: ConversationStore,
        settings: Settings,
        conversation: Conversation,
        created: bool,
    ) -> None:
        self.store = store
        self.settings = settings
        self.conversation = conversation
        self.created = created

    @classmethod
    def open(
        cls,
        store: ConversationStore,
        settings: Settings,
        conversation_id: int | None,
        title: str,
        scope: Sequence[str],
        *,
        rescope: bool = False,
    ) -> TurnRecord:
        """The conversation ``conversation_id``, or a new one titled ``title`` over ``scope``.

        ``rescope``: a question asked over other collections moves the stored scope to them
        (a quick action on one document leaves the conversation's scope alone)."""
        if conversation_id is None:
            return cls(store, settings, store.create(title, list(scope)), created=True)
        conversation = store.get(conversation_id)
        if rescope and scope and list(scope) != conversation.collections:
            store.set_collections(conversation.id, scope)
            conversation.collections = list(scope)
        return cls(store, settings, conversation, created=False)

    @property
    def id(self) -> int:
        return self.conversation.id

    def history(self) -> list[dict[str, str]]:
        """The turns before this one, as a prompt needs them (read before the user's is kept)."""
        return self.store.history(self.conversation.id)

    def record(
        self, user_text: str, events: Iterator[ChatEvent], action: dict[str, Any] | None = None
    ) -> Iterator[ChatEvent]:
        """Relay ``events``: a ``ConversationEvent`` first when the conversation is new, the
        user's turn stored before the answer starts, the answer stored when it is done (a stop
        before any text keeps nothing), its ids set on the ``Answer``."""
        if self.created:
            yield ConversationEvent(self.conversation.id, created=True)
        self.store.add_message(self.conversation.id, "user", user_text.strip(), action=action)
        for event in events:
            if isinstance(event, DoneEvent):
                answer = event.answer
                answer.conversation_id = self.conversation.id
                if answer.text or not answer.stopped:
                    answer.message_id = self.answer(answer).id
            yield event

    def answer(self, answer: Answer) -> Message:
        """The assistant's turn with everything needed to check it later; the same fields for
        an answer, a chat reply, a summary and a translation."""
        generation = self.settings.generation
        return self.store.add_message(
            self.conversation.id,
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
                "collections": list(self.conversation.collections),
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
