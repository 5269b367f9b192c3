"""English word forms folded for BM25: "filters", "filtering" and "filtered" meet as "filter".

Why at index build and query time, not at ingest: the catalog keeps the tokens ingest made, so
every existing collection gets stemming by rebuilding its BM25 index (seconds), without parsing
or embedding anything again. Only plain Latin words are stemmed (Snowball's English stemmer
through PyStemmer, as bm25s recommends); identifiers (``read.fwf``), numbers and Korean
morphemes pass unchanged. Measured on the development evaluation's tune half
(``benchmarks/retrieval_quality.py --evalset``; numbers in its docstring).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

_WORD = re.compile(r"[a-z]+")
_lock = threading.Lock()
_cache: dict[str, str] = {}
_stemmer: list[Any] = []


def index_terms(tokens: Iterable[str]) -> list[str]:
    """``tokens`` as BM25 indexes and queries them: English words stemmed, the rest as is."""
    return [_term(t) for t in tokens]


def _term(token: str) -> str:
    found = _cache.get(token)
    if found is not None:
        return found
    stem = _stem(token) if _WORD.fullmatch(token) else token
    if len(_cache) < 500_000:  # vocabularies are far smaller; a bound for odd inputs
        _cache[token] = stem
    return stem


def _stem(word: str) -> str:
    with _lock:
        if not _stemmer:
            import Stemmer

            _stemmer.append(Stemmer.Stemmer("english"))
        return str(_stemmer[0].stemWord(word))
