"""The LangChain retriever seam."""

from __future__ import annotations

from app.core.retrieval.retriever import PagefoldRetriever
from app.core.storage.passage import Passage

PASSAGE = Passage(
    chunk_id="c1",
    text="read.fwf reads fixed-width-format files.",
    document_id=7,
    path="/docs/R-data.pdf",
    title="R Data Import/Export",
    page=14,
    start=120,
    end=161,
    score=0.5,
    collection="manuals",
)


def test_invoke_returns_documents_with_citation_metadata() -> None:
    asked: list[str] = []

    def search(query: str) -> list[Passage]:
        asked.append(query)
        return [PASSAGE]

    documents = PagefoldRetriever(search=search).invoke("fixed width?")
    assert asked == ["fixed width?"]
    assert [d.page_content for d in documents] == [PASSAGE.text]
    metadata = documents[0].metadata
    assert metadata["page"] == 14 and metadata["start"] == 120 and metadata["end"] == 161
    assert metadata["path"] == "/docs/R-data.pdf" and metadata["collection"] == "manuals"
    assert "text" not in metadata
    assert Passage.from_metadata(documents[0].page_content, metadata) == PASSAGE


def test_no_passages_gives_no_documents() -> None:
    assert PagefoldRetriever(search=lambda q: []).invoke("anything") == []
