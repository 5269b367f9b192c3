"""Questions asked across languages: an English question about Korean documents, or the reverse.

BM25 cannot match across languages and one small multilingual embedder alone finds the passage
in under half of such questions (issue 15), so hybrid search does two things when the question's
language is not the collection's main language:

- the dense arm's rank-fusion weight becomes ``CROSS_DENSE_WEIGHT`` (BM25 still votes: product
  names, menu paths and commands are often written the same in both languages);
- with a language model loaded, the question is also rewritten into the collection's language
  (``QueryRewriter``) and that search is fused in as two more rankings.

The collection's language is the share of its passages with Korean tokens, counted when its
BM25 index is built (``LexicalIndex.korean_share``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from app.core.hangul import has_syllable

#: Dense weight for a question in another language than the collection's; 1.0 is plain RRF.
CROSS_DENSE_WEIGHT = 1.0
#: A collection is Korean when at least this share of its passages holds Korean words.
KOREAN_COLLECTION = 0.3
LANGUAGE_NAMES = {"ko": "Korean", "en": "English"}


def query_language(text: str) -> str:
    return "ko" if has_syllable(text) else "en"


def collection_language(korean_share: float) -> str:
    return "ko" if korean_share >= KOREAN_COLLECTION else "en"


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
