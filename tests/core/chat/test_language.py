"""The answer is written in the question's language unless the user chose one."""

from __future__ import annotations

import pytest

from app.core.chat.language import answer_language, detect_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What is the capital of Korea?", "en"),
        ("한국의 수도는 어디인가요?", "ko"),
        ("GPU 메모리는 얼마나 필요한가요?", "ko"),  # Latin acronyms in a Korean question
        ("How do I say 안녕 in a formal letter?", "en"),  # one Korean word in English
        ("2023?", "en"),
    ],
)
def test_detect_language(question: str, language: str) -> None:
    assert detect_language(question) == language


def test_user_choice_overrides_the_question() -> None:
    assert answer_language("한국의 수도는?", "en") == "en"
    assert answer_language("What is the capital?", "ko") == "ko"
    assert answer_language("한국의 수도는?", "auto") == "ko"
