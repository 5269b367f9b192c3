"""The one definition of Hangul: syllables for analysis and cutting, letters for language."""

from __future__ import annotations

import unicodedata

import pytest

from app.core import hangul
from app.core.chat.language import detect_language
from app.core.documents.chars import display_width
from app.core.embeddings.base import Embedder
from app.core.retrieval.languages import query_language

KOREAN = "서울은 대한민국의 수도이다."
ENGLISH = "Paris is the capital of France."
MIXED = "GPU 메모리는 얼마?"
JAMO_ONLY = "ㅋㅋㅋ ㄱㄴㄷ"


@pytest.mark.parametrize(
    ("text", "syllables", "letters"),
    [
        (KOREAN, True, True),
        (ENGLISH, False, False),
        (MIXED, True, True),
        (JAMO_ONLY, False, True),
        ("", False, False),
        ("123 !?", False, False),
    ],
)
def test_syllables_and_letters_answer_different_questions(
    text: str, syllables: bool, letters: bool
) -> None:
    assert hangul.has_syllable(text) is syllables
    assert hangul.has_hangul(text) is letters


def test_every_block_boundary_is_in_and_its_neighbours_out() -> None:
    for low, high in hangul.LETTER_RANGES:
        assert hangul.is_hangul(chr(low)) and hangul.is_hangul(chr(high))
        assert hangul.LETTER.fullmatch(chr(low)) and hangul.LETTER.fullmatch(chr(high))
    assert not hangul.is_hangul(chr(0x10FF)) and not hangul.is_hangul(chr(0x3190))
    assert hangul.is_syllable("가") and hangul.is_syllable("힣")
    assert not hangul.is_syllable(chr(0xABFF)) and not hangul.is_syllable(chr(0xD7A4))
    assert not hangul.is_syllable("ㄱ") and hangul.is_hangul("ㄱ")


def test_decomposed_jamo_are_letters_until_nfc_makes_them_syllables() -> None:
    decomposed = unicodedata.normalize("NFD", "한국")
    assert len(decomposed) == 6
    assert not hangul.has_syllable(decomposed) and hangul.has_hangul(decomposed)
    assert hangul.count_syllables(unicodedata.normalize("NFC", decomposed)) == 2


def test_share_counts_letters_only() -> None:
    assert hangul.hangul_share(KOREAN) == 1.0
    assert hangul.hangul_share(ENGLISH) == 0.0
    assert hangul.hangul_share("123 ...") == 0.0
    assert hangul.hangul_share(MIXED) == pytest.approx(6 / 9)  # G, P, U and six syllables
    assert hangul.hangul_share(JAMO_ONLY) == 1.0


def test_runs_and_counts() -> None:
    assert hangul.SYLLABLE_RUN.findall(MIXED) == ["메모리는", "얼마"]
    assert hangul.LETTER_RUN.findall("ㅋㅋ 좋아") == ["ㅋㅋ", "좋아"]
    assert hangul.count_syllables(KOREAN) == 12


def test_callers_agree_on_what_is_korean() -> None:
    """A jamo-only question is Korean to the answer language and to an English embedder, but
    retrieval's language (which picks Kiwi and cross-lingual weights) follows syllables."""
    assert detect_language(MIXED) == query_language(MIXED) == "ko"
    assert detect_language(ENGLISH) == query_language(ENGLISH) == "en"
    assert detect_language(JAMO_ONLY) == "ko"
    assert query_language(JAMO_ONLY) == "en"

    english_only = _EnglishOnly()
    assert english_only.reads(ENGLISH) and not english_only.reads(JAMO_ONLY)
    assert english_only.legible("ㅋㅋ OK 좋아") == "  OK  "


def test_display_width_counts_wide_hangul_twice() -> None:
    assert display_width("한국 ab") == 2 * 2 + 3
    assert display_width("\u1100") == 2  # a leading consonant jamo is wide
    assert display_width("\u1161") == 1  # a vowel jamo is not


class _EnglishOnly(Embedder):
    name = "english-only"
    dimension = 1
    languages = frozenset({"en"})

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0]
