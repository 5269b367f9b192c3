"""Citations in an answer: [n], [n, m], [n-m]; and attribution where a model forgot them.

Only numbers of sources that were really given count; "[7]" with five sources is ignored rather
than pointing at nothing. Small local models often write a correct sentence without its [n];
``attribute`` then adds the number of the source that sentence is plainly taken from, judged by
shared words (character pairs for Korean), and says so through its return value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.chat.sentences import sentences
from app.core.hangul import is_hangul

_NUMBERS = r"\d{1,3}(?:\s*(?:[-–,]|and|&)\s*\d{1,3})*"
CITATION_RE = re.compile(
    rf"\[\s*(?:(?:sources?|source\s+no\.?|출처|문서|자료)\s*)?({_NUMBERS})\s*\]", re.IGNORECASE
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_STOPWORD_TEXT = (
    "a an and are as at be by for from has have in is it its of on or that the this to was "
    "were what when where which who why how with does do did not"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
MIN_SUPPORT = 0.6  # share of a sentence's content words that must appear in the source
MIN_WORDS = 2


def parse_citations(text: str, source_count: int) -> list[int]:
    """Valid source numbers cited in ``text``, each once, in order of first citation."""
    seen: dict[int, None] = {}
    for match in CITATION_RE.finditer(text):
        for number in _expand(match.group(1), source_count):
            seen.setdefault(number, None)
    return list(seen)


def _expand(group: str, source_count: int) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|and|&)\s*", group):
        bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x.strip().isdigit()]
        if not bounds:
            continue
        low, high = min(bounds), max(bounds)
        numbers.extend(n for n in range(low, min(high, source_count) + 1) if n >= 1)
    return numbers


def is_refusal(text: str, refusal: str) -> bool:
    """The model said the sources do not contain the answer (in the prompt's own words)."""
    wanted = refusal.strip().rstrip(".!。").casefold()
    return bool(wanted) and wanted in " ".join(text.split()).casefold()


@dataclass
class Attribution:
    text: str  # the answer with the added [n] markers
    added: list[int]  # source numbers Pagefold added, not the model


def attribute(text: str, sources: Sequence[str], refusal: str = "") -> Attribution:
    """Add " [n]" at the end of each uncited sentence that one source clearly supports.

    Only insertions at real sentence ends (``sentences``): removing the markers gives back the
    model's text exactly.
    """
    if not sources or (refusal and is_refusal(text, refusal)):
        return Attribution(text, [])
    features = [_features(s) for s in sources]
    added: dict[int, None] = {}
    pieces: list[str] = []
    done = 0
    for sentence in sentences(text):
        body = text[sentence.start : sentence.end]
        number = None if CITATION_RE.search(body) else _best_source(body, features)
        if number is None:
            continue
        added.setdefault(number, None)
        pieces += [text[done : sentence.marker], f" [{number}]"]
        done = sentence.marker
    pieces.append(text[done:])
    return Attribution("".join(pieces), list(added))


def _best_source(sentence: str, features: list[set[str]]) -> int | None:
    words = _features(sentence)
    if len(words) < MIN_WORDS:
        return None
    scores = [len(words & f) / len(words) for f in features]
    best = max(range(len(scores)), key=lambda i: scores[i])
    return best + 1 if scores[best] >= MIN_SUPPORT else None


def _features(text: str) -> set[str]:
    """Lower-cased content words; Korean words become character pairs (particles vary)."""
    out: set[str] = set()
    for word in _WORD_RE.findall(text.lower()):
        if any(is_hangul(c) for c in word):
            out.update(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        elif word not in _STOPWORDS and (len(word) > 1 or word.isdigit()):
            out.add(word)
    return out
