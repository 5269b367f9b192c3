"""The bridge's stopwords are the libraries' lists, copied so a search process need not import
bm25s (and scipy) or Kiwi to read them."""

from __future__ import annotations

from bm25s.stopwords import STOPWORDS_EN_PLUS
from kiwipiepy.utils import Stopwords

from app.core.retrieval import stopwords
from app.core.retrieval.tokenize import CONTENT_TAGS


def test_the_english_list_is_nltks_as_bm25s_ships_it() -> None:
    assert frozenset(STOPWORDS_EN_PLUS) == stopwords.ENGLISH


def test_the_korean_list_is_kiwis_forms_that_bm25_tokens_keep() -> None:
    kiwi = {form for form, tag in Stopwords().stopwords if tag in CONTENT_TAGS}
    assert kiwi == stopwords.KOREAN
