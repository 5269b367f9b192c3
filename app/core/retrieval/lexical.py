"""BM25 over the catalog's pre-tokenized chunks, persisted per collection.

Why bm25s: it keeps BM25 as a sparse matrix of precomputed per-term scores, so a query is a few
numpy slices over the postings of its terms, never a Python loop over chunks. Tokens are made
once at ingest (``lexical_tokens``) and stored in the catalog, so building the index needs no
parsing and no Kiwi.

On disk (``DataLayout.lexical_index(cid)``) each build goes to a fresh ``gen-*`` folder and
``current.json`` is replaced atomically to point at it, with a stamp of the catalog state it was
built from; a reader never sees half an index, and a reopen with the same stamp loads instead of
rebuilding.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.hangul import has_syllable
from app.core.retrieval.stemming import index_terms
from app.core.storage.catalog import Catalog, DocStatus

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

FORMAT_VERSION = 3  # 2: English words stemmed (stemming.index_terms); 3: korean_share
_POINTER = "current.json"
_IDS = "chunk_ids.json"
#: Stem English words (``stemming.index_terms``). Off: on the development evaluation's tune half
#: it raised English hit@5 0.96 -> 0.98 but lowered hit@1 0.82 -> 0.75 and MRR 0.88 -> 0.84
#: (hybrid; BM25-only MRR 0.81 -> 0.78), so it was not kept (``retrieval_quality.py --stem``).
#: Measured again on 2026-12-02 with the word bridge off: the same figures.
STEM_ENGLISH = False


@dataclass
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    """An immutable BM25 index over one collection's chunks, in catalog order."""

    def __init__(
        self,
        chunk_ids: list[str],
        bm25: Any,
        stamp: str,
        korean_share: float = 0.0,
        stem: bool = False,
    ) -> None:
        self.chunk_ids = chunk_ids
        self.stem = stem
        self.stamp = stamp
        self.korean_share = korean_share  # of chunks with Korean tokens: the collection's language
        self._bm25 = bm25
        self._vocab: dict[str, int] = bm25.vocab_dict if bm25 is not None else {}
        self._positions = {cid: i for i, cid in enumerate(chunk_ids)}

    def __len__(self) -> int:
        return len(self.chunk_ids)

    @classmethod
    def build(
        cls, rows: Sequence[tuple[str, str]], stamp: str = "", stem: bool | None = None
    ) -> LexicalIndex:
        """Index ``(chunk_id, space-joined tokens)`` rows, as ``Catalog.indexed_tokens`` gives."""
        stem = STEM_ENGLISH if stem is None else stem
        if not rows:
            return cls([], None, stamp, stem=stem)
        import bm25s

        bm25 = bm25s.BM25()  # Lucene BM25, k1=1.5, b=0.75
        terms = index_terms if stem else list
        bm25.index([terms(tokens.split()) for _, tokens in rows], show_progress=False)
        korean = sum(1 for _, tokens in rows if has_syllable(tokens))
        return cls([cid for cid, _ in rows], bm25, stamp, korean / len(rows), stem)

    def search(
        self, tokens: Sequence[str], k: int, allowed_ids: Collection[str] | None = None
    ) -> list[LexicalHit]:
        """The ``k`` best chunks with a positive score, optionally only among ``allowed_ids``."""
        terms = index_terms(tokens) if self.stem else tokens
        term_ids = sorted({self._vocab[t] for t in terms if t in self._vocab})
        if not term_ids or k <= 0:
            return []
        scores = self._bm25.get_scores_from_ids(term_ids)
        if allowed_ids is not None:
            scores = scores * self._mask(allowed_ids)
        return _top(scores, k, self.chunk_ids)

    def _mask(self, allowed_ids: Collection[str]) -> np.ndarray:
        import numpy as np

        mask = np.zeros(len(self.chunk_ids), dtype=np.float32)
        positions = [self._positions[c] for c in allowed_ids if c in self._positions]
        mask[positions] = 1.0
        return mask

    # -- persistence --------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write a new generation, then switch ``current.json`` to it in one rename."""
        folder.mkdir(parents=True, exist_ok=True)
        gen = f"gen-{uuid.uuid4().hex[:12]}"
        target = folder / gen
        target.mkdir()
        if self._bm25 is not None:
            self._bm25.save(str(target), show_progress=False)
        (target / _IDS).write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        pointer = {
            "format": FORMAT_VERSION,
            "generation": gen,
            "stamp": self.stamp,
            "korean_share": self.korean_share,
            "stem": self.stem,
        }
        tmp = folder / f"{_POINTER}.{gen}.tmp"
        tmp.write_text(json.dumps(pointer), encoding="utf-8")
        os.replace(tmp, folder / _POINTER)
        _remove_old_generations(folder, keep=gen)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The saved index, or ``None`` when there is none or it cannot be read."""
        try:
            pointer = json.loads((folder / _POINTER).read_text(encoding="utf-8"))
            if pointer.get("format") != FORMAT_VERSION:
                return None
            target = folder / pointer["generation"]
            chunk_ids = json.loads((target / _IDS).read_text(encoding="utf-8"))
            bm25 = _load_bm25(target) if chunk_ids else None
        except (OSError, ValueError, KeyError) as exc:
            log.info("lexical index in %s not usable (%s); it will be rebuilt", folder, exc)
            return None
        share = float(pointer.get("korean_share", 0.0))
        return cls(chunk_ids, bm25, str(pointer["stamp"]), share, bool(pointer.get("stem")))


def _load_bm25(target: Path) -> Any:
    from app.core.retrieval.bm25_saved import SavedBM25

    saved = SavedBM25.load(target)  # without importing bm25s and scipy: 0.4 s of a CLI search
    if saved is not None:
        return saved
    import bm25s

    return bm25s.BM25.load(str(target), show_progress=False)


def _top(scores: np.ndarray, k: int, chunk_ids: list[str]) -> list[LexicalHit]:
    import numpy as np

    positive = int(np.count_nonzero(scores > 0))
    k = min(k, positive)
    if k == 0:
        return []
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [LexicalHit(chunk_ids[i], float(scores[i])) for i in best]


def _remove_old_generations(folder: Path, keep: str) -> None:
    for path in folder.glob("gen-*"):
        if path.name != keep:
            shutil.rmtree(path, ignore_errors=True)
    for path in folder.glob(f"{_POINTER}.*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()


def catalog_stamp(catalog: Catalog, collection_id: int) -> str:
    """A fingerprint of a collection's indexed documents, cheap (one row per document).

    Every (re)index of a document rewrites its row (status, chunk count, content hash,
    ``updated_at``), so any change to the indexed chunks changes this stamp.
    """
    digest = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for doc in catalog.documents(collection_id, status=DocStatus.INDEXED):
        digest.update(f"{doc.id}|{doc.content_hash}|{doc.chunks}|{doc.updated_at!r};".encode())
    return digest.hexdigest()


@dataclass
class _Entry:
    index: LexicalIndex
    checked_at: float
    stale: bool = False


@dataclass
class LexicalIndexes:
    """The loaded BM25 index of each collection, rebuilt when the catalog moved on.

    ``invalidate`` (called after an ingest or removal in this process) forces a stamp check at
    the next use; changes made by another process (the CLI beside the window) are noticed by
    re-checking the stamp at most every ``recheck_s`` seconds.
    """

    catalog: Catalog
    root_for: Callable[[int], Path]  # DataLayout.lexical_index
    recheck_s: float = 5.0
    _entries: dict[int, _Entry] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def invalidate(self, collection_id: int) -> None:
        with self._lock:
            entry = self._entries.get(collection_id)
            if entry is not None:
                entry.stale = True

    def get(self, collection_id: int) -> LexicalIndex:
        with self._lock:
            entry = self._entries.get(collection_id)
            now = time.monotonic()
            if entry and not entry.stale and now - entry.checked_at < self.recheck_s:
                return entry.index
            stamp = catalog_stamp(self.catalog, collection_id)
            if entry and entry.index.stamp == stamp:
                entry.stale, entry.checked_at = False, now
                return entry.index
            index = self._load_or_build(collection_id, stamp)
            self._entries[collection_id] = _Entry(index, now)
            return index

    def _load_or_build(self, collection_id: int, stamp: str) -> LexicalIndex:
        folder = self.root_for(collection_id)
        saved = LexicalIndex.load(folder)
        if saved is not None and saved.stamp == stamp and saved.stem == STEM_ENGLISH:
            return saved
        started = time.perf_counter()
        index = LexicalIndex.build(self.catalog.indexed_tokens(collection_id), stamp)
        try:
            index.save(folder)
        except OSError as exc:  # a read-only data folder still searches, from memory
            log.warning("could not save the lexical index to %s: %s", folder, exc)
        log.info(
            "built lexical index for collection %s: %d chunks in %.2f s",
            collection_id,
            len(index),
            time.perf_counter() - started,
        )
        return index
