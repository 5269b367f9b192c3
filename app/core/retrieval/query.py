"""Checks on a query before anything costly touches it.

Why: a 100 KB query took 58 s and 1.1 GB in ``search`` (tokenised by Kiwi, embedded, reranked)
and ``ask`` needed 80 s and 1.8 GB only to say "question is too long" (issue 19). 4,000
characters is about a page of text, several times the longest real question in the bundled
evaluation sets, and well inside every embedder's 512-token window once the question is
condensed. A query of punctuation alone has nothing to match: it used to return
table-of-contents dot lines.
"""

from __future__ import annotations

from app.core.errors import PagefoldError

MAX_QUERY_CHARS = 4_000


class QueryTooLongError(PagefoldError):
    """A question or search longer than ``MAX_QUERY_CHARS``."""


def check_query(query: str) -> str:
    """The query, stripped; raises ``QueryTooLongError`` before any tokenisation."""
    if len(query) > MAX_QUERY_CHARS and len(query.strip()) > MAX_QUERY_CHARS:
        raise QueryTooLongError(
            f"The question is too long ({len(query.strip()):,} characters; at most "
            f"{MAX_QUERY_CHARS:,}). Ask about one thing at a time, or search for a few of its "
            "key words."
        )
    return query.strip()


def has_words(query: str) -> bool:
    """Whether the query holds anything to match: a letter, digit or Hangul syllable."""
    return any(c.isalnum() for c in query)
