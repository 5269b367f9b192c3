"""Quick actions on whole documents: summarize (map-reduce) and translate (piece by piece).

Both work on documents far longer than the model's window. Pages are rebuilt from the catalog's
chunks (no overlap is translated twice) and cut into pieces sized by tokens; each piece keeps
its page, so summary points cite [n] → page, and a translation marks where each page starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken
from app.core.chat.backends import ChatBackend
from app.core.chat.chain import PromptRunner
from app.core.chat.citations import attribute, parse_citations
from app.core.chat.events import Answer, ChatEvent, DoneEvent, SourcesEvent, StatusEvent, TokenEvent
from app.core.chat.fence import fenced, new_tag
from app.core.chat.language import Language, detect_language, other_language
from app.core.chat.prompts import chat_template, format_source, source_tag
from app.core.config import Settings
from app.core.errors import NotFoundError, PagefoldError
from app.core.storage.passage import Passage

PROMPT_MARGIN = 16  # tokens kept free for template differences between pieces
MAP_TOKENS_MAX = 384
MIN_PIECE_TOKENS = 32
LANGUAGE_SAMPLE_CHARS = 2000


@dataclass
class DocumentText:
    title: str
    pieces: list[Passage]  # in reading order, each within one page


class QuickActions:
    """Summaries and translations written by one backend."""

    def __init__(self, library: Any, backend: ChatBackend, settings: Settings) -> None:
        self.library = library
        self.backend = backend
        self.settings = settings
        self.generator = PromptRunner(backend)

    # -- summarize --------------------------------------------------------------------------

    def summarize(
        self, collection: str, document_id: int, cancel: CancelToken | None = None
    ) -> Iterator[ChatEvent]:
        """Bullet points citing [n] (n → a piece of a page); the last stage streams."""
        started = time.perf_counter()
        language = self._language(self._sample(collection, document_id))
        map_template = chat_template("summarize_map", language)
        map_tokens = min(
            self.settings.generation.max_new_tokens,
            MAP_TOKENS_MAX,
            self.backend.context_length // 4,
        )
        budget = self._room(map_template, {"sources": ""}, map_tokens)
        document = self._document(collection, document_id, max(MIN_PIECE_TOKENS, budget // 2))
        yield SourcesEvent(document.pieces)
        parts = _group(document.pieces, budget, self._source_cost)
        temperature = self.settings.generation.temperature
        if len(parts) == 1:
            first, part = parts[0]
            final = self.generator.stream(
                map_template, {"sources": _numbered(part, first)}, map_tokens, temperature, cancel
            )
        else:
            summaries = yield from self._map(parts, map_template, map_tokens, language, cancel)
            final = yield from self._reduce(summaries, language, cancel)
        pieces: list[str] = []
        for piece in final:
            pieces.append(piece)
            yield TokenEvent(piece)
        yield self._summary_done(document, "".join(pieces).strip(), language, cancel, started)

    def _map(
        self,
        parts: list[tuple[int, list[Passage]]],
        template: Any,
        map_tokens: int,
        language: Language,
        cancel: CancelToken | None,
    ) -> Generator[ChatEvent, None, list[str]]:
        """Bullet points for each part, with progress; returns the partial summaries."""
        summaries: list[str] = []
        for index, (first, part) in enumerate(parts):
            if _cancelled(cancel):
                break
            text = _progress("reading", language, index + 1, len(parts))
            yield StatusEvent(text, index / len(parts))
            variables = {"sources": _numbered(part, first)}
            summaries.append(
                self.generator.complete(template, variables, map_tokens, cancel=cancel)
            )
        return summaries

    def _reduce(
        self, summaries: list[str], language: Language, cancel: CancelToken | None
    ) -> Generator[ChatEvent, None, Iterator[str]]:
        """Collapse partial summaries until they fit one prompt; returns the final stream."""
        template = chat_template("summarize_reduce", language)
        answer_tokens = min(
            self.settings.generation.max_new_tokens, self.backend.context_length // 2
        )
        budget = self._room(template, {"summaries": ""}, answer_tokens)
        yield StatusEvent(_progress("combining", language, 0, 0), 1.0)
        while len(summaries) > 1 and sum(map(self.backend.count_tokens, summaries)) > budget:
            if _cancelled(cancel):
                break
            summaries = self._collapse(summaries, template, budget, answer_tokens, cancel)
        if _cancelled(cancel):
            return iter(())
        variables = {"summaries": "\n\n".join(summaries)}
        temperature = self.settings.generation.temperature
        return self.generator.stream(template, variables, answer_tokens, temperature, cancel)

    def _collapse(
        self,
        summaries: list[str],
        template: Any,
        budget: int,
        answer_tokens: int,
        cancel: CancelToken | None,
    ) -> list[str]:
        """Combine neighbouring partial summaries until they fit one prompt (recursive reduce)."""
        groups: list[list[str]] = [[]]
        used = 0
        for summary in summaries:
            cost = self.backend.count_tokens(summary) + 2
            if groups[-1] and used + cost > budget:
                groups.append([])
                used = 0
            groups[-1].append(summary)
            used += cost
        if len(groups) == len(summaries):  # every summary alone fills the budget: cut them
            return [s[: len(s) // 2] for s in summaries]
        return [
            self.generator.complete(
                template, {"summaries": "\n\n".join(g)}, answer_tokens, cancel=cancel
            )
            for g in groups
        ]

    def _summary_done(
        self,
        document: DocumentText,
        text: str,
        language: Language,
        cancel: CancelToken | None,
        started: float,
    ) -> DoneEvent:
        cited = parse_citations(text, len(document.pieces))
        attributed = False
        if not cited and not _cancelled(cancel):
            result = attribute(text, [p.text for p in document.pieces])
            text, cited, attributed = result.text, result.added, bool(result.added)
        return DoneEvent(
            Answer(
                text=text,
                sources=document.pieces,
                cited=cited,
                mode="summary",
                model=self.backend.name,
                language=language,
                timings={"total_s": round(time.perf_counter() - started, 4)},
                stopped=_cancelled(cancel),
                attributed=attributed,
            )
        )

    # -- translate --------------------------------------------------------------------------

    def translate(
        self,
        text: str | None = None,
        *,
        collection: str | None = None,
        document_id: int | None = None,
        target_language: Language | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ChatEvent]:
        """Translate a passage, or a whole document (collection + document_id), to ``target``."""
        started = time.perf_counter()
        sample = text if text is not None else self._sample(collection, document_id)
        target = target_language or other_language(detect_language(sample))
        template = chat_template("translate", target)
        room = self._room(template, {"text": ""}, 0)
        piece_tokens = max(MIN_PIECE_TOKENS, room // 4)  # the rest is for the translation
        if text is not None:
            pieces = [_loose_piece(t) for t in self._split(text, piece_tokens)]
            sources: list[Passage] = []
        else:
            pieces = self._document(collection, document_id, piece_tokens).pieces
            sources = pieces
            yield SourcesEvent(sources)
        output: list[str] = []
        for event in self._translate_pieces(pieces, template, room, target, cancel, bool(sources)):
            if isinstance(event, TokenEvent):
                output.append(event.text)
            yield event
        yield DoneEvent(
            Answer(
                text="".join(output).strip(),
                sources=sources,
                cited=[],
                mode="translation",
                model=self.backend.name,
                language=target,
                timings={"total_s": round(time.perf_counter() - started, 4)},
                stopped=_cancelled(cancel),
            )
        )

    def _translate_pieces(
        self,
        pieces: list[Passage],
        template: Any,
        room: int,
        target: Language,
        cancel: CancelToken | None,
        mark_pages: bool,
    ) -> Iterator[ChatEvent]:
        page = None
        multi_page = mark_pages and len({p.page for p in pieces}) > 1
        for index, piece in enumerate(pieces):
            if _cancelled(cancel):
                return
            if len(pieces) > 1:
                yield StatusEvent(
                    _progress("translating", target, index + 1, len(pieces)), index / len(pieces)
                )
            if index:
                yield TokenEvent("\n\n")
            if multi_page and piece.page != page:
                page = piece.page
                yield TokenEvent(f"— p. {page} —\n\n")
            tag = new_tag([piece.text])
            text = fenced(piece.text, tag)
            budget = self._translation_budget(piece.text, room - self.backend.count_tokens(text))
            for token in self.generator.stream(template, {"text": text}, budget, 0.0, cancel):
                yield TokenEvent(token)  # fence tags a model echoes are gone already

    def _translation_budget(self, source: str, room: int) -> int:
        """Tokens a piece's translation may take: twice its source (Korean and English differ
        by up to about 1.6x in tokens), never more than the room left. Why not the whole room:
        a small model that loops would otherwise write until the context is full; SmolLM2
        spent over 6 minutes on one sentence that way."""
        return max(MIN_PIECE_TOKENS, min(room, 2 * self.backend.count_tokens(source) + 16))

    # -- shared -----------------------------------------------------------------------------

    def _language(self, sample: str) -> Language:
        chosen = self.settings.generation.answer_language
        return chosen if chosen in ("ko", "en") else detect_language(sample)

    def _room(self, template: Any, empty: dict[str, Any], answer_tokens: int) -> int:
        """Tokens left for the text once the template and the answer are accounted for."""
        base = self.backend.count_prompt_tokens(self.generator.messages(template, empty))
        room = self.backend.context_length - answer_tokens - base - PROMPT_MARGIN
        if room < MIN_PIECE_TOKENS:
            raise PagefoldError("The model's context window is too small for this action.")
        return room

    def _source_cost(self, number: int, passage: Passage) -> int:
        return self.backend.count_tokens(format_source(number, passage)) + 2

    def _record(self, collection: str | None, document_id: int | None) -> tuple[Any, Any]:
        if collection is None or document_id is None:
            raise PagefoldError("Choose a document (collection and document) or give some text.")
        col = self.library.collection(collection)
        doc = self.library.catalog.document(document_id)
        if doc.collection_id != col.id:
            raise NotFoundError(f"Document {document_id} is not in collection {col.name}.")
        return col, doc

    def document_name(self, collection: str | None, document_id: int | None) -> str:
        """The document's file name, as the window lists it (and names an action on it)."""
        _col, doc = self._record(collection, document_id)
        return Path(doc.path).name or doc.title

    def _sample(self, collection: str | None, document_id: int | None) -> str:
        _col, doc = self._record(collection, document_id)
        chunks = self.library.catalog.chunks(doc.id)
        return " ".join(c.text for c in chunks)[:LANGUAGE_SAMPLE_CHARS]

    def _document(
        self, collection: str | None, document_id: int | None, piece_tokens: int
    ) -> DocumentText:
        col, doc = self._record(collection, document_id)
        pages = sorted({c.page for c in self.library.catalog.chunks(doc.id)})
        pieces: list[Passage] = []
        for page in pages:
            text = self.library.catalog.page_text(doc.id, page)
            for start, piece in self._split_with_offsets(text, piece_tokens):
                pieces.append(
                    Passage(
                        chunk_id=f"{doc.id}:{page}:{start}",
                        text=piece,
                        document_id=doc.id,
                        path=doc.path,
                        title=doc.title,
                        page=page,
                        start=start,
                        end=start + len(piece),
                        collection=col.name,
                    )
                )
        if not pieces:
            raise PagefoldError(f"{doc.title or doc.path} has no text to work on.")
        return DocumentText(title=doc.title, pieces=pieces)

    def _split(self, text: str, piece_tokens: int) -> list[str]:
        return [piece for _start, piece in self._split_with_offsets(text, piece_tokens)]

    def _split_with_offsets(self, text: str, piece_tokens: int) -> list[tuple[int, str]]:
        """Pieces of at most ``piece_tokens``, cut at paragraphs, then lines, then sentences."""
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        if not text.strip():
            return []
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=piece_tokens,
            chunk_overlap=0,
            length_function=self.backend.count_tokens,
            separators=["\n\n", "\n", ". ", "다. ", "。", " ", ""],
            add_start_index=True,
        )
        docs = splitter.create_documents([text])
        return [(int(d.metadata.get("start_index", 0)), d.page_content) for d in docs]


