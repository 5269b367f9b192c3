"""Degenerate and oversized input stays cheap (issue 19, point 7).

A 100 KB query cost 58 s and 1.1 GB in ``search``; a query of punctuation alone returned
table-of-contents dot lines. Each test fails on the code before the fix.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.cli import main
from app.core.config import Settings
from app.core.library import Library
from app.core.retrieval.query import MAX_QUERY_CHARS, QueryTooLongError
from tests.robustness.conftest import RobustnessReport
from tests.robustness.fakes import FakeEmbedder

SECTION = "Hostile and broken inputs"
TOC = "Contents\n\n" + "\n".join(f"Chapter {n} {'.' * 60} {n * 7}" for n in range(1, 30))


@pytest.fixture
def toc_library(fast_library: Library, tmp_path: Path) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "manual.txt").write_text(TOC + "\n\nThe harbour opens at seven.\n", "utf-8")
    fast_library.ingest("docs", [folder])
    return fast_library


def test_a_100_kb_query_is_refused_before_any_tokenisation(
    toc_library: Library, report: RobustnessReport
) -> None:
    query = "harbour budget " * 7_000  # 105,000 characters
    started = time.perf_counter()
    with pytest.raises(QueryTooLongError, match=f"at most {MAX_QUERY_CHARS:,}") as caught:
        toc_library.search("docs", query)
    seconds = time.perf_counter() - started
    assert toc_library._searcher is None, "the searcher (Kiwi, BM25, Chroma) was never needed"
    report.add(
        SECTION,
        input="100 KB search query",
        outcome="refused",
        message=f"{caught.value} ({seconds * 1000:.1f} ms)",
    )


def test_a_query_at_the_cap_still_searches(toc_library: Library) -> None:
    query = ("harbour " * 600)[:MAX_QUERY_CHARS]
    assert toc_library.search("docs", query)


@pytest.mark.parametrize("query", ["....", "…… ? !", "·  —  ・", "......................"])
def test_punctuation_alone_matches_nothing(
    toc_library: Library, query: str, report: RobustnessReport
) -> None:
    assert toc_library.search("docs", query) == []
    if query == "....":
        report.add(SECTION, input="query of punctuation only", outcome="nothing matched")


def test_cli_refuses_a_long_question_before_loading_the_model(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = "x" * 100_000
    code = main(["--data-dir", str(data_dir), "ask", "docs", question, "--model", "/no/such/model"])
    err = capsys.readouterr().err
    assert code != 0
    assert "too long" in err and "100,000" in err
    assert "/no/such/model" not in err  # refused before the model was even looked for


def test_cli_search_says_nothing_matched_for_punctuation(
    toc_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    toc_library.close()
    main(["--data-dir", str(toc_library.settings.data_dir), "search", "docs", "....."])
    assert "No passages found." in capsys.readouterr().out


# -- identical passages embed once -------------------------------------------------------------


def _repeated_word_file(folder: Path, size: int) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "repeated.txt"
    path.write_text("ledger " * (size // 7), "utf-8")
    return path


def test_identical_passages_are_embedded_once_and_reused_by_a_reingest(
    settings: Settings, tmp_path: Path, report: RobustnessReport
) -> None:
    fake = FakeEmbedder()
    library = Library(settings)
    library.embedder = lambda _name: fake  # type: ignore[method-assign]
    try:
        path = _repeated_word_file(tmp_path / "docs", 300_000)
        first = library.ingest("words", [path])
        passages = first.chunks
        embedded_first = fake.texts
        library.delete_collection("words")  # vectors gone: a re-ingest must not recompute them
        second = library.ingest("words-again", [path])
        assert second.chunks == passages
        assert library.search("words-again", "ledger")
        consistency = library.consistency("words-again")
        assert consistency["orphan_vectors"] == consistency["missing_vectors"] == 0
    finally:
        library.close()
    assert passages > 100
    assert embedded_first <= 3, f"{embedded_first} texts embedded for {passages} passages"
    assert fake.texts == embedded_first, "the re-ingest embedded again"
    assert settings.layout.vector_cache_db.exists()
    report.add(
        SECTION,
        input="300 KB of one repeated word",
        outcome="indexed",
        message=f"{passages} passages, {embedded_first} embedded; re-ingest embedded 0",
    )


def test_cached_vectors_equal_the_models_own(tmp_path: Path) -> None:
    from app.core.config import TEST_EMBEDDING_MODEL
    from app.core.embeddings.cache import CachedEmbedder, VectorCache
    from app.core.embeddings.factory import load_embeddings

    model = load_embeddings(TEST_EMBEDDING_MODEL)
    texts = ["The harbour opens at seven.", "서울은 수도이다.", "The harbour opens at seven."]
    cache = VectorCache(tmp_path / "cache.sqlite3")
    try:
        cold = CachedEmbedder(model, cache)
        first = cold.embed_documents(texts)
        assert cold.embedded == 2  # the repeated text once
        warm = CachedEmbedder(model, cache)
        second = warm.embed_documents(texts)
        assert warm.embedded == 0
    finally:
        cache.close()
    direct = model.embed_documents(texts)
    for a, b, c in zip(first, second, direct, strict=True):
        assert a == b
        assert max(abs(x - y) for x, y in zip(a, c, strict=True)) < 1e-6


def test_an_unusable_cache_never_stops_indexing(settings: Settings, tmp_path: Path) -> None:
    settings.layout.ensure()
    settings.layout.vector_cache_db.write_bytes(b"not a database at all" * 100)
    fake = FakeEmbedder()
    library = Library(settings)
    library.embedder = lambda _name: fake  # type: ignore[method-assign]
    try:
        result = library.ingest("words", [_repeated_word_file(tmp_path / "docs", 20_000)])
    finally:
        library.close()
    assert result.count("indexed") == 1 and not result.failed


# -- files with more text than the setting -----------------------------------------------------


def test_a_file_over_the_text_size_setting_is_skipped_unless_forced(
    settings: Settings, tmp_path: Path, report: RobustnessReport
) -> None:
    settings.indexing.max_text_chars = 50_000
    fake = FakeEmbedder()
    library = Library(settings)
    library.embedder = lambda _name: fake  # type: ignore[method-assign]
    big = _repeated_word_file(tmp_path / "docs", 300_000)
    small = tmp_path / "docs" / "small.txt"
    small.write_text("The harbour opens at seven.", "utf-8")
    try:
        first = library.ingest("c", [big, small])
        by_name = {Path(r.path).name: r for r in first.results}
        skipped = by_name["repeated.txt"]
        assert skipped.status == "skipped" and skipped.error_kind == "too_long"
        assert "299,999 characters" in skipped.message or "characters of text" in skipped.message
        assert "indexing.max_text_chars" in skipped.message and "--force" in skipped.message
        assert by_name["small.txt"].status == "indexed"
        assert fake.texts == 1, "nothing of the big file was embedded"
        assert [Path(d.path).name for d in library.documents("c")] == ["small.txt"]
        forced = library.ingest("c", [big], force=True)
        assert forced.results[0].status == "indexed"
    finally:
        library.close()
    report.add(
        SECTION,
        input="text over indexing.max_text_chars",
        outcome="skipped",
        message=skipped.message,
    )


def test_cli_refuses_a_file_over_the_setting_unless_force(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    (data_dir / "settings.json").write_text(
        json.dumps(
            {
                "retrieval": {"embedding_model": "sentence-transformers/all-MiniLM-L6-v2"},
                "indexing": {"max_text_chars": 5_000},
            }
        ),
        "utf-8",
    )
    big = _repeated_word_file(tmp_path / "docs", 7_000)
    code = main(["--data-dir", str(data_dir), "ingest", "c", str(big), "--quiet"])
    out = capsys.readouterr().out
    assert code == 1 and "skipped" in out and "--force" in out and "repeated.txt" in out
    code = main(["--data-dir", str(data_dir), "ingest", "c", str(big), "--quiet", "--force"])
    out = capsys.readouterr().out
    assert code == 0 and "indexed" in out


def test_identical_files_in_one_batch_index_once_without_an_error(
    fast_library: Library, tmp_path: Path
) -> None:
    """Found here: the second copy failed with "UNIQUE constraint failed: chunks.id"."""
    folder = tmp_path / "copies"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text("The same report, copied three times.", "utf-8")
    result = fast_library.ingest("copies", [folder])
    statuses = sorted(r.status for r in result.results)
    assert statuses == ["duplicate", "duplicate", "indexed"], result.results
    again = fast_library.ingest("copies", [folder])
    assert not again.failed
    assert fast_library.search("copies", "report copied")
