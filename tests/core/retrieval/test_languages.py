"""Questions across languages: the collection's language, and the model's rewrite fused in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

import numpy as np
import pytest

from app.core.retrieval import hybrid, languages
from app.core.retrieval.alignment import Alignment
from app.core.retrieval.hybrid import HybridSearcher
from app.core.retrieval.languages import ModelRewriter, other_language, query_language
from app.core.retrieval.lexical import LexicalIndex
from app.core.storage.passage import Passage
from tests.core.retrieval.conftest import FakeEmbedder, Store

UNDO = "실행 취소를 한 다음에 편집 → 재실행을 선택하거나 단축키 Ctrl+Y 를 누르면 됩니다."
CROP = "잘라내기 도구를 사용하려면 도구 상자에 있는 아이콘을 누릅니다."
PATTERN = "무늬는 타일링으로 채우기를 하기 위한 작은 이미지입니다."
NOODLES = "라면은 물이 끓으면 면과 스프를 넣고 4분 동안 더 끓입니다."
KIMCHI = "김치는 배추를 소금에 절인 뒤 양념을 발라 만듭니다."
TEA = "Green tea steeps for three minutes in water just off the boil."
TOWER = "The Eiffel Tower was completed in 1889 for the World's Fair."


class FakeModel:
    """Answers like a chat backend: the canned translation, after a blank line."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.asked: list[list[dict[str, str]]] = []

    def stream(
        self, messages: list[dict[str, str]], max_new_tokens: int, temperature: float
    ) -> Iterator[str]:
        self.asked.append(messages)
        yield from ["\n", self.reply[:5], self.reply[5:]]


def test_languages_of_questions_and_collections() -> None:
    assert query_language("How do I redo in GIMP?") == "en"
    assert query_language("GIMP에서 다시 실행하려면?") == "ko"
    rows = [("a", "실행 취소 ctrl"), ("b", "도구 상자"), ("c", "gimp undo")]
    index = LexicalIndex.build(rows)
    assert index.korean_share == 2 / 3
    assert other_language("How do I redo?", index.korean_share) == ("ko", 2 / 3)
    assert other_language("다시 실행하려면?", index.korean_share) == ("en", pytest.approx(1 / 3))
    # A Korean manual's few untranslated English pages draw no Korean question over.
    assert other_language("다시 실행하려면?", 0.95) is None
    assert other_language("How do I redo?", 0.0) is None


def test_rewriter_keeps_only_a_reply_in_the_asked_language() -> None:
    model = FakeModel("김프에서 다시 실행하는 단축키는?")
    rewrite = ModelRewriter(model)
    assert rewrite("Which shortcut redoes in GIMP?", "ko") == "김프에서 다시 실행하는 단축키는?"
    assert "Korean" in model.asked[0][0]["content"]
    assert ModelRewriter(FakeModel("Sure! Here you go"))("Which shortcut?", "ko") == ""


def test_a_question_in_the_other_language_is_also_searched_as_rewritten(
    store: Store, fake_embedder: FakeEmbedder
) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "gimp.txt", [(1, CROP), (2, UNDO), (3, PATTERN)])
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    asked: list[tuple[str, str]] = []

    def rewrite(query: str, language: str) -> str:
        asked.append((query, language))
        return "재실행 단축키는 무엇인가요?"

    question = "Which shortcut redoes an undone step?"
    found = searcher.search(collection, question, fake_embedder, k=3, rewrite=rewrite)

    assert asked == [(question, "ko")]
    assert found[0].page == 2, "BM25 over the Korean rewrite finds the passage"
    searcher.search(collection, "재실행 단축키", fake_embedder, k=3, rewrite=rewrite)
    assert len(asked) == 1, "a question already in the collection's language is not rewritten"


def test_in_a_folder_of_both_languages_questions_are_rewritten_both_ways(
    store: Store, fake_embedder: FakeEmbedder
) -> None:
    english = "To redo a step, choose Edit > Redo or press Ctrl+Y."
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "gimp-ko.txt", [(1, CROP), (2, UNDO)])
    store.add_document(collection, fake_embedder, "gimp-en.txt", [(1, english), (2, english)])
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    asked: list[tuple[str, str]] = []

    def rewrite(query: str, language: str) -> str:
        asked.append((query, language))
        return ""

    searcher.search(collection, "Which shortcut redoes?", fake_embedder, k=3, rewrite=rewrite)
    searcher.search(collection, "재실행 단축키는?", fake_embedder, k=3, rewrite=rewrite)
    assert asked == [("Which shortcut redoes?", "ko"), ("재실행 단축키는?", "en")]


