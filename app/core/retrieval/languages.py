"""Questions asked across languages: an English question about Korean documents, or the reverse.

BM25 cannot match across languages and one small multilingual embedder alone finds the passage
in under half of such questions (issue 15), so where the collection holds a fifth or more of
its passages in the other language than the question's (``other_language``), hybrid search:

- weighs the dense arm ``CROSS_DENSE_WEIGHT`` in the fusion (BM25 still votes: product names,
  menu paths and commands are often written the same in both languages);
- bridges the question's words into that language (``bridge``);
- with a language model loaded, also rewrites the question into that language
  (``QueryRewriter``) and fuses that search in as two more rankings.

A folder of both languages goes across both ways. The shares are counted from the passages with
Korean tokens when the BM25 index is built (``LexicalIndex.korean_share``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from app.core.hangul import has_syllable

#: Dense weight for a question in another language than the collection's; 1.0 is plain RRF.
CROSS_DENSE_WEIGHT = 1.0
#: A question goes across into the other language where that language holds at least this share
#: of the passages: so never into a Korean manual's few untranslated English pages (4.6% of the
#: evaluation's Korean collection), where the question's own words match.
OTHER_LANGUAGE_MIN_SHARE = 0.2
LANGUAGE_NAMES = {"ko": "Korean", "en": "English"}


def query_language(text: str) -> str:
    return "ko" if has_syllable(text) else "en"


def language_share(language: str, korean_share: float) -> float:
    """The share of a collection's passages in ``language`` ("ko" or "en")."""
    return korean_share if language == "ko" else 1.0 - korean_share


def other_language(query: str, korean_share: float) -> tuple[str, float] | None:
    """The language ``query`` goes across into and its share of the passages; None where the
    collection has too little of it (``OTHER_LANGUAGE_MIN_SHARE``)."""
    other = "en" if query_language(query) == "ko" else "ko"
    share = language_share(other, korean_share)
    return (other, share) if share >= OTHER_LANGUAGE_MIN_SHARE else None


class QueryRewriter(Protocol):
    """Rewrites a search question into ``language`` ("ko" or "en"); "" when it cannot."""

    def __call__(self, query: str, language: str) -> str: ...


class StreamingModel(Protocol):
    """What a rewriter needs of a chat backend (``app.core.chat.backends.ChatBackend``)."""

    def stream(
        self, messages: list[dict[str, str]], max_new_tokens: int, temperature: float
    ) -> Iterator[str]: ...


class ModelRewriter:
    """A loaded language model translating the question, greedily, in one short reply."""

    def __init__(self, model: StreamingModel, max_new_tokens: int = 64) -> None:
        self.model = model
        self.max_new_tokens = max_new_tokens

    def __call__(self, query: str, language: str) -> str:
        name = LANGUAGE_NAMES.get(language, "English")
        messages = [
            {
                "role": "system",
                "content": f"Translate the user's question into {name}. "
                "Reply with the translated question only.",
            },
            {"role": "user", "content": query},
        ]
        reply = "".join(self.model.stream(messages, self.max_new_tokens, 0.0))
        line = next((ln.strip() for ln in reply.splitlines() if ln.strip()), "")
        return line if query_language(line) == language else ""
