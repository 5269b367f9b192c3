"""Tagging end to end with the real pieces: PDFs made here, Chroma on disk, MiniLM vectors.

Documents of clearly different kinds get the tag of their kind, a document of no kind gets
none, documents indexed later are tagged as they arrive, and a search limited to a tag only
returns that tag's documents.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.errors import NotFoundError, PagefoldError
from app.core.indexing.events import FileStatus
from app.core.library import Library
from app.core.tagging import classifier
from app.core.tagging.service import set_labels, tag_collection
from tests.core.documents.pdfmaker import make_pdf
from tests.core.tagging.kinds import ENGLISH, ENGLISH_LABELS, LATE_CONTRACT, make_english

pytestmark = pytest.mark.slow


class Tagged(NamedTuple):
    library: Library
    ids: dict[str, int]  # file name → document id
    root: Path


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tagged]:
    """One library whose "kinds" collection is indexed (MiniLM), shared by this module."""
    root = tmp_path_factory.mktemp("tagging")
    settings = Settings.load(root / "data")
    settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    library = Library(settings)
    make_english(root / "docs")
    report = library.ingest("kinds", [root / "docs"])
    assert report.count(FileStatus.INDEXED) == 4, report.results
    yield Tagged(library, {Path(d.path).name: d.id for d in library.documents("kinds")}, root)
    library.close()


def test_each_document_gets_the_tag_of_its_kind(tagged: Tagged) -> None:
    library, ids, _ = tagged
    expected = {name: label for name, (label, _) in ENGLISH.items()}

    found = tag_collection(library, "kinds", ENGLISH_LABELS)

    got = {name: [tag for tag, _ in found[doc_id]] for name, doc_id in ids.items()}
    assert got == {name: [label] if label else [] for name, label in expected.items()}
    col = library.collection("kinds")
    assert library.catalog.labels(col.id) == ENGLISH_LABELS
    contract = library.catalog.document_tags(ids["doc-a.pdf"])
    assert [(t.tag, t.source) for t in contract] == [("contract", "auto")]
    assert contract[0].score >= classifier.THRESHOLD
    assert library.catalog.documents_with_tag(col.id, "research paper") == [ids["doc-b.pdf"]]


def test_a_search_limited_to_a_tag_returns_only_its_documents(
    tagged: Tagged,
) -> None:
    library, ids, _ = tagged
    tag_collection(library, "kinds", ENGLISH_LABELS)
    question = "When is the next meeting scheduled?"

    unfiltered = library.search("kinds", question, k=5)
    assert unfiltered[0].document_id == ids["doc-c.pdf"]

    contracts = library.search("kinds", question, k=5, tags=["contract"])
    col = library.collection("kinds")
    assert contracts
    assert {p.document_id for p in contracts} <= set(
        library.catalog.documents_with_tag(col.id, "contract")
    )
    two = library.search("kinds", question, k=5, tags=["contract", "research paper"])
    assert {p.document_id for p in two} == {ids["doc-a.pdf"], ids["doc-b.pdf"]}
    narrowed = library.search(
        "kinds", question, k=5, tags=["contract", "research paper"], document_ids=[ids["doc-b.pdf"]]
    )
    assert {p.document_id for p in narrowed} == {ids["doc-b.pdf"]}

    with pytest.raises(NotFoundError, match="contract, meeting report, research paper"):
        library.search("kinds", question, tags=["contrcat"])


def test_documents_indexed_later_are_tagged_as_they_arrive(
    tagged: Tagged,
) -> None:
    library, _, root = tagged
    set_labels(library, "kinds", ENGLISH_LABELS)
    late = root / "late" / "doc-e.pdf"
    late.parent.mkdir(exist_ok=True)
    make_pdf(late, [LATE_CONTRACT])

    report = library.ingest("kinds", [late])

    doc_id = report.results[0].document_id
    assert report.results[0].status == FileStatus.INDEXED and doc_id is not None
    assert [(t.tag, t.source) for t in library.catalog.document_tags(doc_id)] == [
        ("contract", "auto")
    ]
    hits = library.search("kinds", "How many days of paid holiday?", k=5, tags=["contract"])
    assert hits[0].document_id == doc_id


def test_a_tagging_failure_never_fails_the_ingest(
    tagged: Tagged,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    library, _, root = tagged
    library.create_collection("fragile", embedding_model=TEST_EMBEDDING_MODEL)
    set_labels(library, "fragile", ["contract"])

    def broken(*_args: object) -> None:
        raise RuntimeError("classifier exploded")

    monkeypatch.setattr(classifier.LabelClassifier, "__init__", broken)
    note = root / "note.txt"
    note.write_text("The tenant shall pay the rent on the first day of each month.")
    with caplog.at_level(logging.ERROR):
        report = library.ingest("fragile", [note])

    assert report.results[0].status == FileStatus.INDEXED
    assert library.search("fragile", "When is the rent paid?", k=1)[0].document_id == (
        report.results[0].document_id
    )
    assert "classifier exploded" in caplog.text


def test_korean_labels_are_refused_for_an_english_only_model(
    tagged: Tagged,
) -> None:
    library = tagged.library
    set_labels(library, "kinds", ENGLISH_LABELS)
    with pytest.raises(PagefoldError, match="reads only English"):
        tag_collection(library, "kinds", ["계약서", "보고서"])
    assert library.catalog.labels(library.collection("kinds").id) == ENGLISH_LABELS


def test_running_without_labels_says_how_to_name_them(
    tagged: Tagged,
) -> None:
    library = tagged.library
    library.create_collection("unlabelled", embedding_model=TEST_EMBEDDING_MODEL)
    with pytest.raises(PagefoldError, match="pagefold tags labels"):
        tag_collection(library, "unlabelled")
