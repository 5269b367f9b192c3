"""Test doubles for the chat pipeline: a scripted backend and a library over a real catalog.

``FakeBackend`` counts one token per word and per punctuation mark (so Korean and English both
cost something), records every prompt it receives and streams a scripted reply word by word.
``FakeLibrary`` keeps documents in a real SQLite catalog (so page text and chunks behave as in
the app) and answers searches with a scripted ranking instead of embeddings.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken
from app.core.config import Settings
from app.core.retrieval.retriever import PagefoldRetriever
from app.core.storage.catalog import Catalog, ChunkRecord, CollectionRecord
from app.core.storage.passage import Passage

_TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def fake_count(text: str) -> int:
    return len(_TOKEN_RE.findall(text))


class FakeBackend:
    """Streams ``reply`` (or ``reply_for(messages)``) one word at a time."""

    def __init__(
        self,
        reply: str | Callable[[list[dict[str, str]]], str] = "An answer [1].",
        context_length: int = 4096,
        delay_s: float = 0.0,
        name: str = "fake-model",
    ) -> None:
        self.reply = reply
        self.context_length = context_length
        self.delay_s = delay_s
        self.name = name
        self.calls: list[dict[str, Any]] = []

    def count_tokens(self, text: str) -> int:
        return fake_count(text)

    def count_prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        return sum(fake_count(m["content"]) + 4 for m in messages) + 2

    def stream(
        self,
        messages: list[dict[str, str]],
        max_new_tokens: int,
        temperature: float,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        self.calls.append(
            {"messages": messages, "max_new_tokens": max_new_tokens, "temperature": temperature}
        )
        text = self.reply(messages) if callable(self.reply) else self.reply
        for index, word in enumerate(re.findall(r"\s*\S+", text)):
            if index >= max_new_tokens or (cancel is not None and cancel.cancelled):
                return
            if self.delay_s:
                time.sleep(self.delay_s)
            yield word

    @property
    def last_prompt(self) -> str:
        return "\n".join(m["content"] for m in self.calls[-1]["messages"])


def passage(
    n: int, text: str, page: int = 1, document_id: int = 1, title: str = "Report"
) -> Passage:
    return Passage(
        chunk_id=f"c{n}",
        text=text,
        document_id=document_id,
        path=f"/docs/{title}.pdf",
        title=title,
        page=page,
        start=0,
        end=len(text),
        score=1.0 / n,
        collection="docs",
    )


class FakeLibrary:
    """The parts of ``Library`` the chat pipeline uses, with a scripted search."""

    def __init__(self, settings: Settings, passages: Sequence[Passage] = ()) -> None:
        self.settings = settings
        self.layout = settings.layout.ensure()
        self.catalog = Catalog(self.layout.catalog_db)
        self.passages = list(passages)
        self.queries: list[str] = []

    def close(self) -> None:
        self.catalog.close()

    def collection(self, name: str | int) -> CollectionRecord:
        return self.catalog.collection(name)

    def search(
        self,
        collections: Any,
        query: str,
        k: int | None = None,
        document_ids: Any = None,
        rewrite: Any = None,  # the real Library's cross-language rewrite; the fake has none
    ) -> list[Passage]:
        self.queries.append(query)
        found = [p for p in self.passages if document_ids is None or p.document_id in document_ids]
        return found[: k or len(found)]

    def retriever(
        self,
        collections: Any,
        k: int | None = None,
        document_ids: Any = None,
        rewrite: Any = None,  # the real Library's cross-language rewrite; the fake has none
    ) -> PagefoldRetriever:
        return PagefoldRetriever(search=lambda q: self.search(collections, q, k, document_ids))

    def add_document(
        self, collection: str, title: str, pages: Sequence[str], chunk_chars: int = 300
    ) -> int:
        """A document with one or more chunks per page, as the indexer would store it."""
        col = self.catalog.find_collection(collection) or self.catalog.create_collection(
            collection, "fake-embedder", 256, 0
        )
        doc_id = self.catalog.upsert_document(
            col.id,
            str(Path("/docs") / f"{title}.pdf"),
            title=title,
            pages=len(pages),
            status="indexed",
        )
        chunks = []
        for page, text in enumerate(pages, start=1):
            for start in range(0, len(text), chunk_chars):
                piece = text[start : start + chunk_chars]
                chunks.append(
                    ChunkRecord(
                        f"{doc_id}-{page}-{start}",
                        doc_id,
                        len(chunks),
                        page,
                        start,
                        start + len(piece),
                        piece,
                    )
                )
        self.catalog.replace_chunks(doc_id, chunks)
        return doc_id
