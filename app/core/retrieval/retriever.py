"""Pagefold search as a LangChain retriever, so LCEL chains can use it like any other."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from app.core.storage.passage import Passage


class PagefoldRetriever(BaseRetriever):
    """Wraps a search callable (typically a bound ``HybridSearcher.search``).

    Each ``Document`` carries the passage text and ``Passage.to_metadata()`` (document, page,
    offsets, score), which is what citations are built from.
    """

    search: Callable[[str], list[Passage]]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [Document(page_content=p.text, metadata=p.to_metadata()) for p in self.search(query)]
