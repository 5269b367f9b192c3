"""Korean-aware lexical tokens for BM25, the same at ingest and at query time.

Why morphemes: Korean glues particles and endings onto words ("데비안의", "데비안은"), so
whitespace tokens almost never match between a question and a passage. Kiwi's content morphemes
(nouns, verb/adjective stems, roots, Hanja) strip them; ``benchmarks/tokenizers_ko.py`` measured
this against character bigrams and both together on the devset (numbers in its docstring).

Latin text is read by one regular expression for every scheme, so identifiers that people ask
about (``read.fwf``, ``lsb_release``, ``utf-8``) stay whole tokens and also yield their parts.
Tokens never contain spaces: the catalog stores them space-joined.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Any

from app.core.errors import ModelError
from app.core.hangul import SYLLABLE_CLASS, SYLLABLE_RUN
from app.core.retrieval.stopwords import BM25_ENGLISH

# Latin/digit runs, joined by '.', '_', '-' or '+' when a letter or digit follows ("read.fwf").
_LATIN = re.compile(r"[a-z0-9_]+(?:[.\-+][a-z0-9_]+)*")
_PARTS = re.compile(r"[a-z0-9]+")
_KOREAN_CHAR = re.compile(f"[{SYLLABLE_CLASS}\u3400-\u9fff\uf900-\ufaff]")

# Kiwi tags that carry content: nouns, numerals, roots, verb/adjective stems, Hanja.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "XR", "VV", "VA", "SH"})


class TokenScheme(StrEnum):
    """How Hangul text becomes tokens; Latin text is the same in every scheme."""

    MORPHEMES = "morphemes"
    BIGRAMS = "bigrams"
    BOTH = "both"


DEFAULT_SCHEME = TokenScheme.MORPHEMES


def lexical_tokens(text: str, scheme: TokenScheme = DEFAULT_SCHEME) -> list[str]:
    """Tokens for BM25: Korean content morphemes (or bigrams) plus lowercase Latin words."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens = _latin_tokens(text)
    if _KOREAN_CHAR.search(text):
        if scheme in (TokenScheme.MORPHEMES, TokenScheme.BOTH):
            tokens.extend(_morphemes(text))
        if scheme is TokenScheme.BIGRAMS:
            tokens.extend(_bigrams(text))
        elif scheme is TokenScheme.BOTH:  # own namespace, so "코드" is not counted twice
            tokens.extend("~" + bigram for bigram in _bigrams(text))
    return tokens


def _latin_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for match in _LATIN.finditer(text):
        word = match.group()
        parts = _PARTS.findall(word)
        if len(parts) > 1 or word not in parts:
            tokens.append(word)  # the identifier as written: read.fwf, lsb_release
        tokens.extend(_stem(p) for p in parts if p not in BM25_ENGLISH)
    return tokens


def _stem(word: str) -> str:
    """Light plural stripping, enough for "files" to meet "file" without a stemmer library."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _bigrams(text: str) -> list[str]:
    tokens: list[str] = []
    for run in SYLLABLE_RUN.findall(text):
        if len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def _morphemes(text: str) -> list[str]:
    tokens: list[str] = []
    for token in _kiwi().tokenize(text):
        if token.tag.split("-")[0] in CONTENT_TAGS and _KOREAN_CHAR.search(token.form):
            tokens.extend(token.form.split())  # a proper noun may hold a space ("토이 스토리")
    return tokens


def _kiwi() -> Any:
    """The one Kiwi of the process (about 500 MB): shared with the document normaliser."""
    from app.core.documents.korean import shared_kiwi

    kiwi = shared_kiwi()
    if kiwi is None:
        raise ModelError("The Korean analyser (kiwipiepy) could not be loaded; reinstall Pagefold.")
    return kiwi
