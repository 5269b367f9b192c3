"""The bundled English–Korean word list (``retrieval.lexicon``) and its use in search.

A question in one language has no keyword in common with a collection in the other. The word
list carries the question's words across, as BM25's own tokens, so keyword search can vote
again, whichever embedder the collection uses: these tests search with an English-only
embedder whose dense arm is noise, so whatever finds the page is the word list.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.core.hangul import has_syllable
from app.core.retrieval import hybrid, lexicon
from app.core.retrieval.hybrid import HybridSearcher
from app.core.retrieval.lexicon import Lexicon, parse, shared_lexicon
from app.core.retrieval.tokenize import lexical_tokens
from app.core.storage.catalog import CollectionRecord
from tests.core.retrieval.conftest import RecordingEmbedder, Store, group_by_document
from tests.core.retrieval.corpus import ENGLISH, KOREAN


def english_only() -> RecordingEmbedder:
    return RecordingEmbedder(frozenset({"en"}))


def collection_of(store: Store, embedder: RecordingEmbedder, passages: list) -> CollectionRecord:
    collection = store.collection(embedder)
    for path, pages in group_by_document(passages).items():
        store.add_document(collection, embedder, path, pages)
    return store.catalog.collection(collection.id)


def test_translations_go_both_ways_most_linked_first() -> None:
    table = parse(
        [
            "# a comment\n",
            "release\t해제\t13\n",
            "release\t릴리즈\t10\n",
            "release\t놓\t2\n",  # 2 of 25 links: under MIN_SHARE
            "install\t설치\t70\n",
            "installed\t설치\t30\n",
            "broken line\n",
            "설치\tinstall\t5\n",  # the columns the wrong way round
        ]
    )
    assert table.translate(["release", "install"], "ko") == ["해제", "릴리즈", "설치"]
    assert table.translate(["설치"], "en") == ["install", "installed"]
    assert table.translate(["unknown", "해제"], "ko") == []
    assert len(table) == 4  # 놓 is kept only the other way, where release is its one link


def test_a_question_is_rendered_word_by_word_keeping_what_has_no_translation() -> None:
    table = parse(["function\t함수\t9\n", "count\t개수\t5\n", "count\t횟수\t4\n"])
    assert table.word_by_word(["function", "count", "coupon", "2001"], "ko") == (
        "함수 개수 횟수 coupon 2001"
    )
    assert table.word_by_word(["함수"], "en") == "function"
    # A model that reads no Korean keeps the translations and loses the words it cannot read.
    assert table.word_by_word(["함수", "쿠폰", "2001"], "en", keep=str.isascii) == "function  2001"


def test_at_most_per_word_translations_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "PER_WORD", 1)
    table = parse(["color\t색상\t504\n", "color\t색\t321\n"])
    assert table.translate(["color"], "ko") == ["색상"]


def test_the_bundled_list_knows_common_software_words_in_bm25s_own_tokens() -> None:
    words = shared_lexicon()
    assert len(words) > 4000
    assert {"레이어", "설치", "패키지", "보안"} <= set(
        words.translate(["layer", "install", "package", "security"], "ko")
    )
    assert {"install", "package", "save"} <= set(words.translate(["설치", "패키지", "저장"], "en"))
    for english, translations in words.to_korean.items():
        assert lexical_tokens(english) == [english], english
        assert all(has_syllable(k) and k == k.strip().split()[0] for k in translations), english


def test_an_english_question_finds_the_korean_page_through_the_word_list(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = english_only()  # no word bridge, and a dense arm that knows nothing
    collection = collection_of(store, embedder, KOREAN)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    question = "How do I stop a package from being upgraded?"
    found = searcher.search(collection, question, embedder, k=3)
    assert any("apt-mark hold" in p.text for p in found), [p.text[:20] for p in found]
    monkeypatch.setattr(hybrid, "LEXICON", False)
    found = searcher.search(collection, question, embedder, k=3)
    assert not any("apt-mark hold" in p.text for p in found), "the noise alone does not find it"


def test_a_korean_question_finds_the_english_page_through_the_word_list(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = english_only()  # it cannot read the question: no dense arm at all
    collection = collection_of(store, embedder, ENGLISH)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    question = "전기차는 집에서 충전할 수 있나요?"
    assert "wall box" in searcher.search(collection, question, embedder, k=3)[0].text
    monkeypatch.setattr(hybrid, "LEXICON", False)
    assert searcher.search(collection, question, embedder, k=3) == []


def test_the_dense_arm_also_searches_the_question_rendered_word_by_word(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = RecordingEmbedder()
    collection = collection_of(store, embedder, KOREAN)
    embedder.queries.clear()  # the passages'
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    monkeypatch.setattr(hybrid, "BRIDGE", False)  # the fake's vectors mean nothing
    searcher.search(collection, "How do I stop a package from being upgraded?", embedder, k=3)
    assert embedder.queries == [
        "How do I stop a package from being upgraded?",
        "중지 패키지 업그레이드",
    ]
    embedder.queries.clear()
    searcher.search(collection, "apt-mark 패키지", embedder, k=3)  # the collection's language
    assert embedder.queries == ["apt-mark 패키지"]
    monkeypatch.setattr(hybrid, "WORD_BY_WORD_WEIGHT", 0.0)
    embedder.queries.clear()
    searcher.search(collection, "How do I stop a package from being upgraded?", embedder, k=3)
    assert len(embedder.queries) == 1


def test_in_a_folder_of_both_languages_the_rendered_question_is_not_searched(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """There it outvoted the question's own pages (English hit@1 0.65 -> 0.26, tune half)."""
    embedder = RecordingEmbedder()
    collection = collection_of(store, embedder, KOREAN + ENGLISH)
    embedder.queries.clear()
    monkeypatch.setattr(hybrid, "BRIDGE", False)
    HybridSearcher(store.catalog, store.vectors, store.layout).search(
        collection, "How do I stop a package from being upgraded?", embedder, k=3
    )
    assert embedder.queries == ["How do I stop a package from being upgraded?"]


def test_an_english_only_model_searches_a_korean_questions_english_rendering(
    store: Store,
) -> None:
    """MiniLM cannot read a Korean question, so its dense arm had nothing to search; the
    question's translated words it can read."""
    embedder = english_only()
    collection = collection_of(store, embedder, ENGLISH)
    embedder.queries.clear()
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    found = searcher.search(collection, "전기차는 집에서 충전할 수 있나요?", embedder, k=3)
    assert len(embedder.queries) == 1
    assert {"home", "charged"} <= set(embedder.queries[0].split())
    assert not has_syllable(embedder.queries[0])
    assert "wall box" in found[0].text


def test_a_missing_word_list_leaves_search_working(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(lexicon, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    shared_lexicon.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert len(shared_lexicon()) == 0
        assert "could not be read" in caplog.text
        embedder = english_only()
        collection = collection_of(store, embedder, KOREAN)
        searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
        assert searcher.search(collection, "apt-mark hold", embedder, k=3)
    finally:
        shared_lexicon.cache_clear()


def test_an_empty_lexicon_translates_nothing() -> None:
    assert Lexicon().translate(["layer"], "ko") == []