def _group(
    pieces: Sequence[Passage], budget: int, cost: Callable[[int, Passage], int]
) -> list[tuple[int, list[Passage]]]:
    """Consecutive pieces per prompt, each group with the number of its first piece."""
    groups: list[tuple[int, list[Passage]]] = []
    used = 0
    for number, piece in enumerate(pieces, start=1):
        size = cost(number, piece)
        if not groups or used + size > budget:
            groups.append((number, []))
            used = 0
        groups[-1][1].append(piece)
        used += size
    return groups


def _numbered(passages: Sequence[Passage], first: int) -> str:
    """Sources numbered from ``first``, fenced with a tag drawn for this one prompt."""
    tag = source_tag(passages)
    return "\n\n".join(format_source(first + i, p, tag) for i, p in enumerate(passages))


def _loose_piece(text: str) -> Passage:
    return Passage(
        chunk_id="", text=text, document_id=0, path="", title="", page=0, start=0, end=len(text)
    )


def _cancelled(cancel: CancelToken | None) -> bool:
    return cancel is not None and cancel.cancelled


_PROGRESS = {
    "reading": {"en": "Reading part {i} of {n}…", "ko": "{n}개 중 {i}번째 부분을 읽는 중…"},
    "combining": {"en": "Combining the parts…", "ko": "부분 요약을 합치는 중…"},
    "translating": {
        "en": "Translating part {i} of {n}…",
        "ko": "{n}개 중 {i}번째 부분을 번역하는 중…",
    },
}


def _progress(key: str, language: str, i: int, n: int) -> str:
    return _PROGRESS[key][language].format(i=i, n=n)
