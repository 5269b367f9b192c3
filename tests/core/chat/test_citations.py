"""Citation parsing and attribution: what decides which sources an answer is checked against."""

from __future__ import annotations

import pytest

from app.core.chat.citations import attribute, parse_citations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paris is the capital [1].", [1]),
        ("Both say so [2, 1].", [2, 1]),
        ("See [1-3].", [1, 2, 3]),
        ("See [2,4-5] and again [2].", [2, 4, 5]),
        ("Ranges use dashes too [1–2].", [1, 2]),
        ("Named [Source 3] and [sources 1 and 2].", [3, 1, 2]),
        ("한국어 출처 [출처 2]와 [1].", [2, 1]),
        ("No citation here.", []),
    ],
)
def test_parse_citations_forms(text: str, expected: list[int]) -> None:
    assert parse_citations(text, source_count=5) == expected


def test_numbers_outside_the_sources_are_ignored() -> None:
    assert parse_citations("Wrong [0], [7], [4-9], fine [2].", source_count=5) == [4, 5, 2]


def test_no_sources_means_nothing_is_cited() -> None:
    assert parse_citations("It says [1].", source_count=0) == []


def test_attribution_marks_a_sentence_copied_from_a_source() -> None:
    sources = [
        "Ferries leave the port every morning at seven.",
        "The keeper's cat is named Biscuit and sleeps near the lamp.",
    ]

    result = attribute("The keeper's cat is named Biscuit.", sources)

    assert result.added == [2]
    assert result.text == "The keeper's cat is named Biscuit [2]."


def test_attribution_leaves_unsupported_and_cited_sentences_alone() -> None:
    sources = ["The lighthouse was built in 1887 on Gull Island."]
    text = "Penguins enjoy jazz music. The lighthouse was built in 1887 [1]."

    result = attribute(text, sources)

    assert result.added == []
    assert result.text == text


def test_attribution_never_cites_a_refusal() -> None:
    result = attribute(
        "The documents do not say.", ["The documents say many things."], "The documents do not say."
    )
    assert result.added == []


def test_attribution_works_for_korean_particles() -> None:
    sources = ["부산은 항구 도시이다.", "서울은 대한민국의 수도이며 인구가 가장 많다."]

    result = attribute("대한민국의 수도는 서울입니다.", sources)

    assert result.added == [2]
    assert "[2]" in result.text
