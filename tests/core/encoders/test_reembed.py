"""Issue 15.3: an embedder is chosen per collection; changing it re-embeds with progress, and a
cancel leaves the old vectors and model untouched.

The new embedder is a tiny random-weight BERT served by a fake hub as multilingual-e5-base, so
its vectors have 32 dimensions against MiniLM's 384: the test can see which model made them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.cancel import CancelToken
from app.core.config import TEST_EMBEDDING_MODEL
from app.core.errors import CancelledError, ModelError
from app.core.indexing import reembed
from app.core.library import Library
from tests.core.encoders.docs import write_docs
from tests.core.models.hubfake import FakeHub

NEW = "multilingual-e5-base"


def vector_dims(library: Library, name: str) -> set[int]:
    col = library.collection(name)
    got = library.vectors_for(col).handle(col.id).get(include=["embeddings"])
    return {len(v) for v in got["embeddings"]}


@pytest.fixture
def handbook(library: Library, tmp_path: Path) -> str:
    library.create_collection("handbook", TEST_EMBEDDING_MODEL)
    library.ingest("handbook", [write_docs(tmp_path / "docs")])
    return "handbook"


@pytest.fixture
def installed(hub: FakeHub, library: Library) -> str:
    """Downloaded by its catalog id, as `pagefold models download` and the window do."""
    from app.core.models.catalog import find_entry, load_catalog
    from app.core.models.download import Downloader
    from app.core.models.registry import ModelRegistry

    entry = find_entry(load_catalog(), NEW)
    return Downloader(ModelRegistry(library.layout)).download(entry).id


@pytest.mark.slow
def test_changing_the_embedder_re_embeds_every_passage_and_search_still_finds(
    library: Library, handbook: str, installed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    passages = library.consistency(handbook)["catalog_chunks"]
    assert vector_dims(library, handbook) == {384}
    seen: list[tuple[int, int]] = []

    report = library.change_embedder(handbook, installed, progress=lambda d, t: seen.append((d, t)))

    col = library.collection(handbook)
    assert (col.embedding_model, col.embedding_dim) == (NEW, 32)
    assert vector_dims(library, handbook) == {32}
    counts = library.consistency(handbook)
    assert (counts["catalog_chunks"], counts["vectors"]) == (passages, passages)
    assert counts["orphan_vectors"] == counts["missing_vectors"] == 0
    assert seen[0] == (0, passages) and seen[-1] == (passages, passages)
    assert report.passages == passages and report.reparsed == 3  # the ingest text, from the files
    hits = library.search(handbook, "telescope mount hex key", k=3)
    assert "13 mm hex key" in hits[0].text  # BM25 still finds it; the dense arm is the new model

    back = library.change_embedder(handbook, TEST_EMBEDDING_MODEL)  # and back, with real MiniLM
    assert back.new_dimension == 384 and vector_dims(library, handbook) == {384}
    hits = library.search(handbook, "When can I eat lunch at work?", k=2)
    assert "cafeteria" in hits[0].text

    assert main(["--data-dir", str(library.layout.root), "collections", "embedder", handbook]) == 0
    assert TEST_EMBEDDING_MODEL in capsys.readouterr().out


@pytest.mark.slow
def test_cancel_keeps_the_old_vectors_and_model(
    library: Library, handbook: str, installed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reembed, "BATCH", 1)  # 3 passages: cancel after the first
    before = library.search(handbook, "When can I eat lunch at work?", k=3)
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done >= 1:
            token.cancel()

    with pytest.raises(CancelledError, match="nothing changed"):
        library.change_embedder(handbook, installed, progress=progress, cancel=token)

    col = library.collection(handbook)
    assert (col.embedding_model, col.embedding_dim) == (TEST_EMBEDDING_MODEL, 384)
    assert vector_dims(library, handbook) == {384}
    names = {c.name for c in library.vectors.client.list_collections()}
    assert names == {f"pagefold-{col.id}"}  # the staged copy is gone
    after = library.search(handbook, "When can I eat lunch at work?", k=3)
    assert [(p.chunk_id, round(p.score, 5)) for p in after] == [
        (p.chunk_id, round(p.score, 5)) for p in before
    ]


def test_an_unknown_embedder_is_refused_before_anything_changes(
    library: Library, handbook: str
) -> None:
    with pytest.raises(ModelError, match="Unknown embedding model"):
        library.change_embedder(handbook, "no-such-model")
    with pytest.raises(ModelError, match="models download multilingual-e5-large"):
        library.change_embedder(handbook, "multilingual-e5-large")  # in the catalog, not here
    assert library.collection(handbook).embedding_model == TEST_EMBEDDING_MODEL


class Killed(BaseException):
    """Stands for the process dying at that line: nothing after it runs."""


@pytest.mark.slow
def test_a_crash_during_the_swap_is_finished_at_the_next_start(
    library: Library, handbook: str, installed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage.vectors import VectorStore

    real_get = type(library.vectors.client).get_collection
    renames: list[str] = []

    def get_collection(client: object, name: str, *args: object, **kwargs: object) -> object:
        if renames:  # the live vectors were renamed away; die before the staged ones move in
            raise Killed
        renames.append(name)
        return real_get(client, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(type(library.vectors.client), "get_collection", get_collection)
    with pytest.raises(Killed):
        library.change_embedder(handbook, installed)
    monkeypatch.undo()
    assert renames == [f"pagefold-{library.collection(handbook).id}"]

    reopened = Library(library.settings)
    try:
        assert reopened.recover()["reembeds"] == 1
        col = reopened.collection(handbook)
        assert (col.embedding_model, col.embedding_dim) == (NEW, 32)
        assert "reembed_pending" not in col.options
        assert vector_dims(reopened, handbook) == {32}
        assert reopened.consistency(handbook)["missing_vectors"] == 0
        assert "13 mm hex key" in reopened.search(handbook, "telescope mount hex key", k=1)[0].text
        assert not VectorStore.has_staging(reopened.vectors, col.id)
    finally:
        reopened.close()


@pytest.mark.slow
def test_a_crash_while_embedding_leaves_the_old_model_and_no_staged_copy(
    library: Library, handbook: str, installed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage.vectors import VectorStore

    monkeypatch.setattr(reembed, "BATCH", 1)
    monkeypatch.setattr(VectorStore, "drop_staging", lambda self, cid: None)  # killed: no cleanup

    def progress(done: int, total: int) -> None:
        if done == 2:
            raise Killed

    with pytest.raises(Killed):
        library.change_embedder(handbook, installed, progress=progress)
    monkeypatch.undo()
    col = library.collection(handbook)
    assert library.vectors.has_staging(col.id)
    assert library.recover()["reembeds"] == 1
    assert not library.vectors.has_staging(col.id)
    assert library.collection(handbook).embedding_model == TEST_EMBEDDING_MODEL
    assert vector_dims(library, handbook) == {384}


def test_models_use_an_embedder_makes_it_the_model_of_new_collections(
    library: Library, installed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.core.config import Settings

    root = str(library.layout.root)
    assert main(["--data-dir", root, "models", "use", installed]) == 0
    assert "New collections will use" in capsys.readouterr().out
    assert Settings.load(library.layout.root).retrieval.embedding_model == NEW
    assert main(["--data-dir", root, "collections", "create", "fresh"]) == 0
    assert library.collection("fresh").embedding_model == NEW  # same data folder
