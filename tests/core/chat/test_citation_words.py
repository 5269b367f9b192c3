"""Added citation markers never change the model's words (issue 19).

Splitting at every period turned "3.4 million kroner" into "3 [1].4 million kroner [1]" and
"Dr. Ingrid Halvorsen" into "Dr [1]. Ingrid Halvorsen". Markers now go only at real sentence
ends, or at the end; removing them gives the model's text back exactly.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.chat.citations import attribute
from app.core.chat.sentences import sentences

SOURCE = (
    "Dr. Ingrid Halvorsen said the harbour budget is 3.4 million kroner for the U.S. office, "
    "version 2.0.1 of the plan is at https://example.org/plan.v2.html and e.g. the museum "
    "opens in May. 서울은 대한민국의 수도이며 인구가 가장 많다. 부산은 항구 도시이다."
)
_ADDED = re.compile(r" \[\d+\]")


def _strip(text: str) -> str:
    return _ADDED.sub("", text)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            "The harbour budget is 3.4 million kroner.",
            "The harbour budget is 3.4 million kroner [1].",
        ),
        (
            "Dr. Ingrid Halvorsen said the harbour budget is large.",
            "Dr. Ingrid Halvorsen said the harbour budget is large [1].",
        ),
        (
            "The plan for the U.S. office is version 2.0.1 of the plan.",
            "The plan for the U.S. office is version 2.0.1 of the plan [1].",
        ),
        (
            "The plan is at https://example.org/plan.v2.html and the museum opens in May.",
            "The plan is at https://example.org/plan.v2.html and the museum opens in May [1].",
        ),
        (
            "The museum, e.g. the new one, opens in May. Dr. Halvorsen said so",
            "The museum, e.g. the new one, opens in May [1]. Dr. Halvorsen said so [1]",
        ),
        (
            "서울은 대한민국의 수도입니다. 부산은 항구 도시이다.",
            "서울은 대한민국의 수도입니다 [1]. 부산은 항구 도시이다 [1].",
        ),
        ("The budget was 3.4.", "The budget was 3.4 [1]."),
    ],
)
def test_markers_only_at_real_sentence_ends(answer: str, expected: str) -> None:
    result = attribute(answer, [SOURCE])
    assert result.text == expected
    assert _strip(result.text) == answer


def test_issue_examples_keep_their_words() -> None:
    sources = [
        "The grant totals 3.4 million kroner.",
        "Dr. Ingrid Halvorsen leads the survey team.",
    ]
    answer = "The grant is 3.4 million kroner. Dr. Ingrid Halvorsen leads the survey team."
    result = attribute(answer, sources)
    assert "3.4 million kroner [1]." in result.text
    assert "Dr. Ingrid Halvorsen leads the survey team [2]." in result.text
    assert _strip(result.text) == answer


def test_sentences_cover_the_text_end_to_end() -> None:
    text = "One is here. Dr. Two is 3.4 m.\n- a list line\n셋입니다. 끝"
    spans = sentences(text)
    assert "".join(text[s.start : s.end] for s in spans) == text
    assert [text[s.start : s.marker] for s in spans] == [
        "One is here",
        "Dr. Two is 3.4 m",
        "- a list line",
        "셋입니다",
        "끝",
    ]


_PIECES = st.sampled_from(
    [
        "The harbour budget is",
        " 3.4 million kroner",
        " Dr. Ingrid Halvorsen",
        " e.g. the museum",
        " the U.S. office",
        " version 2.0.1",
        " https://example.org/plan.v2.html",
        ".",
        ". ",
        "? ",
        "!",
        "\n",
        "\n- ",
        " 서울은 대한민국의 수도입니다",
        "다. ",
        "。",
        " opens in May",
        "  ",
        '"',
        ")",
        "[",
        "]",
        " 7",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_removing_the_markers_gives_back_the_models_text(answer: str) -> None:
    result = attribute(answer, [SOURCE, "부산은 항구 도시이다.", "Ferries leave at seven."])
    assert _strip(result.text) == answer
    for match in _ADDED.finditer(result.text):  # never inside a word or a number
        before = result.text[: match.start()]
        after = result.text[match.end() :]
        assert not (before[-1:].isdigit() and after[:1] == "." and after[1:2].isdigit())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_comes_back_exactly(answer: str) -> None:
    if _ADDED.search(answer) or "[" in answer:
        return  # the model's own markers are not ours to strip
    result = attribute(answer, [answer, SOURCE])
    assert _strip(result.text) == answer
