"""Keyword search across languages without a language model: a word bridge.

Why: BM25 cannot match an English question against Korean passages (or the reverse), and
multilingual-e5-small alone ranks the right page in the top 5 for fewer than half of such
questions (issue 15). The embedder still places single words of both languages near each other
("cell" and "셀", "rule" and "규칙"), so each of the question's words is mapped to the
collection's own words nearest to it, and that bag of words is searched with BM25 as one more
ranking in the fusion. No model, no dictionary file and no network: only the embedder that
search already loads.

Measured with ``benchmarks/retrieval_quality.py --evalset`` (``--no-bridge`` switches it off),
cross-lingual hit@1 / hit@5 / MRR: 0.20 / 0.45 / 0.29 -> 0.40 / 0.61 / 0.48 on the tune half,
where every constant below was chosen (the figures that chose each are beside it), and 0.23 /
0.45 / 0.31 -> 0.32 / 0.56 / 0.41 on the test half (with the dense arm searched exactly,
``storage.vectors.EF_SEARCH``, and function words left behind, ``stopwords``). Korean questions
on Korean documents and English on English are not touched: a question is bridged into the other
language only where that language holds a fifth of the collection's passages or more
(``languages.OTHER_LANGUAGE_MIN_SHARE``); in a folder of both languages a bridge is kept for
each, at a lower weight (``hybrid.BRIDGE_MIXED_WEIGHT``; ``--mixed``, test half,
cross-lingual hit@5 0.07 -> 0.21). The word bag is searched with BM25 only: also embedding it
as one more dense query lowered hit@5 (0.63 -> 0.49 for Korean questions on the English
collection).

The bundled word list (``lexicon``) adds its translations of the question's words to the same
bag: learned from software's own translated strings, it knows pairs the embedder does not place
together, and the bridge knows the collection's own words, which a fixed list cannot.
(The question rendered word by word through that list is embedded, ``hybrid.WORD_BY_WORD_WEIGHT``:
a sentence in word order, unlike this bag of the collection's nearest words.)

The collection's words are embedded once (about 2 ms a word on 2 CPU cores: 1,857 Korean words
took 3.4 s and 3,727 English words 7.4 s), saved beside its BM25 index and reused for the words
that stay when documents change, so a later build embeds only new words.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core.hangul import has_syllable
from app.core.retrieval.stopwords import BRIDGE_STOPWORDS

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

#: Collection words kept per question word, and the cosine they must reach. Tune half, hit@5 of
#: English questions on the Korean collection / Korean questions on the English one, measured
#: while BM25 stemmed English (an ablation; off by default), without the bridge 0.39 / 0.49:
#: 3 words at 0.80: 0.51 / 0.63; 3 at 0.75: 0.49 / 0.63; 4 at 0.80: 0.47 / 0.59; 2 at 0.85:
#: 0.51 / 0.57; 1 at 0.85: 0.49 / 0.53; 2 at 0.90: 0.45 / 0.53. Keeping only words within
#: 0.03-0.08 of each word's best match (no bridge 0.41 / 0.51 in that run): 0.51-0.53 / 0.61,
#: against 0.53 / 0.61 without that margin.
TERMS_PER_WORD = 3
MIN_SIMILARITY = 0.80
#: A word must appear in this many passages to be a bridge target: words seen once are mostly
#: typos, names and file names (3 words at 0.80 with words seen once: 0.51 / 0.55; also
#: leaving out words in over 10% of passages: 0.51 / 0.57), and dropping them halves the words
#: to embed.
MIN_PASSAGES = 2
#: The most frequent words embedded at most: bounds the one-off build of a very large collection
#: (about a minute on 2 CPU cores).
MAX_WORDS = 30_000
_BATCH = 256


class TermEmbedder(Protocol):
    """What the bridge needs of an embedding model: question vectors for many short texts."""

    name: str

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


@dataclass
class WordBridge:
    """One collection's words in one language, with their unit vectors from one model."""

    words: list[str]
    vectors: np.ndarray  # float32, one unit row per word
    stamp: str

    def targets(self, embedder: TermEmbedder, words: Sequence[str]) -> list[str]:
        """The collection's words nearest to each of ``words``, best first, without repeats."""
        if not words or not self.words:
            return []
        return self.nearest(embedder.embed_queries(list(words)))

    def nearest(self, vectors: Sequence[Sequence[float]]) -> list[str]:
        """``targets`` for words already embedded (a search embeds them with its question)."""
        import numpy as np

        if not len(vectors) or not self.words:
            return []
        query = _unit(np.asarray(vectors, dtype=np.float32))
        similarity = query @ self.vectors.T
        found: list[str] = []
        for row in similarity:
            best = np.argsort(-row)[:TERMS_PER_WORD]
            found += [self.words[j] for j in best if row[j] >= MIN_SIMILARITY]
        return list(dict.fromkeys(found))


