"""The answer pipeline as LangChain Runnables: ``condense | retrieve | pack | generate``.

Why LCEL and why one chain: Pagefold's own answering (``AnswerTurn``, behind the CLI and the
window) and anyone's LangChain app run this same object, so both get the same cited answers
and there is no second pipeline to drift. ``answer_chain(library, backend)`` builds it.

- ``chain.stream(request)`` yields progress as it happens (``StatusEvent``, ``SourcesEvent``,
  one ``TokenEvent`` per model piece) and ends with the ``Answer``; ``chain.invoke(request)``
  returns the ``Answer`` alone (text, numbered sources, the numbers it cites).
- ``astream``/``astream_events`` work too: each step runs in a worker thread, and the model's
  tokens also arrive as ``on_chat_model_stream`` events.
- Stop: a ``CancelToken`` in ``config={"configurable": {"cancel": token}}``. Every step checks
  it, and the model returns within one poll (50 ms) of it; what was written is kept and the
  answer is marked ``stopped``.

A request is a question, or ``{"question", "collections", "history", "document_ids"}``.
Between steps travels an ``AnswerState``; each step passes on what earlier steps emitted, so
one step can also run alone (``retrieve.invoke("question")`` returns the state with passages).
Retrieval calls ``library.search`` directly: passages stay ``Passage`` objects end to end. For a
chain of your own, ``Library.retriever`` is the LangChain retriever (``Document`` per passage,
with page and path in its metadata).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from langchain_core.runnables import Runnable, RunnableConfig, RunnableSequence
from typing_extensions import TypedDict  # pydantic builds LangChain's schemas from it

from app.core.cancel import CancelToken
from app.core.chat.backends import ChatBackend
from app.core.chat.chain import PromptRunner, history_messages
from app.core.chat.citations import attribute, is_refusal, parse_citations
from app.core.chat.events import Answer, AnswerMode, SourcesEvent, StatusEvent, TokenEvent
from app.core.chat.language import Language, answer_language
from app.core.chat.packing import PackedContext, pack
from app.core.chat.prompts import chat_template, format_sources, load_prompt, refusal, source_tag
from app.core.chat.threads import in_thread
from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.storage.passage import Passage

if TYPE_CHECKING:
    from langchain_core.callbacks import (
        AsyncCallbackManagerForChainRun,
        CallbackManagerForChainRun,
    )
    from langchain_core.prompts import ChatPromptTemplate

    from app.core.retrieval.languages import QueryRewriter

CONDENSE_TOKENS = 64
CONDENSE_HISTORY_MESSAGES = 6
SNIPPET_CHARS = 400


class PassageSearch(Protocol):
    """What the pipeline needs of a library: ``app.core.library.Library.search``."""

    settings: Settings

    def search(
        self,
        collections: str | Sequence[str],
        query: str,
        *,
        k: int | None = None,
        document_ids: Sequence[int] | None = None,
        rewrite: QueryRewriter | None = None,
    ) -> list[Passage]: ...


class AnswerRequest(TypedDict, total=False):
    """A question with its scope; only ``question`` is required."""

    question: str
    collections: Sequence[str]  # default: the chain's own collections
    history: Sequence[Mapping[str, str]]  # earlier turns, {"role", "content"}, oldest first
    document_ids: Sequence[int] | None  # only these documents of the collections


@dataclass
class AnswerState:
    """One question on its way through the steps; each step fills in its part."""

    question: str
    collections: list[str]
    history: list[dict[str, str]]
    language: Language
    cancel: CancelToken | None = None
    document_ids: list[int] | None = None
    standalone: str = ""  # the question rewritten to stand alone (condense)
    passages: list[Passage] = field(default_factory=list)  # retrieve
    packed: PackedContext | None = None  # pack: what fits the model's window
    template: ChatPromptTemplate | None = None
    variables: dict[str, object] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def mark(self, name: str, since: float) -> None:
        self.timings[name] = round(time.perf_counter() - since, 4)


Progress = StatusEvent | SourcesEvent | TokenEvent
Flow = AnswerState | Progress | Answer  # what the steps pass on
Request = str | AnswerRequest | Flow


@dataclass
class AnswerSetup:
    """What every step shares: where to search, what writes, the settings."""

    library: PassageSearch
    backend: ChatBackend | None
    settings: Settings
    collections: list[str]
    runner: PromptRunner | None = None

    def __post_init__(self) -> None:
        if self.backend is not None and self.runner is None:
            self.runner = PromptRunner(self.backend)

    def state(self, request: Request, config: RunnableConfig) -> AnswerState:
        """The first step's input as an ``AnswerState`` (a state passes through as it is)."""
        if isinstance(request, AnswerState):
            return request
        if isinstance(request, StatusEvent | SourcesEvent | TokenEvent | Answer):
            raise PagefoldError("An answer step needs a question, not an event.")
        fields: AnswerRequest = {"question": request} if isinstance(request, str) else request
        question = fields.get("question", "").strip()
        if not question:
            raise PagefoldError("Type a question first.")
        collections = list(fields.get("collections") or self.collections)
        if not collections:
            raise PagefoldError("Choose at least one collection to ask about.")
        ids = fields.get("document_ids")
        return AnswerState(
            question=question,
            collections=collections,
            history=[dict(m) for m in fields.get("history") or []],
            language=answer_language(question, self.settings.generation.answer_language),
            cancel=cancel_token(config),
            document_ids=list(ids) if ids is not None else None,
        )


