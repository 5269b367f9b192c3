"""Questions across languages: the collection's language, and the model's rewrite fused in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.retrieval.hybrid import HybridSearcher
from app.core.retrieval.languages import ModelRewriter, other_language, query_language
from app.core.retrieval.lexical import LexicalIndex
from tests.core.retrieval.conftest import FakeEmbedder, Store

UNDO = "실행 취소를 한 다음에 편집 → 재실행을 선택하거나 단축키 Ctrl+Y 를 누르면 됩니다."
CROP = "잘라내기 도구를 사용하려면 도구 상자에 있는 아이콘을 누릅니다."
PATTERN = "무늬는 타일링으로 채우기를 하기 위한 작은 이미지입니다."


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
