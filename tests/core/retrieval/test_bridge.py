"""The word bridge (``retrieval.bridge``) with the real multilingual-e5-small, on Korean text.

An English question about Korean documents has no keyword in common with them; the bridge maps
its words to the collection's own Korean words through the embedder, so BM25 can vote again.
Also checked: the bridge is saved and reused (a later process embeds no collection word again),
a changed collection embeds only its new words, a damaged file is rebuilt, and an English-only
model builds none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.embeddings.base import Embedder
from app.core.embeddings.factory import load_embeddings
from app.core.retrieval import hybrid
from app.core.retrieval.bridge import question_words
from app.core.retrieval.hybrid import HybridSearcher
from app.core.retrieval.tokenize import lexical_tokens
from app.core.storage.catalog import CollectionRecord
from tests.core.retrieval.conftest import FakeEmbedder, Store, group_by_document
from tests.core.retrieval.corpus import ENGLISH, ENGLISH_QUESTIONS, KOREAN

pytestmark = pytest.mark.slow

RAMEN = "How much water do I put in when I boil ramen?"


class Counting(Embedder):
    """The real embedder, counting the words it is asked to embed for the bridge."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self.words = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        self.words += len(texts)
        return self.inner.embed_queries(texts)


class WordsOnly(Counting):
    """Real word vectors, but a blind dense arm: every question gets the same vector, so
    whatever ranks the Korean page first comes from the bridge."""

    def embed_query(self, text: str) -> list[float]:
        return [1.0] + [0.0] * (self.dimension - 1)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Single words (the bridge's) for real; questions and their renderings, blind."""
        words = [t for t in texts if " " not in t.strip()]
        real = dict(zip(words, super().embed_queries(words), strict=True)) if words else {}
        return [real[t] if t in real else self.embed_query(t) for t in texts]


@pytest.fixture(scope="module")
def e5() -> Embedder:
    return load_embeddings(DEFAULT_EMBEDDING_MODEL)


def korean_collection(store: Store, embedder: Embedder) -> CollectionRecord:
    collection = store.collection(embedder)
    for path, pages in group_by_document(KOREAN).items():
        # Twice, as a second edition: a bridge target must be in two passages (MIN_PASSAGES).
        store.add_document(collection, embedder, path, pages)
        store.add_document(collection, embedder, "2nd-edition-" + path, pages)
    return store.catalog.collection(collection.id)


def bridge_files(store: Store, collection: CollectionRecord) -> list[Path]:
    return sorted(store.layout.lexical_index(collection.id).glob("bridge-*.npz"))


def test_english_words_meet_the_collections_korean_words(store: Store, e5: Embedder) -> None:
    collection = korean_collection(store, e5)
    bridge = HybridSearcher(store.catalog, store.vectors, store.layout).bridge(
        collection.id, e5, "ko"
    )
    assert {"패키지", "업그레이드"} <= set(bridge.targets(e5, ["package", "upgrades"]))
    assert {"도서관", "책"} <= set(bridge.targets(e5, ["library", "book"]))
    assert {"물", "라면"} <= set(bridge.targets(e5, lexical_tokens(RAMEN)))
    assert all(not w.isascii() for w in bridge.words), "only the collection's Korean words"
    assert bridge_files(store, collection)[0].name.endswith("-ko.npz")


def test_function_words_stay_behind(store: Store, e5: Embedder) -> None:
    """Carried across, "I" and "my", 수 and 있 land on content words (on the evaluation's
    Korean manual "I" became 이미지, image), so only the question's content words cross."""
    bridge = HybridSearcher(store.catalog, store.vectors, store.layout).bridge(
        korean_collection(store, e5).id, e5, "ko"
    )
    assert bridge.targets(e5, ["i", "my"]), "they would bring Korean words along"
    assert question_words(lexical_tokens("Can I add my own dotted line?")) == [
        "add",
        "dotted",
        "line",
    ]
    assert question_words(lexical_tokens("점선을 직접 만들 수 있나요?")) == ["점선", "만들"]


def test_an_english_question_finds_the_korean_page_and_the_bridge_is_kept(
    store: Store, e5: Embedder
) -> None:
    collection = korean_collection(store, e5)
    counting = Counting(e5)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    found = searcher.search(collection, RAMEN, counting, k=3)
    assert any("550밀리리터" in p.text for p in found)
    built = counting.words
    assert built > 50, "the collection's words were embedded once"
    assert len(bridge_files(store, collection)) == 1

    later = Counting(e5)  # another process: the saved bridge is read, not rebuilt
    again = HybridSearcher(store.catalog, store.vectors, store.layout).search(
        collection, RAMEN, later, k=3
    )
    assert [p.text for p in again] == [p.text for p in found]
    # One call embeds the question, its word-by-word rendering and its words: no collection word.
    assert later.words == len(question_words(lexical_tokens(RAMEN))) + 2


def test_the_bridge_alone_brings_up_the_korean_page(
    store: Store, e5: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection = korean_collection(store, e5)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    question = "How tall is Hallasan?"
    assert "1947미터" in searcher.search(collection, question, WordsOnly(e5), k=3)[0].text
    monkeypatch.setattr(hybrid, "BRIDGE", False)
    assert "1947미터" not in searcher.search(collection, question, WordsOnly(e5), k=3)[0].text


def test_a_changed_collection_embeds_only_its_new_words(store: Store, e5: Embedder) -> None:
    collection = korean_collection(store, e5)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    first = searcher.bridge(collection.id, e5, "ko")
    text = "우주 정거장의 태양 전지판은 우주 비행사가 수리합니다. 정거장 태양 전지판 점검."
    store.add_document(collection, e5, "space-ko.pdf", [(1, text), (2, text)])
    searcher.invalidate(collection.id)
    counting = Counting(e5)
    second = searcher.bridge(collection.id, counting, "ko")
    new = set(second.words) - set(first.words)
    assert {"우주", "정거장"} <= new
    assert counting.words == len(new), "words the bridge already had are not embedded again"


def test_a_damaged_bridge_file_is_rebuilt(store: Store, e5: Embedder) -> None:
    collection = korean_collection(store, e5)
    HybridSearcher(store.catalog, store.vectors, store.layout).bridge(collection.id, e5, "ko")
    (saved,) = bridge_files(store, collection)
    saved.write_bytes(b"not a numpy file")
    found = HybridSearcher(store.catalog, store.vectors, store.layout).search(
        collection, RAMEN, e5, k=3
    )
    assert any("550밀리리터" in p.text for p in found)
    assert saved.read_bytes().startswith(b"PK"), "written again, whole"


def test_preparing_a_search_after_an_ingest_builds_the_bridge(store: Store, e5: Embedder) -> None:
    collection = korean_collection(store, e5)
    HybridSearcher(store.catalog, store.vectors, store.layout).prepare(collection.id, e5)
    assert len(bridge_files(store, collection)) == 1, "the first English question waits for none"


def test_an_english_only_model_builds_no_bridge(store: Store) -> None:
    english = FakeEmbedder()
    english.languages = frozenset({"en"})
    collection = korean_collection(store, english)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    searcher.prepare(collection.id, english)
    searcher.search(collection, RAMEN, english, k=3)
    assert bridge_files(store, collection) == []


def test_in_a_folder_of_both_languages_each_question_keeps_its_pages_and_crosses_over(
    store: Store, e5: Embedder
) -> None:
    """A Korean handbook beside an English manual: a bridge is built into each language, at a
    weight that leaves the question's own pages on top (at the one-language weight "HEPA
    filter" returned five Korean pages), and still brings up the other language's page."""
    collection = korean_collection(store, e5)
    for path, pages in group_by_document(ENGLISH).items():
        store.add_document(collection, e5, path, pages)
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    searcher.prepare(collection.id, e5)
    assert [p.name.rsplit("-", 1)[-1] for p in bridge_files(store, collection)] == [
        "en.npz",
        "ko.npz",
    ]
    for question, answer in ENGLISH_QUESTIONS:
        found = searcher.search(collection, question, e5, k=3)
        assert answer in found[0].text, (question, [p.text[:60] for p in found])
    blind = WordsOnly(e5)  # the dense arm sees nothing: the Korean page comes over the bridge
    assert "1947미터" in searcher.search(collection, "How tall is Hallasan?", blind, k=3)[0].text
