"""The LangChain recipe baseline, on a real PDF with the real MiniLM model and Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import DocumentError
from app.core.evaluation.example import example_dir
from app.core.evaluation.recipe import (
    MiniLMEmbeddings,
    RecipeIndex,
    load_documents,
    split_documents,
)

MANUAL = example_dir() / "airpure-300-manual.en.pdf"


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbeddings:
    return MiniLMEmbeddings()


def test_loader_gives_one_document_per_page_like_pypdfloader() -> None:
    docs = load_documents(MANUAL)
    assert [d.metadata["page"] for d in docs] == list(range(8))
    assert docs[0].metadata["total_pages"] == 8 and docs[0].metadata["source"] == str(MANUAL)
    assert "NW-F300" in docs[2].page_content


def test_splitter_uses_the_recipe_sizes() -> None:
    chunks = split_documents(load_documents(MANUAL))
    assert len(chunks) > 4  # pages of ~1,000 characters become more than one chunk
    assert all(len(c.page_content) <= 1000 for c in chunks)
    assert all(
        c.page_content in load_documents(MANUAL)[c.metadata["page"]].page_content for c in chunks
    )


def test_text_files_load_whole_and_other_formats_are_refused(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("line one\nline two", encoding="utf-8")
    assert [d.page_content for d in load_documents(note)] == ["line one\nline two"]
    with pytest.raises(DocumentError, match="only PDF, HTML and text"):
        load_documents(tmp_path / "file.docx")


@pytest.mark.slow
def test_search_finds_the_page_and_a_persisted_index_is_reused(
    tmp_path: Path, minilm: MiniLMEmbeddings
) -> None:
    steps: list[tuple[int, int]] = []
    index = RecipeIndex.build(
        [MANUAL], tmp_path / "store", minilm, lambda d, t: steps.append((d, t))
    )
    assert not index.stats.reused and index.stats.pages == 8 and steps[-1][0] == steps[-1][1]
    top = index.search("Which part number should I order for a replacement filter?", 3)
    assert top[0].page == 3 and top[0].title == MANUAL.name and top[0].document_id == 1
    assert top[0].score >= top[-1].score
    again = RecipeIndex.build([MANUAL], tmp_path / "store", minilm)
    assert again.stats.reused and again.stats.chunks == index.stats.chunks
    assert [p.text for p in again.search("Which part number?", 3)] == [
        p.text for p in index.search("Which part number?", 3)
    ]


@pytest.mark.slow
def test_in_memory_index_is_dropped_on_close(minilm: MiniLMEmbeddings) -> None:
    index = RecipeIndex.build([MANUAL], None, minilm)
    assert index.search("How long is the warranty?", 1)[0].page == 8
    index.close()
