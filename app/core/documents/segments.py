"""Where a page's normalised text may be cut, from the strongest boundary to the weakest.

Every function returns ``(start, end)`` spans into the page text, in order, so the splitter
never rebuilds text and its offsets stay exact.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.core.documents.chars import CLOSERS, SENTENCE_END
from app.core.hangul import SYLLABLE_CLASS

Span = tuple[int, int]

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
# Numbered titles on a line of their own: "2.1 Variations", "1.1. 이 FAQ는 무엇인가요?", "제3장 ..."
_NUMBERED_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,3})+\.?|\d{1,2}\.|제\s?\d{1,3}\s?[장절편부]\.?|\d{1,3}장\.?"
    r"|(?:Chapter|CHAPTER|Part|PART|Section|Appendix)\s+[\dIVXA-Z]{1,6}\.?)"
    r"[ \t]+\S[^\n]{0,78}$",
    re.MULTILINE,
)
_END, _CLOSE = f"[{re.escape(SENTENCE_END)}]", f"[{re.escape(CLOSERS)}]"
# The gap after a sentence: its closing quotes and brackets stay with the sentence.
_SENTENCE_GAP = re.compile(
    f"(?:(?<={_END})|(?<={_END}{_CLOSE})|(?<={_END}{_CLOSE}{_CLOSE}))[ \t]+|(?<=[。！？])(?=\\S)"
)
_CLAUSE_GAP = re.compile(r"(?<=[,;:，、；：])[ \t]+")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n{2,}")
_NEWLINE = re.compile(r"\n")
_HANGUL_PAIR = re.compile(f"(?<=[{SYLLABLE_CLASS}])(?=[{SYLLABLE_CLASS}])")


@dataclass(frozen=True)
class Heading:
    start: int  # where the heading line starts in the page text
    title: str


def find_headings(text: str) -> list[Heading]:
    """Markdown headings, and numbered title lines that stand alone on their line."""
    found = [Heading(m.start(), m.group(2).strip()) for m in _MARKDOWN_HEADING.finditer(text)]
    for match in _NUMBERED_HEADING.finditer(text):
        line = match.group().strip()
        if line[-1] not in ",;" and not line.endswith("다."):
            found.append(Heading(match.start(), line))
    return sorted(found, key=lambda h: h.start)


def _split_at(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[Span]:
    """Spans of ``text[start:end]`` between the matches of ``pattern`` (gaps keep no text)."""
    spans: list[Span] = []
    position = start
    for match in pattern.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return [(s, e) for s, e in spans if e > s]


def paragraphs(text: str, start: int, end: int) -> list[Span]:
    return _split_at(_BLANK_LINE, text, start, end)


def lines(text: str, start: int, end: int) -> list[Span]:
    return _split_at(_NEWLINE, text, start, end)


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences end at . ? ! … 。 (Korean "다." and "요." included) before a space."""
    return _split_at(_SENTENCE_GAP, text, start, end)


def clauses(text: str, start: int, end: int) -> list[Span]:
    return _split_at(_CLAUSE_GAP, text, start, end)


def words(text: str, start: int, end: int) -> list[Span]:
    return _split_at(_WHITESPACE, text, start, end)


def characters(text: str, start: int, end: int) -> list[Span]:
    """Single characters, except that a run of Hangul syllables stays whole."""
    cuts = [start]
    for position in range(start + 1, end):
        if not _HANGUL_PAIR.match(text, position):
            cuts.append(position)
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def hangul_syllables(text: str, start: int, end: int) -> list[Span]:
    """The last resort for a Hangul run too long for any chunk: one syllable each."""
    return [(i, i + 1) for i in range(start, end)]


Splitter = Callable[[str, int, int], list[Span]]
# Strongest boundary first; the splitter descends only when a span is still too big.
LEVELS: tuple[Splitter, ...] = (paragraphs, lines, sentences, clauses, words, characters)
