"""Word translations between English and Korean for keyword search across the two languages.

Why: the word bridge (``bridge``) carries a question's words into the other language only where
the small embedder already places a word pair together, and a collection in one language gives
BM25 nothing else to match. ``resources/lexicon/ko-en.tsv`` holds 5,947 word pairs learned from
the Korean translations of the user-interface strings that 54 of Debian's packages ship
(``packaging/build_lexicon.py``; GIMP and LibreOffice, whose manuals are the evaluation's
documents, are left out). Its words are BM25's own tokens, so a translation is searched as
written. No model, no network, 112 kB, read in about 20 ms at the first question across
languages.

The translations of a question's words join the bridge's words in the one bridged BM25 query,
and the question rendered word by word is embedded as one more dense query; figures in
``hybrid.LEXICON`` and ``hybrid.WORD_BY_WORD_WEIGHT``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from app.core.hangul import has_syllable
from app.core.resources import resource_path

log = logging.getLogger(__name__)

LEXICON_FILE = ("lexicon", "ko-en.tsv")
#: A translation is kept when it holds this share of the word's links, at most ``PER_WORD``
#: of them, most linked first (figures in ``hybrid.LEXICON``).
MIN_SHARE = 0.2
PER_WORD = 2


@dataclass
class Lexicon:
    """Translations per word, in each direction, most linked first."""

    to_korean: dict[str, list[str]] = field(default_factory=dict)
    to_english: dict[str, list[str]] = field(default_factory=dict)

    def translate(self, words: Iterable[str], into: str) -> list[str]:
        """The translations of ``words`` into ``into`` ("ko" or "en"), without repeats."""
        found = [t for w in words for t in self._table(into).get(w, ())]
        return list(dict.fromkeys(found))

    def word_by_word(
        self, words: Sequence[str], into: str, keep: Callable[[str], bool] = lambda _: True
    ) -> str:
        """``words`` rendered into ``into`` one by one: each word's translations, or the word
        itself where the list has none and ``keep`` accepts it (names, numbers, identifiers
        stay as asked; a model that cannot read a word has it left out)."""
        table = self._table(into)
        return " ".join(" ".join(table.get(w) or ([w] if keep(w) else [])) for w in words)

    def _table(self, into: str) -> dict[str, list[str]]:
        return self.to_korean if into == "ko" else self.to_english

    def __len__(self) -> int:
        return sum(len(v) for v in self.to_korean.values())


def parse(lines: Iterable[str]) -> Lexicon:
    """The lexicon in ``lines`` (``English<TAB>Korean<TAB>links``; ``#`` starts a comment)."""
    rows: list[tuple[str, str, int]] = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(parts) != 3 or not parts[2].isdigit():
            continue
        english, korean, links = parts[0], parts[1], int(parts[2])
        if english and has_syllable(korean) and not has_syllable(english):
            rows.append((english, korean, links))
    return Lexicon(_table(rows), _table([(k, e, n) for e, k, n in rows]))


def _table(rows: list[tuple[str, str, int]]) -> dict[str, list[str]]:
    """Each first word's translations (the second) with ``MIN_SHARE`` of its links, up to
    ``PER_WORD``."""
    per_word: dict[str, list[tuple[int, str]]] = {}
    for source, target, links in rows:
        per_word.setdefault(source, []).append((links, target))
    table: dict[str, list[str]] = {}
    for word, options in per_word.items():
        total = sum(n for n, _ in options)
        best = sorted(options, key=lambda option: (-option[0], option[1]))
        table[word] = [t for n, t in best if n >= MIN_SHARE * total][:PER_WORD]
    return table


@functools.cache
def shared_lexicon() -> Lexicon:
    """The bundled lexicon, read once; empty (search goes on without it) if it cannot be read."""
    path = resource_path(*LEXICON_FILE)
    try:
        with path.open(encoding="utf-8") as handle:
            return parse(handle)
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("the word list %s could not be read (%s); searching without it", path, exc)
        return Lexicon()