class BiasedEmbedder(FakeEmbedder):
    """Fixed vectors for the texts below, hash vectors elsewhere: a multilingual model's bias
    toward the question's own language, made exact. Cosine to the noodle question: the Korean
    noodle passage 0.80, the English tea passage 0.82 (nearer, though about something else)."""

    KNOWN: ClassVar[dict[str, tuple[float, float, float]]] = {
        "How long should noodles cook?": (1.0, 0.0, 0.0),
        "How long does green tea steep?": (0.0, 0.0, 1.0),
        NOODLES: (0.80, 0.60, 0.0),
        TEA: (0.82, 0.0, 0.5724),
    }

    def embed_query(self, text: str) -> list[float]:
        if text in self.KNOWN:
            return list(self.KNOWN[text]) + [0.0] * (self.dimension - 3)
        return [0.0, 0.0, 0.0, *super().embed_query(text)[3:]]


def noodle_folder(store: Store) -> Callable[[str], list[Passage]]:
    """A folder of a Korean and an English document, searched with ``BiasedEmbedder``."""
    embedder = BiasedEmbedder()
    collection = store.collection(embedder)
    store.add_document(collection, embedder, "noodles-ko.txt", [(1, NOODLES), (2, KIMCHI)])
    store.add_document(collection, embedder, "tea-en.txt", [(1, TEA), (2, TOWER)])
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    return lambda question: searcher.search(collection, question, embedder, k=2)


def test_in_a_folder_of_both_languages_the_answer_in_the_other_one_is_not_outranked(
    store: Store,
) -> None:
    """An English question whose answer is a Korean page, in a folder of Korean and English
    documents: the model rates an English page on another subject nearer (0.82 against 0.80);
    within ``LANGUAGE_OFFSET`` the Korean answer comes first. A clearly nearer page in the
    question's own language still wins."""
    search = noodle_folder(store)
    assert search("How long should noodles cook?")[0].path == "noodles-ko.txt"
    assert search("How long does green tea steep?")[0].text == TEA


def test_the_offset_is_what_brings_the_other_language_forward(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same folder without the offset: the English page about tea comes first."""
    monkeypatch.setattr(languages, "LANGUAGE_OFFSET", 0.0)
    assert noodle_folder(store)("How long should noodles cook?")[0].text == TEA


#: Turns the first two axes by the angle whose cosine is 0.8: the English noodle question
#: (1, 0, 0) lands on the Korean noodle passage's direction (0.8, 0.6, 0), as a rotation fit on
#: translated sentences moves a question to where its translation would embed.
NOODLE_TURN = np.eye(BiasedEmbedder().dimension, dtype=np.float32)
NOODLE_TURN[:2, :2] = [[0.8, 0.6], [-0.6, 0.8]]


def test_with_a_rotation_the_other_language_is_compared_in_its_own_frame(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No fixed offset at all: the rotated question meets the Korean noodle page head on,
    while the English tea question still finds its own English page first."""
    monkeypatch.setattr(languages, "LANGUAGE_OFFSET", 0.0)
    monkeypatch.setattr(hybrid, "alignment_for", lambda name, dim: Alignment(NOODLE_TURN))
    search = noodle_folder(store)
    assert search("How long should noodles cook?")[0].text == NOODLES
    assert search("How long does green tea steep?")[0].text == TEA


def test_without_the_rotation_the_folder_is_searched_as_before(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rotation, switched off (``hybrid.ALIGN``): the English tea page outranks the
    noodle answer again, so the rotation is what found it above."""
    monkeypatch.setattr(languages, "LANGUAGE_OFFSET", 0.0)
    monkeypatch.setattr(hybrid, "alignment_for", lambda name, dim: Alignment(NOODLE_TURN))
    monkeypatch.setattr(hybrid, "ALIGN", False)
    assert noodle_folder(store)("How long should noodles cook?")[0].text == TEA
