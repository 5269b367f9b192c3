"""A cap on how much text one file may bring, checked right after it is read.

Why: a 15 MB text file of one repeated word ran about 45 minutes with no warning (issue 19).
The setting ``indexing.max_text_chars`` (10 million characters by default, about 20,000
passages) stops such a file before it is split, tokenised or embedded: the CLI skips it with
the reason unless ``--force``; the window asks.
"""

from __future__ import annotations

from app.core.errors import DocumentError

CHARS_PER_PASSAGE = 500  # the default 256-token passage holds about this many characters


class TooMuchTextError(DocumentError):
    """A file whose text is longer than ``indexing.max_text_chars``."""


def check_text_size(name: str, chars: int, limit: int | None) -> None:
    """Raise ``TooMuchTextError`` when ``chars`` passes ``limit`` (None: no limit)."""
    if limit is None or chars <= limit:
        return
    raise TooMuchTextError(
        f"{name}: not indexed: {chars:,} characters of text (about "
        f"{chars // CHARS_PER_PASSAGE:,} passages), more than the {limit:,} of the setting "
        "indexing.max_text_chars. Add it with --force (the window asks) to index it anyway."
    )