def question_words(tokens: Iterable[str]) -> list[str]:
    """The question's words worth carrying across: distinct, not bare numbers (which BM25
    already matches as written) and not function words (``stopwords``)."""
    return [t for t in dict.fromkeys(tokens) if not t.isdigit() and t not in BRIDGE_STOPWORDS]


def collection_words(rows: Iterable[tuple[str, str]], language: str) -> list[str]:
    """The words of ``language`` in at least ``MIN_PASSAGES`` passages, most frequent first."""
    counts: Counter[str] = Counter()
    for _, tokens in rows:
        counts.update(set(tokens.split()))
    korean = language == "ko"
    kept = [
        w
        for w, n in counts.most_common()
        if n >= MIN_PASSAGES and not w.isdigit() and has_syllable(w) == korean
    ]
    return kept[:MAX_WORDS]


class WordBridges:
    """Each collection's bridge per embedding model and target language: kept in memory, saved
    in the collection's BM25 folder, rebuilt when the collection's stamp changes (reusing the
    words it had)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bridges: dict[tuple[Path, str, str], WordBridge] = {}

    def get(
        self,
        folder: Path,
        stamp: str,
        embedder: TermEmbedder,
        language: str,
        rows: Callable[[], Iterable[tuple[str, str]]],
    ) -> WordBridge:
        """The bridge for ``stamp``; ``rows`` (the catalog's chunk tokens) only when building."""
        key = (folder, embedder.name, language)
        with self._lock:
            known = self._bridges.get(key) or load(folder, embedder.name, language)
            if known is None or known.stamp != stamp:
                known = build(collection_words(rows(), language), embedder, stamp, known)
                try:
                    save(folder, embedder.name, language, known)
                except OSError as exc:  # a read-only data folder still bridges, from memory
                    log.warning("could not save the word bridge in %s: %s", folder, exc)
            self._bridges[key] = known
            return known


def build(
    words: list[str], embedder: TermEmbedder, stamp: str, previous: WordBridge | None = None
) -> WordBridge:
    """Vectors for ``words``; those ``previous`` already holds are copied, not embedded again."""
    import numpy as np

    dimension = previous.vectors.shape[1] if previous is not None and previous.words else 0
    old = {w: i for i, w in enumerate(previous.words)} if previous is not None else {}
    new = [w for w in words if w not in old]
    fresh: list[list[float]] = []
    for start in range(0, len(new), _BATCH):
        fresh += embedder.embed_queries(new[start : start + _BATCH])
    if fresh:
        dimension = len(fresh[0])
    vectors = np.zeros((len(words), dimension), dtype=np.float32)
    made = dict(zip(new, fresh, strict=True))
    for row, word in enumerate(words):
        vectors[row] = previous.vectors[old[word]] if word in old and previous else made[word]
    log.info("word bridge: %d words, %d embedded now", len(words), len(new))
    return WordBridge(words, _unit(vectors) if len(words) else vectors, stamp)


def load(folder: Path, model: str, language: str) -> WordBridge | None:
    """The saved bridge, or None when there is none or it cannot be read."""
    import numpy as np

    path = folder / _file_name(model, language)
    try:
        with np.load(path, allow_pickle=False) as saved:
            words = [str(w) for w in saved["words"]]
            return WordBridge(words, saved["vectors"].astype(np.float32), str(saved["stamp"]))
    except (OSError, ValueError, KeyError) as exc:
        if path.exists():
            log.info("word bridge in %s not usable (%s); it will be rebuilt", path, exc)
        return None


def save(folder: Path, model: str, language: str, bridge: WordBridge) -> None:
    """One file, written beside and renamed into place: a crash leaves the old one whole."""
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{uuid.uuid4().hex}.npz"
    try:
        np.savez(
            temporary,
            words=np.array(bridge.words, dtype=str),
            vectors=bridge.vectors.astype(np.float16),  # cosines move by < 0.001
            stamp=np.array(bridge.stamp),
        )
        os.replace(temporary, folder / _file_name(model, language))
    finally:
        temporary.unlink(missing_ok=True)


def _file_name(model: str, language: str) -> str:
    return f"bridge-{re.sub(r'[^A-Za-z0-9]+', '-', model).strip('-')}-{language}.npz"


def _unit(vectors: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return unit
