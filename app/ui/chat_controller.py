"""Streams ``ChatService`` events (ask, summarize, translate) into the chat model; stop, regenerate.

Events are matched on the classes of ``app.core.chat.events`` (a module of plain dataclasses:
importing it loads no LangChain), so mypy checks every field this module reads.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.cancel import CancelToken
from app.core.chat import events as ev
from app.ui import chat_requests
from app.ui.chat_requests import ChatRequest
from app.ui.models.chat import ChatMessage, ChatModel
from app.ui.services import Services
from app.ui.workers import TaskHub, Worker, user_message

log = logging.getLogger(__name__)


def _field(obj: Any, *names: str, default: Any = None) -> Any:
    """Read the first present attribute or key: core records may be dataclasses or dicts."""
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _passage(raw: Any) -> Any:
    """Stored sources may come back as dicts; the views want Passage-like objects."""
    if isinstance(raw, dict):
        from app.core.storage.passage import Passage

        fields = Passage.__dataclass_fields__
        return Passage(**{k: v for k, v in raw.items() if k in fields})
    return raw


def to_chat_message(record: Any) -> ChatMessage:
    """A stored message (any reasonable shape) as the window shows it; a user turn that ran a
    summary or translation gets that request back, as when it was sent from the window."""
    role = str(_field(record, "role", "author", default="assistant"))
    author = "user" if role in ("user", "human") else "assistant"
    text = str(_field(record, "text", "content", default=""))
    action = _field(record, "action", default=None) if author == "user" else None
    return ChatMessage(
        author=author,
        text=text,
        sources=[_passage(p) for p in _field(record, "sources", default=[]) or []],
        cited=list(_field(record, "cited", default=[]) or []),
        mode=str(_field(record, "mode", default="answer") or "answer"),
        model=str(_field(record, "model", default="") or ""),
        id=_field(record, "id"),
        request=chat_requests.stored(action if isinstance(action, dict) else None, text),
    )


class ChatController(QObject):
    """Owns the open conversation's ``ChatModel`` and the answer being streamed."""

    busy_changed = Signal(bool)
    conversation_changed = Signal(object)  # id or None
    conversations_changed = Signal()  # the list needs a refresh (a new one was created)
    sources_ready = Signal(int)  # row of an answer whose sources arrived
    error = Signal(str)
    damaged = Signal(str, str)  # collection, message: a search found it damaged; offer repair

    def __init__(self, services: Services, hub: TaskHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.model = ChatModel(self)
        self.conversation_id: Any = None
        self.collections: list[str] = []
        self.no_documents = False  # questions go to the model alone (the scope's "No documents")
        self.loading_model = ""  # the model being loaded: a question waits for it, and says so
        self._waiting = False
        self._cancel: CancelToken | None = None
        self._worker: Worker | None = None
        self._row: int | None = None
        self._generation = 0  # ignores events from a stream the user already left

    @property
    def busy(self) -> bool:
        return self._row is not None

    # -- opening conversations ---------------------------------------------------------------

    def new_conversation(self) -> None:
        self.stop()
        self.conversation_id = None
        self.model.set_messages([])
        self.conversation_changed.emit(None)

    def open_conversation(self, conversation_id: Any) -> None:
        if conversation_id == self.conversation_id and not self.busy:
            return
        self.stop()
        self.conversation_id = conversation_id
        self.conversation_changed.emit(conversation_id)
        self.hub.call(
            "io",
            self._load_messages,
            conversation_id,
            on_result=self._on_messages,
            on_error=lambda error: self.error.emit(user_message(error)),
        )

    def _load_messages(self, conversation_id: Any) -> tuple[Any, list[ChatMessage]]:
        records = self.services.conversations().messages(conversation_id)
        messages = [to_chat_message(r) for r in records]
        for i, message in enumerate(messages):  # answers remember their question
            if message.author == "assistant" and i and messages[i - 1].author == "user":
                asked = messages[i - 1]
                message.question = asked.text if asked.request is None else asked.request.question
        return conversation_id, messages

    def _on_messages(self, result: tuple[Any, list[ChatMessage]]) -> None:
        conversation_id, messages = result
        if conversation_id == self.conversation_id:
            self.model.set_messages(messages)

    # -- asking ------------------------------------------------------------------------------

    def ask(self, question: str) -> bool:
        """Send ``question``; False when an answer is still streaming."""
        question = question.strip()
        if not question:
            return False
        return self.run(chat_requests.question(question))

    def run(self, request: ChatRequest) -> bool:
        """Stream ``request`` (a question, a summary, a translation) into the chat as one turn:
        the user's row, then the answer with Stop, citations and sources. False when busy."""
        if self.busy:
            return False
        if request.kind == chat_requests.ASK:
            request = replace(request, plain=self.no_documents)
        self.model.append(ChatMessage("user", request.label, request=request))
        self._row = self.model.append(
            ChatMessage(
                "assistant",
                state="streaming",
                status=self._first_status(request),
                question=request.question,
            )
        )
        self.busy_changed.emit(True)
        self._cancel = CancelToken()
        self._generation += 1
        generation = self._generation
        self._worker = self.hub.stream(
            "model",
            self._run,
            request,
            list(self.collections),
            self.conversation_id,
            self._cancel,
            generation,
            on_event=self._on_event,
            on_error=lambda error: self._on_error(error, generation),
            on_result=lambda _result: self._on_finished(generation),
        )
        return True

    def _first_status(self, request: ChatRequest) -> str:
        self._waiting = bool(self.loading_model)
        if self._waiting:
            return self.tr("Waiting for %1 to load…").replace("%1", self.loading_model)
        return chat_requests.first_status(request)

    def model_ready(self) -> None:
        """The load a question was waiting for ended: it runs now (or failed, and says so)."""
        self.loading_model = ""
        if self._waiting and self._row is not None:
            self.model.update(self._row, status=self.tr("Model loaded; working on it…"))
        self._waiting = False

    def _run(
        self,
        request: ChatRequest,
        collections: list[str],
        conversation_id: Any,
        cancel: CancelToken,
        generation: int,
    ) -> Iterator[tuple[int, ev.ChatEvent]]:
        """Worker side: relay core's events. A new chat passes no conversation: core creates
        it and says so first (``ConversationEvent``); a request core refuses creates none."""
        chat = self.services.chat()
        for event in request.events(chat, collections, conversation_id, cancel):
            yield generation, event

    def _on_event(self, item: tuple[int, ev.ChatEvent]) -> None:
        generation, event = item
        row = self._row
        if generation != self._generation or row is None:
            return
        match event:
            case ev.ConversationEvent(conversation_id=conversation_id, created=True):
                self.conversation_id = conversation_id
                self.conversation_changed.emit(conversation_id)
                self.conversations_changed.emit()
            case ev.StatusEvent(text=text):
                self.model.update(row, status=text)
            case ev.SourcesEvent(passages=passages):
                self.model.update(row, sources=list(passages))
                self.sources_ready.emit(row)
            case ev.TokenEvent(text=text):
                if self.model.message(row).status:
                    self.model.update(row, status="")
                self.model.append_text(row, text)
            case ev.DoneEvent(answer=answer):
                self._finish(row, answer)
            case ev.ErrorEvent(message=message, damaged_collection=damaged):
                self._fail(row, message)
                if damaged:
                    self.damaged.emit(damaged, message)

    def _finish(self, row: int, answer: ev.Answer) -> None:
        message = self.model.message(row)
        self.model.update(
            row,
            text=answer.text or message.text,
            sources=list(answer.sources or message.sources),
            state="stopped" if answer.stopped else "done",
            status="",
            cited=list(answer.cited),
            mode=answer.mode or "answer",
            model=answer.model,
        )
        self.sources_ready.emit(row)
        self._end()

    def _fail(self, row: int, message: str) -> None:
        self.model.update(row, state="error", status=message)
        self._end()

    def _on_error(self, error: BaseException, generation: int) -> None:
        log.error("chat failed", exc_info=error)
        if generation != self._generation:
            return
        if self._row is not None:
            self._fail(self._row, user_message(error))
        else:
            self.error.emit(user_message(error))
        from app.core.storage.failures import DamagedCollectionError

        if isinstance(error, DamagedCollectionError):
            self.damaged.emit(error.collection, str(error))

    def _on_finished(self, generation: int) -> None:
        """The stream ended; without a DoneEvent the answer is as complete as it got."""
        if generation == self._generation and self._row is not None:
            self.model.update(self._row, state="done", status="")
            self._end()

    def stop(self) -> None:
        """Stop the answer now; the partial text stays, the worker winds down on its own."""
        if self._cancel is not None:
            self._cancel.cancel()
        if self._row is not None:
            self.model.update(self._row, state="stopped", status="")
            self._end()

    def _end(self) -> None:
        self._row = None
        self._worker = None
        self.busy_changed.emit(False)

    # -- regenerate and edit -----------------------------------------------------------------

    def regenerate(self) -> None:
        """Ask the last question again, replacing its answer on screen."""
        user_row = self.model.last_row("user")
        if user_row is None or self.busy:
            return
        message = self.model.message(user_row)
        request = message.request or chat_requests.question(message.text)
        self.model.truncate(user_row)
        self.run(request)

    def take_last_question(self) -> str:
        """Remove the last question and its answer, returning the question for editing.

        A summary or translation is not a question to edit: it stays, and "" comes back."""
        user_row = self.model.last_row("user")
        if user_row is None or self.busy:
            return ""
        request = self.model.message(user_row).request
        if request is not None and not request.editable:
            return ""
        question = self.model.message(user_row).text
        self.model.truncate(user_row)
        return question

    def wait(self, msecs: int) -> bool:
        return not self.hub.busy("model") or self.hub.wait(msecs)
