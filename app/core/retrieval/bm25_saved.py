"""A saved bm25s index, scored with numpy alone.

Why: ``import bm25s`` imports scipy.sparse, 0.4 s of each ``pagefold search`` on a loaded
2-core machine, though a query only needs the saved eager score matrix (CSC arrays and the
vocabulary) and a sum over the columns of its terms. This reads the files ``bm25s.BM25.save``
writes and scores exactly as ``bm25s.BM25.get_scores_from_ids`` does for the Lucene variant
Pagefold builds (``tests/core/retrieval/test_lexical.py`` checks they agree). Building an index
still uses bm25s.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

_SUPPORTED_METHODS = frozenset({"lucene", "robertson", "atire"})  # no non-occurrence scores


class SavedBM25:
    """The two things ``LexicalIndex`` asks of a bm25s index: its vocabulary and scores."""

    def __init__(self, data: Any, indices: Any, indptr: Any, vocab: dict[str, int], docs: int):
        self.vocab_dict = vocab
        self._data, self._indices, self._indptr = data, indices, indptr
        self._docs = docs

    @classmethod
    def load(cls, folder: Path) -> SavedBM25 | None:
        """The index in ``folder``, or None where only bm25s itself can read it."""
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") not in _SUPPORTED_METHODS:
            return None
        if (folder / "nonoccurrence_array.index.npy").exists():
            return None

        def array(name: str) -> Any:
            return np.load(folder / f"{name}.csc.index.npy", allow_pickle=False)

        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        return cls(array("data"), array("indices"), array("indptr"), vocab, params["num_docs"])

    def get_scores_from_ids(self, term_ids: list[int]) -> Any:
        """Each document's score: the sum of its precomputed scores for the given terms."""
        scores = np.zeros(self._docs, dtype=self._data.dtype)
        for term in term_ids:
            start, end = self._indptr[term], self._indptr[term + 1]
            np.add.at(scores, self._indices[start:end], self._data[start:end])
        return scores
