"""``packaging/build_alignment.py``: from gettext catalogs to the rotation search reads.

The real build downloads Debian packages and embeds 59,000 string pairs with the real model; here
a hand-written catalog and an embedder whose Korean vectors are its English ones turned by a
known rotation stand in, so what is tested is the reading, the pairing, the fit and the file
``alignment_for`` then loads.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from app.core.hangul import has_syllable
from app.core.retrieval import alignment
from tests.packaging.conftest import load_script
from tests.packaging.test_build_lexicon import write_mo

build = load_script("build_alignment.py")
DIMENSION = 8
TURN, _ = np.linalg.qr(np.random.default_rng(3).normal(size=(DIMENSION, DIMENSION)))

#: Each Korean string's "meaning" is its English original's, as a translation's is.
CATALOG = {
    "": "Content-Type: text/plain; charset=UTF-8\n",
    **{f"Item {n}": f"항목 {n}" for n in range(40)},
    "_Layer": "레이어(_L)",
    "layer": "레이어",  # the same pair again, in another case: kept once
}


class TurningEmbedder:
    """English text -> a fixed random vector; Korean text -> its English original's, turned."""

    def __init__(self, originals: dict[str, str]) -> None:
        self.originals = originals  # Korean -> English

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def _vector(self, text: str) -> list[float]:
        english = self.originals.get(text, text) if has_syllable(text) else text
        seed = int(hashlib.sha256(english.lower().encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=DIMENSION)
        v = v @ TURN if has_syllable(text) else v
        return (v / np.linalg.norm(v)).tolist()


def test_the_built_rotation_carries_english_questions_to_their_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = build.unique(build.strings([write_mo(tmp_path / "app.mo", CATALOG)]))
    assert len(pairs) == 41, "40 items and one layer: the repeated pair is read once"
    embedder = TurningEmbedder({korean: english for english, korean in pairs})
    out = tmp_path / "resources" / "alignment" / "test--model.npy"
    build.build(embedder, pairs, out)

    monkeypatch.setattr(alignment, "resource_path", lambda *p: tmp_path.joinpath("resources", *p))
    alignment.alignment_for.cache_clear()
    try:
        rotation = alignment.alignment_for("test/model", DIMENSION)
    finally:
        alignment.alignment_for.cache_clear()
    assert rotation is not None
    question = embedder.embed_queries(["Open a new layer"])[0]  # not among the pairs
    expected = np.asarray(question) @ TURN
    assert np.dot(rotation.into("ko", question), expected) > 0.99
    assert np.dot(rotation.into("en", expected.tolist()), question) > 0.99
