"""Questions asked across languages: an English question about Korean documents, or the reverse.

BM25 cannot match across languages and one small multilingual embedder alone finds the passage
in under half of such questions (issue 15), so where the collection holds a fifth or more of
its passages in the other language than the question's (``other_language``), hybrid search:

- in a folder of both languages (``is_mixed``), compares the passages in the other language
  than the question's with the question's vector rotated into that language (``alignment``),
  or, where the embedder has no bundled rotation, moves them ``LANGUAGE_OFFSET`` nearer among
  the dense arm's ``LANGUAGE_POOL`` nearest, before it keeps its candidates;
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
#: Cosine distance taken off passages in the other language than the question's, in a folder of
#: both languages (``is_mixed``), among the ``LANGUAGE_POOL`` nearest. A multilingual embedder
#: rates passages in the question's own language nearer than the answer written in the other
#: one: in the evaluation's mixed folder (``retrieval_quality.py --evalset --mixed``, each page
#: in one language only) the right page of a cross-lingual question sat under a crowd of
#: same-language pages, often below the dense arm's 40 candidates. Tune half, hit@1 / hit@5 /
#: MRR of Korean, English and cross-lingual questions, multilingual-e5-small:
#:
#: - 0 (as before): 0.54 / 0.92 / 0.68, 0.82 / 1.00 / 0.91, 0.13 / 0.26 / 0.18
#: - 0.02: 0.54 / 0.92 / 0.68, 0.77 / 1.00 / 0.86, 0.20 / 0.37 / 0.26
#: - 0.03: 0.54 / 0.92 / 0.67, 0.68 / 1.00 / 0.82, 0.24 / 0.48 / 0.32
#: - 0.04: 0.54 / 0.88 / 0.66, 0.64 / 1.00 / 0.80, 0.28 / 0.50 / 0.38
#: - 0.05: 0.50 / 0.83 / 0.63, 0.59 / 1.00 / 0.75, 0.35 / 0.52 / 0.42
#:
#: Chosen: the largest offset at which no question asked in its page's own language left the
#: top 5; the price is a lower hit@1 for those (English 0.82 -> 0.68). Measured with e5-small;
#: the larger e5 models, trained the same way, get the same offset until they are measured.
#: One-language collections are searched as before: there it changed nothing (tune half, 0.03
#: to 0.1: cross-lingual hit@5 0.61 either way).
LANGUAGE_OFFSET = 0.03
#: Passages the offset is applied among. A pool of 200 at 0.03: cross-lingual hit@5 0.39 against
#: 0.48 at 400. Searching each language's documents apart instead (exact, no pool) scored the
#: same (0.46) but took 323 ms a question at 100,000 passages (Chroma's ``$in`` filter over
#: hundreds of documents), against the 150 ms target.
LANGUAGE_POOL = 400
LANGUAGE_NAMES = {"ko": "Korean", "en": "English"}


def query_language(text: str) -> str:
    return "ko" if has_syllable(text) else "en"


def language_share(language: str, korean_share: float) -> float:
    """The share of a collection's passages in ``language`` ("ko" or "en")."""
    return korean_share if language == "ko" else 1.0 - korean_share


def is_mixed(korean_share: float) -> bool:
    """Whether a collection holds both languages, each in ``OTHER_LANGUAGE_MIN_SHARE`` or more
    of its passages: a folder of Korean and English documents."""
    return min(korean_share, 1.0 - korean_share) >= OTHER_LANGUAGE_MIN_SHARE


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
