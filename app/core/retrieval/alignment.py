"""A rotation of an embedder's space that carries an English question's vector to where its Korean
translation's would be, and back.

Why: a multilingual embedder places a question nearer to passages in its own language than to
the answer written in the other one. In a folder of both languages that buried the right page
of a question asked across languages under same-language pages (``languages.LANGUAGE_OFFSET``
is the blunt answer: every other-language passage moved a fixed distance nearer). A rotation fit
on translated sentences answers it per question: the question's vector, rotated, is the one a
translation of it would have had, so passages in the other language are compared with that and
passages in the question's own language with the question itself (``hybrid``).

How it is made (``packaging/build_alignment.py``): the 58,720 English and Korean
user-interface strings of the word list's Debian packages (GIMP and LibreOffice left out, as for
``lexicon``) are embedded as questions, and the orthogonal matrix ``W`` minimising
``|E W - K|`` is taken (orthogonal Procrustes: ``W = U V^T`` from the SVD of ``E^T K``). An
orthogonal map keeps lengths and angles within each language, so it only moves the space, and
its inverse is its transpose. Measured on multilingual-e5-small, tune half of the evaluation,
cross-lingual questions in one-language collections, the dense ranking alone: hit@5 0.42 with
the question's vector, 0.59 with the rotated one (0.51 fit on 2,000 strings, 0.59 on 10,000;
ridge least squares instead: 0.37). 384 x 384 float16, 295 kB per model; a model without one
(e5-base, bge-m3) keeps the fixed offset. Only a folder of both languages uses it: in a
one-language collection, fused with the word list's two rankings, it changed nothing (tune
half, cross-lingual hit@5 0.81 with it in place of the question's own vector, 0.79 to 0.81
as one more ranking, against 0.81).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numpy as np

from app.core.resources import resource_path

log = logging.getLogger(__name__)

ALIGNMENT_FOLDER = "alignment"
#: Cosine distance taken off the other language's passages, compared with the rotated vector,
#: before both languages' passages are ranked together. ``retrieval_quality.py --evalset
#: --mixed``, tune half, at ``fusion.RRF_K`` 20, hit@1 / hit@5 / MRR of Korean, English and
#: cross-lingual questions (the fixed offset instead: 0.56 / 0.93 / 0.70, 0.70 / 0.95 / 0.81,
#: 0.23 / 0.53 / 0.33):
#:
#: - 0: 0.56 / 0.93 / 0.70, 0.72 / 0.98 / 0.83, 0.29 / 0.57 / 0.40
#: - 0.01: 0.56 / 0.93 / 0.70, 0.70 / 0.95 / 0.81, 0.34 / 0.64 / 0.46
#: - 0.02: 0.48 / 0.85 / 0.64, 0.63 / 0.95 / 0.77, 0.37 / 0.70 / 0.49
#: - 0.03: 0.44 / 0.81 / 0.59, 0.60 / 0.93 / 0.74, 0.41 / 0.73 / 0.55
OFFSET = 0.01
#: Nearest passages fetched for each of the two vectors. Each vector's nearest are mostly in its
#: own language, so 100 each stands in for the fixed offset's pool of 400.
POOL = 100


def alignment_file(model_name: str) -> tuple[str, str]:
    """Where ``model_name``'s rotation lives under ``resources/``."""
    return ALIGNMENT_FOLDER, model_name.replace("/", "--") + ".npy"


@dataclass(frozen=True)
class Alignment:
    """English -> Korean rotation of one embedder's question vectors."""

    to_korean: np.ndarray  # (dimension, dimension), orthogonal

    def into(self, language: str, vector: list[float]) -> list[float]:
        """``vector`` (a question's, in the other language) as its translation into
        ``language`` ("ko" or "en") would embed, unit length."""
        v = np.asarray(vector, dtype=np.float32)
        moved = v @ self.to_korean if language == "ko" else self.to_korean @ v
        norm = float(np.linalg.norm(moved))
        unit: list[float] = (moved / norm if norm else moved).tolist()
        return unit


def fit(english: np.ndarray, korean: np.ndarray) -> Alignment:
    """The orthogonal map taking rows of ``english`` nearest the matching rows of ``korean``."""
    u, _, vt = np.linalg.svd(english.T.astype(np.float64) @ korean.astype(np.float64))
    return Alignment((u @ vt).astype(np.float32))


@functools.cache
def alignment_for(model_name: str, dimension: int) -> Alignment | None:
    """The bundled rotation for ``model_name``, or None where none ships (or it is unreadable:
    search then keeps ``languages.LANGUAGE_OFFSET``)."""
    path = resource_path(*alignment_file(model_name))
    if not path.exists():
        return None
    try:
        matrix = np.load(path, allow_pickle=False).astype(np.float32)
    except (OSError, ValueError) as exc:
        log.warning("Cannot read the language alignment %s (%s); searching without it.", path, exc)
        return None
    if matrix.shape != (dimension, dimension):
        log.warning(
            "The language alignment %s is %s, not %d square; unused.", path, matrix.shape, dimension
        )
        return None
    return Alignment(matrix)
