"""The BM25 index: search, document filter, persistence and staleness."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.retrieval import lexical
from app.core.retrieval.lexical import LexicalIndex, LexicalIndexes
from app.core.retrieval.tokenize import lexical_tokens
from tests.core.retrieval.conftest import FakeEmbedder, Store

ROWS = [
    ("code", "데비안의 코드명은 토이 스토리의 캐릭터 이름에서 가져왔습니다."),
    ("hold", "패키지를 보류하려면 apt-mark hold 명령을 사용합니다."),
    ("fwf", "read.fwf reads fixed-width-format files."),
]


def build(rows: list[tuple[str, str]] = ROWS) -> LexicalIndex:
    return LexicalIndex.build([(cid, " ".join(lexical_tokens(text))) for cid, text in rows], "s")


def search(index: LexicalIndex, query: str, allowed: set[str] | None = None) -> list[str]:
    return [hit.chunk_id for hit in index.search(lexical_tokens(query), 5, allowed)]


def test_finds_korean_passage_with_other_particles() -> None:
    assert search(build(), "데비안은 코드명이 어디서 왔나요?")[0] == "code"


def test_finds_identifier() -> None:
    assert search(build(), "What does read.fwf do?") == ["fwf"]


def test_only_matching_chunks_are_returned_best_first() -> None:
    hits = build().search(lexical_tokens("패키지 보류 데비안"), 5)
    assert [h.chunk_id for h in hits] == ["hold", "code"]
    assert hits[0].score > hits[1].score > 0


def test_allowed_ids_filter_before_top_k() -> None:
    assert search(build(), "데비안 패키지 보류", allowed={"code"}) == ["code"]
    assert search(build(), "데비안 패키지 보류", allowed=set()) == []


def test_english_word_forms_meet_when_stemming_is_on() -> None:
    rows = [
        ("filter", "Distinguishes between uppercase and lowercase letters when filtering."),
        ("other", "The validity rule is activated when a new value is entered."),
    ]
    tokens = [(cid, " ".join(lexical_tokens(text))) for cid, text in rows]
    stemmed = LexicalIndex.build(tokens, "s", stem=True)
    assert search(stemmed, "filters") == ["filter"]
    assert search(stemmed, "entering") == ["other"]
    assert search(LexicalIndex.build(tokens, "s", stem=False), "filters") == []


def test_identifiers_and_korean_are_not_stemmed() -> None:
    from app.core.retrieval.stemming import index_terms

    assert index_terms(["read.fwf", "코드명", "2.10", "filtering"]) == [
        "read.fwf",
        "코드명",
        "2.10",
        "filter",
    ]


def test_unknown_words_and_empty_index_find_nothing() -> None:
    assert search(build(), "zebra 얼룩말") == []
    assert search(build([]), "데비안") == []


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "lexical"
    build().save(folder)
    build().save(folder)  # a second generation replaces the first
    loaded = LexicalIndex.load(folder)
    assert loaded is not None and loaded.stamp == "s"
    assert search(loaded, "apt-mark hold") == ["hold"]
    assert len(list(folder.glob("gen-*"))) == 1


def test_load_of_missing_or_broken_index_is_none(tmp_path: Path) -> None:
    assert LexicalIndex.load(tmp_path / "nothing") is None
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "current.json").write_text("{not json", encoding="utf-8")
    assert LexicalIndex.load(tmp_path / "broken") is None


class CountingBuilds:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = LexicalIndex.build.__func__  # type: ignore[attr-defined]

        def counting(cls: type[LexicalIndex], rows: list[tuple[str, str]], stamp: str = ""):
            self.count += 1
            return real(cls, rows, stamp)

        monkeypatch.setattr(LexicalIndex, "build", classmethod(counting))


def test_indexes_follow_the_catalog(
    store: Store, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = CountingBuilds(monkeypatch)
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "a.txt", [(1, ROWS[0][1])])
    indexes = LexicalIndexes(store.catalog, store.layout.lexical_index)
    assert len(indexes.get(collection.id)) == 1
    assert indexes.get(collection.id) is indexes.get(collection.id)

    store.add_document(collection, fake_embedder, "b.txt", [(1, ROWS[1][1])])
    indexes.invalidate(collection.id)
    index = indexes.get(collection.id)
    assert len(index) == 2 and builds.count == 2

    reopened = LexicalIndexes(store.catalog, store.layout.lexical_index)
    assert reopened.get(collection.id).chunk_ids == index.chunk_ids
    assert builds.count == 2, "a reopen with an unchanged catalog loads instead of rebuilding"


def test_changes_by_another_process_are_noticed_after_recheck(
    store: Store, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "a.txt", [(1, ROWS[0][1])])
    indexes = LexicalIndexes(store.catalog, store.layout.lexical_index, recheck_s=0.0)
    assert len(indexes.get(collection.id)) == 1
    store.catalog.delete_document(store.catalog.documents(collection.id)[0].id)
    assert len(indexes.get(collection.id)) == 0


def test_stamp_changes_when_a_document_is_reindexed(
    store: Store, fake_embedder: FakeEmbedder
) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "a.txt", [(1, ROWS[0][1])])
    before = lexical.catalog_stamp(store.catalog, collection.id)
    store.add_document(collection, fake_embedder, "a.txt", [(1, ROWS[1][1]), (2, ROWS[2][1])])
    assert lexical.catalog_stamp(store.catalog, collection.id) != before


def test_a_saved_index_scores_as_bm25s_does_without_importing_it(tmp_path: Path) -> None:
    """The CLI reads saved indexes with numpy alone; its scores must be bm25s's own."""
    import bm25s
    import numpy as np

    from app.core.retrieval.bm25_saved import SavedBM25

    rows = [(f"c{i}", f"term{i % 7} shared term{i % 3} word{i}") for i in range(60)]
    index = LexicalIndex.build(rows, "s")
    index.save(tmp_path)
    (folder,) = tmp_path.glob("gen-*")
    reference = bm25s.BM25.load(str(folder), show_progress=False)
    saved = SavedBM25.load(folder)
    assert saved is not None
    assert saved.vocab_dict == reference.vocab_dict
    for terms in (["shared"], ["term1", "term2", "word5"], ["word59", "term0"]):
        ids = sorted(saved.vocab_dict[t] for t in terms)
        assert np.allclose(saved.get_scores_from_ids(ids), reference.get_scores_from_ids(ids))
    loaded = LexicalIndex.load(tmp_path)
    assert loaded is not None
    assert [h.chunk_id for h in loaded.search(["term1", "word4"], 3)] == [
        h.chunk_id for h in index.search(["term1", "word4"], 3)
    ]
