"""Which language an answer is written in: the question's, unless the user chose one.

Answering a Korean question in English is the most common complaint about local RAG tools, so
the choice is made from the question itself (its share of Hangul letters), not the documents.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["ko", "en"]

HANGUL_SHARE_FOR_KOREAN = 0.3
LANGUAGE_NAMES = {"ko": {"ko": "한국어", "en": "영어"}, "en": {"ko": "Korean", "en": "English"}}


def is_hangul(char: str) -> bool:
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # syllables
        or 0x1100 <= code <= 0x11FF  # jamo
        or 0x3130 <= code <= 0x318F  # compatibility jamo
        or 0xA960 <= code <= 0xA97F
        or 0xD7B0 <= code <= 0xD7FF
    )


def hangul_share(text: str) -> float:
    """Share of letters that are Hangul (digits, spaces and punctuation do not count)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_hangul(c)) / len(letters)


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
