"""Contents and index pages: found and ranked lower, never dropped.

A table of contents lists every section title of a manual, so a keyword-heavy question matches
it better than the section that answers it, and it crowds the body text out of the top k
(issue 15's third kind of miss). Such a passage is still what a user may want ("which chapter
covers upgrades?"), so it stays searchable and citable: its fused score is multiplied by
``CONTENTS_WEIGHT``.

Detection is on the passage text alone, at search time (a few dozen candidates a query): most
of its lines are entry lines, numbered titles ("9.1.2. apt-get 및 apt-cdrom", "4.5. Crop"),
titles with dot leaders and a page number ("Filters ........ 112") or index lines ending in
page numbers ("bookmarks, 12, 45"). The weight was chosen on the development evaluation's tune
half (``benchmarks/retrieval_quality.py --evalset``).
"""

from __future__ import annotations

import re

CONTENTS_WEIGHT = 0.7
MIN_LINES = 5
ENTRY_SHARE = 0.7

_NUMBERED = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|[IVXivx]{1,5}\.)\s+\S.{0,90}$"
)
_LEADERS = re.compile(r"(?:\.{3,}|(?:\. ){3,}|…{2,}|·{3,})\s*\d{1,4}$")
_INDEX_LINE = re.compile(r"^\S.{0,60}?,\s*\d{1,4}(?:\s*[,–-]\s*\d{1,4})*$")
_ENDS_SENTENCE = re.compile(r"(?:[.!。]|다\.|요\.)$")


def is_contents(text: str) -> bool:
    """Whether most lines of ``text`` are contents or index entries (at least five lines)."""
    lines = [line.strip(" |#*-\t") for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < MIN_LINES:
        return False
    entries = sum(1 for line in lines if _is_entry(line))
    return entries >= ENTRY_SHARE * len(lines)


def _is_entry(line: str) -> bool:
    if _LEADERS.search(line) or _INDEX_LINE.match(line):
        return True
    return bool(_NUMBERED.match(line)) and len(line) <= 90 and not _long_sentence(line)


def _long_sentence(line: str) -> bool:
    """A numbered line that is a sentence of body text ("1. 파일 - 열기를 선택합니다.")."""
    return bool(_ENDS_SENTENCE.search(line)) and not line.rstrip(".").replace(".", "").isdigit()
