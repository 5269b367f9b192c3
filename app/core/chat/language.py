"""Which language an answer is written in: the question's, unless the user chose one.

Answering a Korean question in English is the most common complaint about local RAG tools, so
the choice is made from the question itself (its share of Hangul letters), not the documents.
"""

from __future__ import annotations

from typing import Literal

from app.core.hangul import hangul_share

Language = Literal["ko", "en"]

HANGUL_SHARE_FOR_KOREAN = 0.3
LANGUAGE_NAMES = {"ko": {"ko": "한국어", "en": "영어"}, "en": {"ko": "Korean", "en": "English"}}


def detect_language(text: str) -> Language:
    """Korean when enough of the letters are Hangul: "GPU 메모리는 얼마?" is a Korean question."""
    return "ko" if hangul_share(text) >= HANGUL_SHARE_FOR_KOREAN else "en"


def answer_language(question: str, setting: str = "auto") -> Language:
    """The user's explicit choice wins; "auto" follows the question."""
    if setting in ("ko", "en"):
        return setting  # type: ignore[return-value]
    return detect_language(question)


def other_language(language: Language) -> Language:
    return "en" if language == "ko" else "ko"


def language_name(language: str, written_in: str) -> str:
    """ "Korean" / "한국어": how a prompt in ``written_in`` names ``language``."""
    return LANGUAGE_NAMES[written_in][language]
