"""Where a sentence really ends in a model's answer, for placing an added [n] marker.

Splitting at every period changed the model's words: "3.4 million kroner" became
"3 [1].4 million kroner [1]" and "Dr. Ingrid Halvorsen" became "Dr [1]. Ingrid Halvorsen"
(issue 19). A boundary here is sentence-final punctuation followed by a space, a line break or
the end of the text, and not after a digit, an abbreviation, a dotted initialism (U.S., e.g.),
a version or a URL, nor before a lower-case word. When in doubt there is no boundary: the
marker then goes at the next real one, or at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles and Latin abbreviations that end with a period inside a sentence (lower-cased).
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof sr jr st mt vs etc al approx fig figs no nos vol vols pp p ch sec eq "
    "inc ltd co corp dept univ gen col capt lt sgt rev est jan feb mar apr jun jul aug sep "
    "sept oct nov dec cf ca resp"
)
ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_END_RE = re.compile(r"[.!?。！？]+[\"'”’)\]]*(?=\s|$)|\n")
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")  # U.S, e.g, i.e
_URLISH_RE = re.compile(r"://|^www\.|\w\.\w+/|@\w+\.")


@dataclass(frozen=True)
class Sentence:
    start: int
    marker: int  # where " [n]" goes: before the closing punctuation and spaces
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentences covering ``text`` end to end, each with the place for its marker."""
    out: list[Sentence] = []
    start = 0
    for match in _END_RE.finditer(text):
        if match.group() != "\n" and not _is_boundary(text, match.start(), match.end()):
            continue
        end = _after_spaces(text, match.end())
        out.append(Sentence(start, _marker_at(text, start, match.start()), end))
        start = end
    if start < len(text):
        body = len(text[start:].rstrip()) + start
        out.append(Sentence(start, _marker_at(text, start, body), len(text)))
    return [s for s in out if text[s.start : s.end].strip()]


def _is_boundary(text: str, punct: int, after: int) -> bool:
    mark = text[punct]
    if mark in "。！？":
        return True
    word = _word_before(text, punct)
    if _URLISH_RE.search(word):
        return False
    if mark != ".":
        return True
    if not word or word[-1].isdigit() or _INITIALISM_RE.search(word):
        return after >= len(text.rstrip())  # "… was 3.4." at the very end is still an end
    if word.lower().lstrip("(\"'") in ABBREVIATIONS:
        return False
    following = text[after:].lstrip()[:1]
    return not (following.islower() and following.isascii())


def _word_before(text: str, index: int) -> str:
    begin = index
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:index]


def _after_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\n\r":
        index += 1
    return index


def _marker_at(text: str, start: int, punct: int) -> int:
    """Before the sentence's trailing spaces (a line without punctuation)."""
    while punct > start and text[punct - 1] in " \t\r":
        punct -= 1
    return punct
