"""The chat facade the window and the CLI use: ask, summarize, translate, as event streams.

Every method is a generator of ``ChatEvent``; errors a user can cause arrive as an
``ErrorEvent`` (never an exception in the middle of a stream), so a consumer needs one loop.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from app.core.cancel import CancelToken
from app.core.chat.answering import AnswerTurn
from app.core.chat.backends import ChatBackend
from app.core.chat.events import ChatEvent, ErrorEvent
from app.core.chat.language import Language
from app.core.chat.recording import TurnRecord
from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.retrieval.query import check_query
from app.core.storage.conversations import ConversationStore, action_label
from app.core.storage.failures import DamagedCollectionError

if TYPE_CHECKING:
    from app.core.chat.actions import QuickActions

log = logging.getLogger(__name__)

NEEDS_MODEL = {
    "summarize": "Summaries need a language model: choose one in Settings → Model.",
    "translate": "Translation needs a language model: choose one in Settings → Model.",
}


class ChatService:
    """Answers from a library; with ``backend=None`` it runs in search-only mode."""

    def __init__(
        self,
        library: Any,
        conversations: ConversationStore,
        backend: ChatBackend | None,
        settings: Settings | None = None,
    ) -> None:
        self.library = library
        self.conversations = conversations
        self.backend = backend
        self.settings: Settings = settings or library.settings

    @property
    def search_only(self) -> bool:
        return self.backend is None

    def ask(
        self,
        question: str,
        collections: Sequence[str],
        conversation_id: int | None = None,
        cancel: CancelToken | None = None,
        document_ids: Sequence[int] | None = None,
    ) -> Iterator[ChatEvent]:
        """Answer ``question`` from ``collections``; the turn is stored in the conversation
        (a new one when ``conversation_id`` is None, announced first by a ``ConversationEvent``;
        its id is also on the answer)."""
        if not question.strip():
            yield ErrorEvent("Type a question first.")
            return
        try:
            check_query(question)  # before the conversation, the language check, the model
        except PagefoldError as exc:
            yield ErrorEvent(str(exc))
            return
        if not collections and self._plain(conversation_id):
            yield from self.chat(question, conversation_id, cancel)
            return
        turn = AnswerTurn(self.library, self.conversations, self.backend, self.settings)
        events = turn.run(question, collections, conversation_id, cancel, document_ids)
        scope = list(collections) or self._stored_scope(conversation_id)
        yield from _guarded(self._with_adapter(scope, events))

    def chat(
        self,
        question: str,
        conversation_id: int | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ChatEvent]:
        """Answer from the model alone ("No documents"): no retrieval, no citations."""
        if not question.strip():
            yield ErrorEvent("Type a question first.")
            return
        try:
            check_query(question)
        except PagefoldError as exc:
            yield ErrorEvent(str(exc))
            return
        from app.core.chat.plain import PlainTurn

        def run() -> Iterator[ChatEvent]:
            turn = PlainTurn(self.conversations, self.backend, self.settings)
            yield from self._with_adapter([], turn.run(question, conversation_id, cancel))

        yield from _guarded(run())

    def _with_adapter(
        self, collections: Sequence[str], events: Iterator[ChatEvent]
    ) -> Iterator[ChatEvent]:
        """Put the collections' LoRA adapter on the local model (or take it off) first."""
        runtime = getattr(self.backend, "runtime", None)
        if runtime is not None and getattr(runtime, "loaded", False):
            from app.core.models.adapters import AdapterRegistry
            from app.core.models.lora import collection_adapter

            adapter = None
            catalog = getattr(self.library, "catalog", None)
            if collections and catalog is not None:
                registry = AdapterRegistry(self.settings.layout, catalog)
                adapter = collection_adapter(registry, collections)
            runtime.use_adapter(adapter.path if adapter is not None else None)
        yield from events

    def _stored_scope(self, conversation_id: int | None) -> list[str]:
        if conversation_id is None:
            return []
        try:
            return self.conversations.get(conversation_id).collections
        except PagefoldError:
            return []

    def _plain(self, conversation_id: int | None) -> bool:
        """A stored conversation without collections was started without documents."""
        if conversation_id is None:
            return False
        try:
            return not self.conversations.get(conversation_id).collections
        except PagefoldError:  # an unknown id: the answering turn reports it
            return False

    def summarize(
        self,
        collection: str,
        document_id: int,
        cancel: CancelToken | None = None,
        conversation_id: int | None = None,
        label: str | None = None,
    ) -> Iterator[ChatEvent]:
        """Summary of a whole document with [n] citations (n → a page); map-reduce when long.

        The turn is kept in ``conversation_id`` (a new conversation when None, announced first
        by a ``ConversationEvent``); the user's turn reads ``label`` (the window's row, in its
        language; by default "Summarize: report.pdf") and keeps the action, so it can be run
        again."""
        if self.backend is None:
            yield ErrorEvent(NEEDS_MODEL["summarize"])
            return
        from app.core.chat.actions import QuickActions

        actions = QuickActions(self.library, self.backend, self.settings)
        action = {
            "kind": "summarize",
            "collection": collection,
            "document_id": document_id,
            "target_language": None,
        }
        events = self._with_adapter(
            [collection], actions.summarize(collection, document_id, cancel)
        )
        yield from _guarded(self._quick_turn(actions, events, conversation_id, action, label))

    def translate(
        self,
        text: str | None = None,
        *,
        collection: str | None = None,
        document_id: int | None = None,
        target_language: Language | None = None,
        cancel: CancelToken | None = None,
        conversation_id: int | None = None,
        label: str | None = None,
    ) -> Iterator[ChatEvent]:
        """Translate ``text``, or a whole document, into Korean or English (default: the other
        language of the source). ``label`` as for ``summarize`` (by default the text, or
        "Translate to Korean: report.pdf")."""
        if self.backend is None:
            yield ErrorEvent(NEEDS_MODEL["translate"])
            return
        from app.core.chat.actions import QuickActions

        actions = QuickActions(self.library, self.backend, self.settings)
        events = actions.translate(
            text,
            collection=collection,
            document_id=document_id,
            target_language=target_language,
            cancel=cancel,
        )
        action: dict[str, Any] = {"kind": "translate", "target_language": target_language}
        if text is None:
            action.update(collection=collection, document_id=document_id)
        label = label or text
        yield from _guarded(self._quick_turn(actions, events, conversation_id, action, label))

    def _quick_turn(
        self,
        actions: QuickActions,
        events: Iterator[ChatEvent],
        conversation_id: int | None,
        action: dict[str, Any],
        label: str | None,
    ) -> Iterator[ChatEvent]:
        """Keep a quick action in its conversation (a new one over the document's collection
        when none is given), with the user's turn as ``label`` and the action. The document is
        looked up first, so an unknown one creates and stores nothing."""
        if "document_id" in action:
            name = actions.document_name(action["collection"], action["document_id"])
            label = label or action_label(action["kind"], name, action["target_language"])
        text = label or ""
        scope = [action["collection"]] if action.get("collection") else []
        record = TurnRecord.open(self.conversations, self.settings, conversation_id, text, scope)
        yield from record.record(text, events, action=action)


def _guarded(events: Iterator[ChatEvent]) -> Iterator[ChatEvent]:
    """User-caused errors become an ErrorEvent ending the stream."""
    try:
        yield from events
    except PagefoldError as exc:
        log.info("chat turn ended with: %s", exc)
        damaged = exc.collection if isinstance(exc, DamagedCollectionError) else ""
        yield ErrorEvent(str(exc), damaged)
