"""The embedder seam: one LangChain ``Embeddings`` with a name and a dimension.

Why a name and a dimension: a collection records both when it is first filled, and vectors from
two models must never be mixed in one Chroma collection (their scores mean nothing together).
"""

from __future__ import annotations

from abc import abstractmethod

from langchain_core.embeddings import Embeddings

from app.core.embeddings.query import check_compatible
from app.core.hangul import LETTER_RUN, has_hangul

__all__ = ["Embedder", "check_compatible"]


class Embedder(Embeddings):
    """An embedding model; vectors are L2-normalised, so cosine equals dot product."""

    name: str
    dimension: int
    #: Languages the model was trained on; ``None`` for multilingual or unknown.
    languages: frozenset[str] | None = None

    def reads(self, text: str) -> bool:
        """Whether this model's vector for ``text`` means anything.

        An English-only model turns Korean into a handful of unknown pieces, so its ranking of
        Korean passages is noise; hybrid search then leaves the question to BM25 rather than let
        that noise outvote it in the fusion.
        """
        if self.languages is None:
            return True
        return "ko" in self.languages or not has_hangul(text)

    def legible(self, text: str) -> str:
        """The part of a passage this model can read: an English-only model gets Korean runs
        as single spaces. It splits Hangul into jamo (1,000 Korean characters make about 880
        MiniLM tokens), whose vectors are noise that hybrid search already ignores for Korean
        questions (``reads``); embedding them cost half of a mixed corpus's ingest time. The
        numbers, commands and English words around them still reach the vector."""
        if self.languages is None or "ko" in self.languages:
            return text
        return LETTER_RUN.sub(" ", text)

    def token_lengths(self, texts: list[str]) -> list[int]:
        """How long each text is to the model, to batch texts of equal length together.

        Characters by default; models with a tokenizer count tokens, since a Korean passage has
        about three times as many tokens per character as English prose or code, and batches
        sorted by characters mix them and pad the short ones (24 s against 16 s for the same
        385 passages with e5).
        """
        return [len(t) for t in texts]

    @abstractmethod
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages (stored in the index)."""

    @abstractmethod
    def embed_query(self, text: str) -> list[float]:
        """The vector for a question (models such as e5 embed queries differently)."""

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Question vectors for many short texts; models that batch override this."""
        return [self.embed_query(t) for t in texts]