def cancel_token(config: RunnableConfig | None) -> CancelToken | None:
    """The ``CancelToken`` a caller put in ``config["configurable"]["cancel"]``, if any."""
    token = ((config or {}).get("configurable") or {}).get("cancel")
    return token if isinstance(token, CancelToken) else None


class AnswerStep(Runnable[Request, Flow]):
    """One step: passes earlier progress on, turns the state into its own outputs."""

    def __init__(self, setup: AnswerSetup) -> None:
        self.setup = setup

    @property
    def InputType(self) -> Any:
        """What a caller gives (schemas, ``get_graph``); states and events also pass."""
        return str | AnswerRequest

    @property
    def OutputType(self) -> Any:
        return AnswerState

    def run(self, state: AnswerState, config: RunnableConfig) -> Iterator[Flow]:
        raise NotImplementedError

    def invoke(self, input: Request, config: RunnableConfig | None = None, **kwargs: Any) -> Flow:
        """The step's result without the progress: a state, or the ``Answer`` at the end."""
        return _result(self.stream(input, config, **kwargs))

    def stream(
        self, input: Request, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Flow]:
        yield from self.transform(iter([input]), config, **kwargs)

    def transform(
        self, input: Iterator[Request], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Flow]:
        yield from self._transform_stream_with_config(input, self._pipe, config)

    def _pipe(
        self,
        items: Iterator[Request],
        run_manager: CallbackManagerForChainRun,
        config: RunnableConfig,
    ) -> Iterator[Flow]:
        for item in items:
            if isinstance(item, StatusEvent | SourcesEvent | TokenEvent | Answer):
                yield item
            else:
                yield from self.run(self.setup.state(item, config), config)

    async def ainvoke(
        self, input: Request, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Flow:
        items = [item async for item in self.astream(input, config, **kwargs)]
        return _result(iter(items))

    async def astream(
        self, input: Request, config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Flow]:
        async def one() -> AsyncIterator[Request]:
            yield input

        async for item in self.atransform(one(), config, **kwargs):
            yield item

    async def atransform(
        self, input: AsyncIterator[Request], config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Flow]:
        async for item in self._atransform_stream_with_config(input, self._apipe, config):
            yield item

    async def _apipe(
        self,
        items: AsyncIterator[Request],
        run_manager: AsyncCallbackManagerForChainRun,
        config: RunnableConfig,
    ) -> AsyncIterator[Flow]:
        """As ``_pipe``, with the step's blocking work (search, the model) in a thread."""
        async for item in items:
            if isinstance(item, StatusEvent | SourcesEvent | TokenEvent | Answer):
                yield item
            else:
                state = self.setup.state(item, config)
                async for out in in_thread(self.run(state, config)):
                    yield out


def _result(items: Iterator[Flow]) -> Flow:
    result: Flow | None = None
    for item in items:
        if not isinstance(item, StatusEvent | SourcesEvent | TokenEvent):
            result = item
    if result is None:
        raise PagefoldError("The answer step produced nothing.")
    return result


class Condense(AnswerStep):
    """A follow-up ("and in 2023?") rewritten with the history to stand alone, for search."""

    name = "condense"

    def run(self, state: AnswerState, config: RunnableConfig) -> Iterator[Flow]:
        state.standalone = state.question
        runner = self.setup.runner
        if not state.history or state.cancelled:
            yield state
            return
        if runner is None:  # no model: the previous question carries the topic
            previous = next(
                (m["content"] for m in reversed(state.history) if m["role"] == "user"), ""
            )
            state.standalone = f"{previous} {state.question}".strip()
            yield state
            return
        yield StatusEvent(_status("condensing", state.language))
        since = time.perf_counter()
        recent = state.history[-CONDENSE_HISTORY_MESSAGES:]
        lines = "\n".join(f"{m['role']}: {m['content'][:SNIPPET_CHARS]}" for m in recent)
        rewritten = runner.complete(
            chat_template("condense", state.language),
            {"conversation": lines, "question": state.question},
            max_new_tokens=CONDENSE_TOKENS,
            cancel=state.cancel,
            config=config,
        )
        state.mark("condense_s", since)
        state.standalone = _usable_rewrite(rewritten, state.question)
        yield state


class Retrieve(AnswerStep):
    """Hybrid search over the collections with the standalone question (``library.search``)."""

    name = "retrieve"

    def run(self, state: AnswerState, config: RunnableConfig) -> Iterator[Flow]:
        from app.core.retrieval.languages import ModelRewriter

        yield StatusEvent(_status("searching", state.language))
        since = time.perf_counter()
        backend = self.setup.backend
        if not state.cancelled:
            state.passages = self.setup.library.search(
                state.collections,
                state.standalone or state.question,
                k=self.setup.settings.retrieval.k,
                document_ids=state.document_ids,
                rewrite=ModelRewriter(backend) if backend is not None else None,
            )
        state.mark("retrieval_s", since)
        yield state


class Pack(AnswerStep):
    """History and passages fitted into the model's window by tokens (``packing.pack``)."""

    name = "pack"

    def run(self, state: AnswerState, config: RunnableConfig) -> Iterator[Flow]:
        runner, backend = self.setup.runner, self.setup.backend
        if runner is None or backend is None or not state.passages or state.cancelled:
            yield state
            return
        since = time.perf_counter()
        generation = self.setup.settings.generation
        template = chat_template("answer", state.language, generation.system_prompt)
        base: dict[str, object] = {
            "question": state.question,
            "refusal": refusal(state.language),
        }
        tag = source_tag(state.passages)  # one fence for this request, whatever is packed

        def variables(kept: Sequence[dict[str, str]], passages: list[Passage]) -> dict[str, object]:
            return {
                **base,
                "history": history_messages(kept),
                "sources": format_sources(passages, tag),
            }

        state.packed = pack(
            lambda kept, passages: runner.messages(template, variables(kept, passages)),
            runner.counter,
            state.history,
            state.passages,
            backend.context_length,
            generation.max_new_tokens,
        )
        state.template = template
        state.variables = variables(state.packed.history, state.packed.passages)
        state.mark("prompt_s", since)
        yield state


class Generate(AnswerStep):
    """The model writes from the packed sources; the answer's [n] are parsed (or attributed).

    Without a model: the passages themselves, labelled as not an answer. Without passages:
    the refusal in the question's language, and the model is not asked to guess.
    """

    name = "generate"

    @property
    def OutputType(self) -> Any:
        return Answer

    def run(self, state: AnswerState, config: RunnableConfig) -> Iterator[Flow]:
        if state.cancelled:
            yield self._answer(state, "", [], [], mode="answer")
        elif self.setup.runner is None:
            yield from self._passages_only(state)
        elif not state.passages:
            text = refusal(state.language)
            yield SourcesEvent([])
            yield TokenEvent(text)
            yield self._answer(state, text, [], [], mode="answer", refused=True)
        else:
            yield from self._write(state, config)

    def _write(self, state: AnswerState, config: RunnableConfig) -> Iterator[Flow]:
        runner, packed, template = self.setup.runner, state.packed, state.template
        if runner is None or packed is None or template is None:
            raise PagefoldError("Generate needs the state the pack step makes; run pack first.")
        yield SourcesEvent(packed.passages)
        yield StatusEvent(_status("writing", state.language))
        pieces: list[str] = []
        stream = runner.stream(
            template,
            state.variables,
            packed.answer_tokens,
            self.setup.settings.generation.temperature,
            state.cancel,
            config=config,
        )
        for piece in stream:
            if not pieces:
                state.timings["first_token_s"] = round(time.perf_counter() - state.started, 4)
            pieces.append(piece)
            yield TokenEvent(piece)
        state.timings["prompt_tokens"] = packed.prompt_tokens
        yield self._cited(state, "".join(pieces).strip(), packed.passages)

    def _passages_only(self, state: AnswerState) -> Iterator[Flow]:
        labels = load_prompt("passages", state.language)
        yield SourcesEvent(state.passages)
        if state.passages:
            body = "\n\n".join(
                f"[{i}] {_snippet(p.text)}" for i, p in enumerate(state.passages, start=1)
            )
            text = f"{labels['header']}\n\n{body}"
        else:
            text = labels["empty"]
        yield TokenEvent(text)
        cited = list(range(1, len(state.passages) + 1))
        yield self._answer(state, text, state.passages, cited, mode="passages")

    def _cited(self, state: AnswerState, text: str, passages: list[Passage]) -> Answer:
        cited = parse_citations(text, len(passages))
        refused = is_refusal(text, refusal(state.language))
        attributed = False
        if not cited and not refused and not state.cancelled:
            result = attribute(text, [p.text for p in passages])
            if result.added:
                text, cited, attributed = result.text, result.added, True
        return self._answer(
            state, text, passages, cited, mode="answer", attributed=attributed, refused=refused
        )

    def _answer(
        self,
        state: AnswerState,
        text: str,
        passages: list[Passage],
        cited: list[int],
        mode: AnswerMode,
        attributed: bool = False,
        refused: bool = False,
    ) -> Answer:
        state.timings["total_s"] = round(time.perf_counter() - state.started, 4)
        backend = self.setup.backend
        return Answer(
            text=text,
            sources=passages,
            cited=cited,
            mode=mode,
            model=backend.name if backend is not None else "",
            language=state.language,
            timings=dict(state.timings),
            standalone_question=state.standalone,
            stopped=state.cancelled,
            attributed=attributed,
            refused=refused,
        )


def answer_chain(
    library: PassageSearch,
    backend: ChatBackend | None = None,
    settings: Settings | None = None,
    collections: Sequence[str] = (),
) -> RunnableSequence[Request, Flow]:
    """``condense | retrieve | pack | generate`` over ``library`` with ``backend`` writing.

    ``backend=None`` is search-only mode (the answer lists the passages). ``collections`` is
    the default scope; a request's own ``collections`` replace it.
    """
    setup = AnswerSetup(library, backend, settings or library.settings, list(collections))
    steps = (Condense(setup), Retrieve(setup), Pack(setup), Generate(setup))
    return RunnableSequence(*steps, name="pagefold-answer")


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
