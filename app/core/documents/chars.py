"""Character classes shared by the normaliser and the splitter.

Hangul syllables (``app.core.hangul``) decide where a word may be cut; East Asian wide
characters count double when guessing how full a hard-wrapped line is, as a terminal or a PDF
line would.
"""

from __future__ import annotations

import re

from app.core.hangul import JAMO_EXTENDED_A, LEADING_JAMO, SYLLABLES, char_class

# Han ideographs and kana: scripts written without spaces between words.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# East Asian Width "W": the leading-consonant jamo (vowels and trailing consonants are narrow),
# Jamo Extended-A, the syllables, and the wide CJK and full-width blocks.
_WIDE_HANGUL = char_class(LEADING_JAMO, JAMO_EXTENDED_A, SYLLABLES)
_WIDE = re.compile(
    f"[{_WIDE_HANGUL}\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
_CJK_CHAR = re.compile(f"[{CJK}]")

# Closing quotes and brackets that may follow a sentence's final punctuation.
CLOSERS = "\"'”’)]}」』》〉"
SENTENCE_END = ".?!。！？…"


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.match(char))


def display_width(line: str) -> int:
    """Columns the line takes in a monospaced rendering (wide characters count two)."""
    return len(line) + len(_WIDE.findall(line))


def ends_sentence(line: str) -> bool:
    """True when the line ends with sentence punctuation, possibly inside quotes or brackets."""
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END
