"""The Library end to end on real things: PDFs made here, Chroma on disk, MiniLM embeddings.

Covers issue 2's collection behaviour: dedupe by content, re-index on change, drop on refresh,
no work for an unchanged folder, per-file failures that never stop the batch, and search results
that carry page and offsets.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.errors import EmbeddingMismatchError, NotFoundError, PagefoldError
from app.core.indexing.events import FileStatus, IngestProgress
from app.core.library import Library
from app.core.storage.catalog import DocStatus
from tests.core.documents.pdfmaker import make_korean_pdf, make_pdf

ENGLISH_PAGES = [
    "Pagefold user guide. This page introduces the application and its goals.",
    "Installing the telescope mount requires a 13 mm hex key and two people.",
    "The warranty covers the motor drive for five years from the date of purchase.",
]
KOREAN_PAGES = [
    "회사 소개. 이 문서는 사내 규정을 설명합니다.",
    "연차 휴가는 입사 첫해에 열다섯 일이 주어집니다. 휴가 신청은 사흘 전에 해야 합니다.",
    "출장비는 영수증을 첨부하여 경영지원팀에 제출합니다.",
]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    make_pdf(folder / "guide.pdf", ENGLISH_PAGES)
    make_korean_pdf(folder / "규정.pdf", KOREAN_PAGES)
    (folder / "notes.md").write_text(
        "# Notes\n\nThe cafeteria opens at 11:30 on weekdays.\n", "utf-8"
    )
    return folder


def _status(report, name: str) -> str:  # type: ignore[no-untyped-def]
    return next(r.status for r in report.results if Path(r.path).name == name)


def test_ingest_then_search_finds_the_right_page(library: Library, docs: Path) -> None:
    events: list[IngestProgress] = []
    report = library.ingest("handbook", [docs], progress=events.append)
    assert report.count(FileStatus.INDEXED) == 3, report.results
    assert events[-1].phase == "done" and events[-1].fraction == 1.0
    assert any(e.chunks_done > 0 for e in events)

    hits = library.search("handbook", "What tool do I need to install the telescope mount?", k=3)
    assert hits[0].title == "guide" and hits[0].page == 2
    assert "13 mm hex key" in hits[0].text

    hits = library.search("handbook", "연차 휴가는 며칠인가요?", k=3)
    assert hits[0].page == 2 and "열다섯" in hits[0].text

    doc_text = library.page_text(hits[0].document_id, hits[0].page)
    assert doc_text[hits[0].start : hits[0].end] == hits[0].text  # offsets point into the page


def test_unchanged_changed_duplicate_and_gone(library: Library, docs: Path) -> None:
    library.ingest("c", [docs])
    again = library.ingest("c", [docs])
    assert again.count(FileStatus.UNCHANGED) == 3 and again.chunks == 0

    (docs / "copy.pdf").write_bytes((docs / "guide.pdf").read_bytes())
    report = library.ingest("c", [docs])
    assert _status(report, "copy.pdf") == FileStatus.DUPLICATE  # same content, indexed once

    notes = docs / "notes.md"
    notes.write_text("# Notes\n\nThe cafeteria now opens at 12:15.\n", "utf-8")
    os.utime(notes, (time.time() + 5, time.time() + 5))
    report = library.ingest("c", [docs])
    assert _status(report, "notes.md") == FileStatus.INDEXED
    assert "12:15" in library.search("c", "When does the cafeteria open?", k=1)[0].text

    (docs / "guide.pdf").unlink()
    report = library.refresh("c")
    assert _status(report, "guide.pdf") == FileStatus.REMOVED
    assert all(h.title != "guide" for h in library.search("c", "telescope mount hex key", k=5))
    assert library.consistency("c")["orphan_vectors"] == 0


def test_refresh_of_an_unchanged_folder_parses_nothing(
    library: Library, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.ingest("c", [docs])
    import app.core.indexing.pipeline as pipeline

    def must_not_parse(*_a: object, **_k: object) -> None:
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(pipeline, "parse_file", must_not_parse)
    report = library.refresh("c")
    assert report.count(FileStatus.UNCHANGED) == 3


def test_bad_files_fail_alone_with_a_reason(library: Library, docs: Path) -> None:
    (docs / "empty.pdf").write_bytes(b"")
    (docs / "junk.pdf").write_bytes(os.urandom(2048))
    report = library.ingest("c", [docs])
    assert report.count(FileStatus.INDEXED) == 3
    failed = {Path(r.path).name: r.message for r in report.failed}
    assert set(failed) == {"empty.pdf", "junk.pdf"}
    assert all(msg for msg in failed.values())
    records = {Path(d.path).name: d for d in library.documents("c")}
    assert records["junk.pdf"].status == DocStatus.FAILED and records["junk.pdf"].error


def test_cancel_leaves_no_partial_document(library: Library, docs: Path) -> None:
    token = CancelToken()

    def cancel_once_embedding(p: IngestProgress) -> None:
        if p.chunks_done > 0:
            token.cancel()

    report = library.ingest("c", [docs], progress=cancel_once_embedding, cancel=token)
    assert report.cancelled
    consistency = library.consistency("c")
    assert consistency["orphan_vectors"] == 0 and consistency["missing_vectors"] == 0
    assert not library.catalog.documents_in_state(DocStatus.INDEXING)
    resumed = library.ingest("c", [docs])
    assert resumed.count(FileStatus.INDEXED) + resumed.count(FileStatus.UNCHANGED) == 3


def test_remove_document_and_collection_lifecycle(library: Library, docs: Path) -> None:
    library.ingest("c", [docs])
    doc = next(d for d in library.documents("c") if d.path.endswith("guide.pdf"))
    library.remove_document("c", doc.id)
    assert all(h.document_id != doc.id for h in library.search("c", "telescope mount", k=5))
    assert library.consistency("c")["orphan_vectors"] == 0
    library.rename_collection("c", "renamed")
    assert library.search("renamed", "cafeteria", k=1)
    library.delete_collection("renamed")
    with pytest.raises(NotFoundError):
        library.search("renamed", "cafeteria")


def test_embedding_dimension_mismatch_is_refused(library: Library, docs: Path) -> None:
    library.ingest("c", [docs / "notes.md"])
    col = library.collection("c")
    library.catalog.set_embedding(col.id, col.embedding_model, 1024)
    with pytest.raises(EmbeddingMismatchError, match="1024"):
        library.search("c", "cafeteria")


def test_crash_mid_index_is_recovered_at_next_open(settings, docs: Path) -> None:  # type: ignore[no-untyped-def]
    lib = Library(settings)
    lib.ingest("c", [docs])
    doc = next(d for d in lib.documents("c") if d.path.endswith("guide.pdf"))
    lib.catalog.set_status(doc.id, DocStatus.INDEXING)  # as a kill during indexing leaves it
    lib.close()

    reopened = Library(settings)
    stats = reopened.recover()
    assert stats["redone"] == 1
    assert reopened.consistency("c")["orphan_vectors"] == 0
    report = reopened.refresh("c")
    assert _status(report, "guide.pdf") == FileStatus.INDEXED
    assert reopened.search("c", "telescope mount hex key", k=1)[0].title == "guide"
    reopened.close()


def test_empty_query_is_a_user_error(library: Library, docs: Path) -> None:
    library.ingest("c", [docs / "notes.md"])
    with pytest.raises(PagefoldError, match="Type a question"):
        library.search("c", "   ")


def test_changing_passage_size_reindexes_at_refresh(library: Library, docs: Path) -> None:
    sentences = " ".join(f"Sentence {i} describes part {i} of the mount." for i in range(60))
    (docs / "long.txt").write_text(sentences, encoding="utf-8")
    library.ingest("c", [docs])
    before = library.collection("c").chunk_count
    library.set_chunking("c", chunk_tokens=32, chunk_overlap=4)
    assert library.search("c", "telescope mount hex key", k=1)  # still searchable meanwhile
    report = library.refresh("c")
    assert report.count(FileStatus.INDEXED) == 4
    col = library.collection("c")
    assert (col.chunk_tokens, col.chunk_overlap) == (32, 4)
    assert col.chunk_count > before
    assert library.consistency("c")["orphan_vectors"] == 0
    with pytest.raises(PagefoldError, match="not allowed"):
        library.set_chunking("c", chunk_tokens=4)


def test_prepare_search_builds_the_keyword_index_before_the_first_question(
    library: Library, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.retrieval.lexical import LexicalIndex

    library.ingest("handbook", [docs])
    library.prepare_search("handbook")

    def no_rebuild(*_args: object, **_kwargs: object) -> LexicalIndex:
        raise AssertionError("the first search rebuilt the BM25 index")

    monkeypatch.setattr(LexicalIndex, "build", no_rebuild)
    hits = library.search("handbook", "What tool do I need to install the telescope mount?", k=3)
    assert hits[0].page == 2 and "13 mm hex key" in hits[0].text
