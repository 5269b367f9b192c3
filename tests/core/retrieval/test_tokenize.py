"""Lexical tokens: what makes a Korean question meet its passage in BM25."""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.core.retrieval.tokenize import TokenScheme, lexical_tokens


@pytest.mark.parametrize("word", ["데비안의", "데비안은", "데비안에서", "데비안"])
def test_particles_are_stripped_so_word_forms_meet(word: str) -> None:
    assert "데비안" in lexical_tokens(f"{word} 패키지")


def test_endings_are_stripped_from_verbs_and_nouns_survive() -> None:
    tokens = lexical_tokens("패키지를 보류하는 방법은 몇 가지가 있나요?")
    assert {"패키지", "보류", "방법"} <= set(tokens)
    assert not any(t.endswith(("를", "은", "나요")) for t in tokens)


@pytest.mark.parametrize(
    ("text", "identifier", "parts"),
    [
        ("Which function reads read.fwf files?", "read.fwf", {"read", "fwf"}),
        ("명령 lsb_release -a 를 실행하세요", "lsb_release", {"lsb", "release"}),
        ("count.fields(file) reports the fields", "count.fields", {"count", "field"}),
    ],
)
def test_identifiers_stay_whole_and_yield_their_parts(
    text: str, identifier: str, parts: set[str]
) -> None:
    tokens = lexical_tokens(text)
    assert identifier in tokens
    assert parts <= set(tokens)


def test_english_is_lowercased_without_stopwords_or_punctuation() -> None:
    tokens = lexical_tokens("Which Formats can WRITE.FOREIGN export to?")
    assert tokens == ["format", "write.foreign", "write", "foreign", "export"]


def test_decomposed_hangul_gives_the_same_tokens() -> None:
    text = "데비안의 코드명은 토이 스토리에서 왔습니다"
    assert lexical_tokens(unicodedata.normalize("NFD", text)) == lexical_tokens(text)


@pytest.mark.parametrize("scheme", list(TokenScheme))
def test_no_token_holds_whitespace(scheme: TokenScheme) -> None:
    tokens = lexical_tokens("지금까지 토이 스토리 캐릭터였습니다. Toy Story names.", scheme)
    assert tokens
    assert all(t and not any(c.isspace() for c in t) for t in tokens)


def test_bigrams_scheme_matches_without_morphemes() -> None:
    assert {"데비", "비안"} <= set(lexical_tokens("데비안의", TokenScheme.BIGRAMS))


def test_concurrent_first_use_is_safe() -> None:
    texts = [f"데비안 {n}번째 패키지를 설치했습니다" for n in range(16)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lexical_tokens, texts))
    assert results == [lexical_tokens(t) for t in texts]
