"""Build ``resources/alignment/<model>.npy``: the rotation that carries one embedder's English
question vectors to where their Korean translations' would be (``app/core/retrieval/alignment``).

Why these sentences: the same Debian user-interface strings the word list is learned from
(``build_lexicon.PACKAGES``: GIMP and LibreOffice, the evaluation's manuals, left out), each
English string beside its Korean translation. Both sides are embedded as questions and the
orthogonal Procrustes solution is saved as float16 (295 kB for a 384-wide model).

Run (needs ``apt-get`` and Debian's package mirror, and the model; about 8 minutes on 2 cores
for multilingual-e5-small's 59,000 string pairs)::

    python packaging/build_alignment.py [--model NAME] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

from build_lexicon import fetch, strings  # noqa: E402

from app.core.config import DEFAULT_EMBEDDING_MODEL  # noqa: E402
from app.core.retrieval.alignment import alignment_file, fit  # noqa: E402

#: Longer strings are help paragraphs whose translations drift from the original.
MAX_CHARS = 300
BATCH = 256


class QuestionEmbedder(Protocol):
    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_EMBEDDING_MODEL)
    parser.add_argument("--keep", type=Path, help="download and unpack into DIR, and keep it")
    parser.add_argument("--out", type=Path, help="default: resources/alignment/<model>.npy")
    args = parser.parse_args()
    from app.core.embeddings.factory import load_embeddings

    with tempfile.TemporaryDirectory() as scratch:
        pairs = unique(strings(fetch(args.keep or Path(scratch))))
    out = args.out or REPO.joinpath("resources", *alignment_file(args.model))
    build(load_embeddings(args.model), pairs, out)
    print(f"{out}: rotation fit on {len(pairs)} string pairs")


def unique(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each (English, Korean) pair once, ignoring the English side's case; long ones dropped."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for english, korean in pairs:
        if len(english) <= MAX_CHARS and len(korean) <= MAX_CHARS:
            found.setdefault((english.lower(), korean), (english, korean))
    return list(found.values())


def build(embedder: QuestionEmbedder, pairs: list[tuple[str, str]], out: Path) -> np.ndarray:
    """Embed both sides of ``pairs``, fit the rotation, save it to ``out`` as float16."""
    english, korean = (_embedded(embedder, [p[side] for p in pairs]) for side in (0, 1))
    matrix = fit(english, korean).to_korean.astype(np.float16)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.save(out, matrix, allow_pickle=False)
    return matrix


def _embedded(embedder: QuestionEmbedder, texts: list[str]) -> np.ndarray:
    rows: list[list[float]] = []
    for start in range(0, len(texts), BATCH):
        rows += embedder.embed_queries(texts[start : start + BATCH])
    return np.asarray(rows, dtype=np.float32)


if __name__ == "__main__":
    main()
