"""Hangul in Unicode: its ranges, defined once, and the questions the app asks of them.

Not to be confused with ``documents/hangul.py``, the loader for Hangul word processor files.

Two sets, because two different questions are asked of Korean text:

- **Syllables** (U+AC00–U+D7A3, the 11,172 precomposed blocks such as "한"): what Korean prose
  is written in, after NFC (``documents/normalize.py`` composes the decomposed jamo some PDFs
  carry). Kiwi analyses them, a word is never cut between two of them, and they decide whether
  a passage, a label or a file's encoding is Korean. Jamo alone there would be wrong: "ㅋㅋ" in
  a chat log is not a word to analyse, and jamo are not the blocks a line is wrapped on.
- **Letters**: syllables plus every jamo block: conjoining Jamo (U+1100–U+11FF), compatibility
  Jamo (U+3130–U+318F, what a keyboard types alone: "ㄱㄴㄷ") and Jamo Extended-A
  (U+A960–U+A97F) and -B (U+D7B0–U+D7FF, old Korean). They decide which language a question
  is in and what an English-only embedder cannot read: a question typed in jamo is still
  Korean, and MiniLM splits any jamo into pieces whose vectors are noise.

Before this module the app had eight copies with four different ranges (two ``is_hangul``
functions disagreed on jamo).
"""

from __future__ import annotations

import re

SYLLABLES = (0xAC00, 0xD7A3)
JAMO = (0x1100, 0x11FF)
#: The leading consonants of ``JAMO``: the only conjoining jamo a terminal draws two columns wide.
LEADING_JAMO = (0x1100, 0x115F)
COMPATIBILITY_JAMO = (0x3130, 0x318F)
JAMO_EXTENDED_A = (0xA960, 0xA97F)
JAMO_EXTENDED_B = (0xD7B0, 0xD7FF)
LETTER_RANGES = (SYLLABLES, JAMO, COMPATIBILITY_JAMO, JAMO_EXTENDED_A, JAMO_EXTENDED_B)


def char_class(*ranges: tuple[int, int]) -> str:
    """The body of a regex character class (no brackets), to combine with other scripts."""
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges)


#: Regex class bodies, for patterns that mix Hangul with other scripts.
SYLLABLE_CLASS = char_class(SYLLABLES)
LETTER_CLASS = char_class(*LETTER_RANGES)

SYLLABLE = re.compile(f"[{SYLLABLE_CLASS}]")
SYLLABLE_RUN = re.compile(f"[{SYLLABLE_CLASS}]+")
LETTER = re.compile(f"[{LETTER_CLASS}]")
LETTER_RUN = re.compile(f"[{LETTER_CLASS}]+")


def is_syllable(char: str) -> bool:
    """Whether ``char`` is a precomposed Hangul syllable ("한"; not "ㅎ")."""
    return SYLLABLES[0] <= ord(char) <= SYLLABLES[1]


def is_hangul(char: str) -> bool:
    """Whether ``char`` is any Hangul letter: a syllable or a jamo of any block."""
    code = ord(char)
    return any(low <= code <= high for low, high in LETTER_RANGES)


def has_syllable(text: str) -> bool:
    """Whether ``text`` holds at least one Hangul syllable."""
    return SYLLABLE.search(text) is not None


def has_hangul(text: str) -> bool:
    """Whether ``text`` holds at least one Hangul letter (syllable or jamo)."""
    return LETTER.search(text) is not None


def count_syllables(text: str) -> int:
    return len(SYLLABLE.findall(text))


def hangul_share(text: str) -> float:
    """Share of letters that are Hangul (digits, spaces and punctuation do not count)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_hangul(c)) / len(letters)
