"""One question, end to end: condense, retrieve, pack, stream, cite, store.

Runs as a generator of events so the CLI and the window show each step as it happens, and a
stop request between or during steps ends the turn with what was written so far (kept, marked
as stopped).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.cancel import CancelToken
from app.core.chat.backends import ChatBackend
from app.core.chat.chain import PromptRunner, history_messages
from app.core.chat.citations import attribute, is_refusal, parse_citations
from app.core.chat.events import (
    Answer,
    ChatEvent,
    DoneEvent,
    SourcesEvent,
    StatusEvent,
    TokenEvent,
)
from app.core.chat.language import Language, answer_language
from app.core.chat.packing import PackedContext, pack
from app.core.chat.prompts import (
    chat_template,
    format_sources,
    load_prompt,
    refusal,
    source_tag,
)
from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.storage.conversations import Conversation, ConversationStore
from app.core.storage.passage import Passage

log = logging.getLogger(__name__)

CONDENSE_TOKENS = 64
CONDENSE_HISTORY_MESSAGES = 6
SNIPPET_CHARS = 400


@dataclass
class Turn:
    """The state of one question while it is answered."""

    question: str
    collections: list[str]
    language: Language
    conversation: Conversation
    cancel: CancelToken | None
    document_ids: Sequence[int] | None = None
    standalone: str = ""
    passages: list[Passage] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def mark(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = round(now - since, 4)
        return now


class AnswerTurn:
    """Answers questions against a library with one backend (or none: passages only)."""

    def __init__(
        self,
        library: Any,
        store: ConversationStore,
        backend: ChatBackend | None,
        settings: Settings,
    ) -> None:
        self.library = library
        self.store = store
        self.backend = backend
        self.settings = settings
        self.generator = PromptRunner(backend) if backend is not None else None

    def run(
        self,
        question: str,
        collections: Sequence[str],
        conversation_id: int | None,
        cancel: CancelToken | None,
        document_ids: Sequence[int] | None,
    ) -> Iterator[ChatEvent]:
        conversation = self._conversation(question, collections, conversation_id)
        turn = Turn(
            question=question.strip(),
            collections=list(collections) or conversation.collections,
            language=answer_language(question, self.settings.generation.answer_language),
            conversation=conversation,
            cancel=cancel,
            document_ids=document_ids,
        )
        history = self.store.history(conversation.id)
        self.store.add_message(conversation.id, "user", turn.question)
        turn.standalone = yield from self._condense(turn, history)
        yield StatusEvent(_status("searching", turn.language))
        since = time.perf_counter()
        turn.passages = self._retrieve(turn) if not turn.cancelled else []
        turn.mark("retrieval_s", since)
        if turn.cancelled:
            yield self._finish(turn, "", [], [], mode="answer")
        elif self.generator is None:
            yield from self._passages_only(turn)
        elif not turn.passages:
            yield from self._nothing_found(turn)
        else:
            yield from self._generate(turn, history)

    # -- steps ------------------------------------------------------------------------------

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

    def _condense(
        self, turn: Turn, history: list[dict[str, str]]
    ) -> Generator[ChatEvent, None, str]:
        """A follow-up ("and in 2023?") rewritten to stand alone, for retrieval."""
        if not history or turn.cancelled:
            return turn.question
        if self.generator is None:  # no model: the previous question carries the topic
            previous = next((m["content"] for m in reversed(history) if m["role"] == "user"), "")
            return f"{previous} {turn.question}".strip()
        yield StatusEvent(_status("condensing", turn.language))
        since = time.perf_counter()
        recent = history[-CONDENSE_HISTORY_MESSAGES:]
        lines = "\n".join(f"{m['role']}: {m['content'][:SNIPPET_CHARS]}" for m in recent)
        rewritten = self.generator.complete(
            chat_template("condense", turn.language),
            {"conversation": lines, "question": turn.question},
            max_new_tokens=CONDENSE_TOKENS,
            cancel=turn.cancel,
        )
        turn.mark("condense_s", since)
        return _usable_rewrite(rewritten, turn.question)

    def _retrieve(self, turn: Turn) -> list[Passage]:
        from app.core.retrieval.languages import ModelRewriter

        rewrite = ModelRewriter(self.backend) if self.backend is not None else None
        retriever = self.library.retriever(
            turn.collections,
            k=self.settings.retrieval.k,
            document_ids=turn.document_ids,
            rewrite=rewrite,
        )
        documents = retriever.invoke(turn.standalone)
        return [Passage.from_metadata(d.page_content, d.metadata) for d in documents]

    def _passages_only(self, turn: Turn) -> Iterator[ChatEvent]:
        """Search-only mode: the passages themselves, clearly labelled as not an answer."""
        labels = load_prompt("passages", turn.language)
        yield SourcesEvent(turn.passages)
        if turn.passages:
            body = "\n\n".join(
                f"[{i}] {_snippet(p.text)}" for i, p in enumerate(turn.passages, start=1)
            )
            text = f"{labels['header']}\n\n{body}"
        else:
            text = labels["empty"]
        yield TokenEvent(text)
        cited = list(range(1, len(turn.passages) + 1))
        yield self._finish(turn, text, turn.passages, cited, mode="passages")

    def _nothing_found(self, turn: Turn) -> Iterator[ChatEvent]:
        """No passage matched: say so in the question's language instead of guessing."""
        text = refusal(turn.language)
        yield SourcesEvent([])
        yield TokenEvent(text)
        yield self._finish(turn, text, [], [], mode="answer", refused=True)

    def _generate(self, turn: Turn, history: list[dict[str, str]]) -> Iterator[ChatEvent]:
        assert self.generator is not None and self.backend is not None
        since = time.perf_counter()
        packed, template, variables = self._pack(turn, history)
        turn.mark("prompt_s", since)
        yield SourcesEvent(packed.passages)
        yield StatusEvent(_status("writing", turn.language))
        pieces: list[str] = []
        stream = self.generator.stream(
            template,
            variables,
            packed.answer_tokens,
            self.settings.generation.temperature,
            turn.cancel,
        )
        for piece in stream:
            if not pieces:
                turn.timings["first_token_s"] = round(time.perf_counter() - turn.started, 4)
            pieces.append(piece)
            yield TokenEvent(piece)
        turn.timings["prompt_tokens"] = packed.prompt_tokens
        yield self._cited_answer(turn, "".join(pieces).strip(), packed.passages)

    def _pack(
        self, turn: Turn, history: list[dict[str, str]]
    ) -> tuple[PackedContext, Any, dict[str, Any]]:
        assert self.generator is not None and self.backend is not None
        generation = self.settings.generation
        template = chat_template("answer", turn.language, generation.system_prompt)
        base = {"question": turn.question, "refusal": refusal(turn.language)}
        tag = source_tag(turn.passages)  # one fence for this request, whatever is packed

        def render(kept: list[dict[str, str]], passages: list[Passage]) -> list[dict[str, str]]:
            variables = {
                **base,
                "history": history_messages(kept),
                "sources": format_sources(passages, tag),
            }
            return self.generator.messages(template, variables)  # type: ignore[union-attr]

        packed = pack(
            render,
            self.generator.counter,
            history,
            turn.passages,
            self.backend.context_length,
            generation.max_new_tokens,
        )
        variables = {
            **base,
            "history": history_messages(packed.history),
            "sources": format_sources(packed.passages, tag),
        }
        return packed, template, variables

    def _cited_answer(self, turn: Turn, text: str, passages: list[Passage]) -> DoneEvent:
        cited = parse_citations(text, len(passages))
        refused = is_refusal(text, refusal(turn.language))
        attributed = False
        if not cited and not refused and not turn.cancelled:
            result = attribute(text, [p.text for p in passages])
            if result.added:
                text, cited, attributed = result.text, result.added, True
        return self._finish(
            turn, text, passages, cited, mode="answer", attributed=attributed, refused=refused
        )

    def _finish(
        self,
        turn: Turn,
        text: str,
        passages: list[Passage],
        cited: list[int],
        mode: str,
        attributed: bool = False,
        refused: bool = False,
    ) -> DoneEvent:
        turn.timings["total_s"] = round(time.perf_counter() - turn.started, 4)
        answer = Answer(
            text=text,
            sources=passages,
            cited=cited,
            mode=mode,  # type: ignore[arg-type]
            model=self.backend.name if self.backend is not None else "",
            language=turn.language,
            timings=dict(turn.timings),
            standalone_question=turn.standalone,
            stopped=turn.cancelled,
            attributed=attributed,
            refused=refused,
            conversation_id=turn.conversation.id,
        )
        if text or not turn.cancelled:
            answer.message_id = self._store(turn, answer).id
        return DoneEvent(answer)

    def _store(self, turn: Turn, answer: Answer) -> Any:
        generation = self.settings.generation
        return self.store.add_message(
            turn.conversation.id,
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
                "collections": turn.collections,
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


def _usable_rewrite(rewritten: str, question: str) -> str:
    """Small models sometimes ramble: keep the first line, and only if it looks like a question."""
    first = rewritten.strip().splitlines()[0].strip().strip('"') if rewritten.strip() else ""
    if not first or len(first) > 3 * len(question) + 200:
        return question
    return first


def _snippet(text: str) -> str:
    clean = " ".join(text.split())
    return clean if len(clean) <= SNIPPET_CHARS else clean[: SNIPPET_CHARS - 1].rstrip() + "…"


_STATUS = {
    "condensing": {"en": "Reading the conversation…", "ko": "대화를 읽는 중…"},
    "searching": {"en": "Searching the documents…", "ko": "문서를 찾는 중…"},
    "writing": {"en": "Writing the answer…", "ko": "답을 쓰는 중…"},
}


def _status(key: str, language: str) -> str:
    return _STATUS[key][language]
