"""What the chat streams: a typed question, or a quick action on a whole document.

A request picks the ``ChatService`` generator it runs; all three yield the same events, so the
chat controller streams, stops and stores them the same way. Quick actions are offered wherever
documents are listed (the documents dialog, a source card), built here so the labels match.
Core stores the label and the action with the user's turn; ``stored`` turns them back into the
request, so a reopened conversation regenerates a summary as a summary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

ASK, SUMMARIZE, TRANSLATE = "ask", "summarize", "translate"


@dataclass(frozen=True)
class ChatRequest:
    """One turn; ``label`` is the text of the user's row in the chat."""

    kind: str  # ASK | SUMMARIZE | TRANSLATE
    label: str
    question: str = ""
    collection: str = ""
    document_id: int | None = None
    target_language: str | None = None  # "ko" | "en"; None lets core pick the other language
    plain: bool = False  # a question for the model alone ("No documents")

    @property
    def editable(self) -> bool:
        """Only a typed question can go back into the composer (edit and resend)."""
        return self.kind == ASK

    @property
    def needs_model(self) -> bool:
        """Summaries and translations are written by a model; search-only mode cannot."""
        return self.kind != ASK

    def events(
        self, chat: Any, collections: Sequence[str], conversation_id: Any, cancel: Any
    ) -> Iterator[Any]:
        """The service's event stream for this request (runs on a worker thread)."""
        if self.kind == SUMMARIZE:
            return iter(
                chat.summarize(
                    self.collection,
                    self.document_id,
                    cancel=cancel,
                    conversation_id=conversation_id,
                    label=self.label,
                )
            )
        if self.kind == TRANSLATE:
            return iter(
                chat.translate(
                    collection=self.collection,
                    document_id=self.document_id,
                    target_language=self.target_language,
                    cancel=cancel,
                    conversation_id=conversation_id,
                    label=self.label,
                )
            )
        if self.plain:  # "No documents": the model alone, no search, no citations
            return iter(chat.chat(self.question, conversation_id=conversation_id, cancel=cancel))
        return iter(
            chat.ask(
                self.question, list(collections), conversation_id=conversation_id, cancel=cancel
            )
        )


def question(text: str) -> ChatRequest:
    return ChatRequest(ASK, text, question=text)


def summarize(collection: str, document_id: int, title: str) -> ChatRequest:
    label = QCoreApplication.translate("ChatRequest", "Summarize: %1").replace("%1", title)
    return ChatRequest(SUMMARIZE, label, collection=collection, document_id=document_id)


def translate(collection: str, document_id: int, title: str, target: str) -> ChatRequest:
    if target == "ko":
        text = QCoreApplication.translate("ChatRequest", "Translate to Korean: %1")
    else:
        text = QCoreApplication.translate("ChatRequest", "Translate to English: %1")
    return ChatRequest(
        TRANSLATE,
        text.replace("%1", title),
        collection=collection,
        document_id=document_id,
        target_language=target,
    )


def stored(action: Mapping[str, Any] | None, label: str) -> ChatRequest | None:
    """The request a stored user turn ran, from the action core kept with it; None for a typed
    question or an action the window cannot run again (a translation of pasted text)."""
    if not action or action.get("kind") not in (SUMMARIZE, TRANSLATE):
        return None
    collection = str(action.get("collection") or "")
    document_id = action.get("document_id")
    if not collection or not isinstance(document_id, int):
        return None
    target = action.get("target_language") if action["kind"] == TRANSLATE else None
    return ChatRequest(
        str(action["kind"]),
        label,
        collection=collection,
        document_id=document_id,
        target_language=target if target in ("ko", "en") else None,
    )


def action_labels() -> list[tuple[str, str]]:
    """(label, icon name) of the quick actions, in the order ``document_actions`` returns."""
    return [
        (QCoreApplication.translate("ChatRequest", "Summarize"), "sparkle"),
        (QCoreApplication.translate("ChatRequest", "Translate to Korean"), "chat"),
        (QCoreApplication.translate("ChatRequest", "Translate to English"), "chat"),
    ]


def document_actions(
    collection: str, document_id: int, title: str
) -> list[tuple[str, str, ChatRequest]]:
    """(menu label, icon name, request) for each quick action on one document."""
    requests = [
        summarize(collection, document_id, title),
        translate(collection, document_id, title, "ko"),
        translate(collection, document_id, title, "en"),
    ]
    return [(label, name, r) for (label, name), r in zip(action_labels(), requests, strict=True)]


def first_status(request: ChatRequest) -> str:
    """What the answer row says before the first event arrives."""
    if request.kind == SUMMARIZE:
        return QCoreApplication.translate("ChatRequest", "Reading the document…")
    if request.kind == TRANSLATE:
        return QCoreApplication.translate("ChatRequest", "Translating the document…")
    if request.plain:
        return QCoreApplication.translate("ChatRequest", "Writing the answer…")
    return QCoreApplication.translate("ChatRequest", "Searching your documents…")
