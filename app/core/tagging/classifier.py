"""Zero-shot document classification with the collection's own embedding model.

Why the embedder and not an NLI model: it is already loaded for the collection, reads the
collection's languages (e5 reads Korean), and the documents' vectors already sit in Chroma, so
tagging a document costs a handful of label embeddings and no extra model download.

Why calibrate: raw cosine similarities mean different things per model (MiniLM's related pairs
score 0.2-0.4, e5's 0.75-0.85) and per label (some labels are close to any document). Each
label's similarity is therefore turned into a z-score against a fixed set of neutral sentences
in Korean and English ("calibrate before use"): how unusually close a document is to the label.
A label is assigned when that score passes ``THRESHOLD`` and lies within ``MARGIN`` of the
document's best label, so a document gets zero, one or (rarely) several tags.

``THRESHOLD`` and ``MARGIN`` were measured on 19 short documents (contracts, research papers,
meeting minutes and reports, unrelated texts; English and Korean) with both shipped embedders:
e5 tagged 11/11 English and 8/8 Korean right with specific labels ("research paper", "meeting
report"; 계약서, 논문, 보고서); MiniLM 8/11 (it cannot tell research papers by genre). Broad
one-word English labels ("paper", "report") are ambiguous for both models.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.errors import PagefoldError
from app.core.hangul import has_syllable

if TYPE_CHECKING:
    import numpy as np

    from app.core.embeddings.base import Embedder

THRESHOLD = 2.5
MARGIN = 0.5

_TEMPLATES = {
    "en": ("{label}", "This is {article} {label}."),
    "ko": ("{label}", "이것은 {label}입니다."),
}
# Plain sentences of no particular document kind: the baseline a label's similarity is measured
# against. Both languages, so a label's prior is fair to Korean and English documents alike.
NEUTRAL = (
    "The river flows through the valley and reaches the sea after two hundred kilometres.",
    "Add the onions to the pan and fry them gently until they turn golden.",
    "The team won the final match with a late goal in the second half.",
    "Press the power button for three seconds to switch the device on.",
    "Dear Maria, thank you for your letter; we are all well here and hope to visit soon.",
    "The museum opens at nine and closes at five, except on public holidays.",
    "Shares of the company fell four percent after the quarterly results were announced.",
    "The old castle on the hill was built in the twelfth century and rebuilt after a fire.",
    "강물은 계곡을 지나 이백 킬로미터를 흐른 뒤 바다에 닿는다.",
    "양파를 팬에 넣고 노릇해질 때까지 약한 불에서 볶는다.",
    "전원 버튼을 삼 초 동안 누르면 기기가 켜집니다.",
    "박물관은 아홉 시에 문을 열고 다섯 시에 닫으며 공휴일에는 쉰다.",
)

_neutral_cache: dict[str, np.ndarray] = {}
_neutral_lock = threading.Lock()


def prompts(label: str) -> list[str]:
    """The label alone and in a short sentence, in the label's own language."""
    language = "ko" if has_syllable(label) else "en"
    article = "an" if language == "en" and label[:1].lower() in "aeiou" else "a"
    return [t.format(label=label, article=article) for t in _TEMPLATES[language]]


class LabelClassifier:
    """Scores document vectors against a collection's labels; one per tagging run."""

    def __init__(self, embedder: Embedder, labels: Sequence[str]) -> None:
        check_readable(embedder, labels)
        self.labels = list(labels)
        self._label_vectors = _label_vectors(embedder, self.labels)
        neutral = _neutral_vectors(embedder) @ self._label_vectors.T
        self._mean = neutral.mean(axis=0)
        self._std = neutral.std(axis=0) + 1e-6

    def scores(self, document_vector: Sequence[float]) -> list[float]:
        """Calibrated score of each label: standard deviations above the neutral baseline."""
        vector = _unit(document_vector)
        raw = self._label_vectors @ vector
        return [float(z) for z in (raw - self._mean) / self._std]

    def classify(self, document_vector: Sequence[float]) -> list[tuple[str, float]]:
        """The labels that fit, best first; empty when none stands out."""
        scores = self.scores(document_vector)
        best = max(scores, default=0.0)
        chosen = [
            (label, round(score, 3))
            for label, score in zip(self.labels, scores, strict=True)
            if score >= THRESHOLD and score >= best - MARGIN
        ]
        return sorted(chosen, key=lambda pair: pair[1], reverse=True)


def check_readable(embedder: Embedder, labels: Sequence[str]) -> None:
    """Refuse labels the model cannot read: their scores would be noise, not tags."""
    unreadable = [label for label in labels if not embedder.reads(label)]
    if unreadable:
        raise PagefoldError(
            f'The embedding model "{embedder.name}" reads only English, so it cannot match '
            f"the labels {', '.join(unreadable)}. Use English labels, or a collection made "
            f"with the multilingual model ({DEFAULT_EMBEDDING_MODEL})."
        )


def _label_vectors(embedder: Embedder, labels: Sequence[str]) -> np.ndarray:
    """Each label as the mean of its prompts' query vectors (queries: e5 embeds them so)."""
    import numpy as np

    rows = [
        _unit(np.mean([_unit(embedder.embed_query(p)) for p in prompts(label)], axis=0))
        for label in labels
    ]
    return np.asarray(rows).reshape(len(labels), -1)


def _neutral_vectors(embedder: Embedder) -> np.ndarray:
    """Embedded once per model and process (12 passages)."""
    import numpy as np

    with _neutral_lock:
        if embedder.name not in _neutral_cache:
            vectors = embedder.embed_documents(list(NEUTRAL))
            _neutral_cache[embedder.name] = np.asarray([_unit(v) for v in vectors])
        return _neutral_cache[embedder.name]


def _unit(vector: Sequence[float] | np.ndarray) -> np.ndarray:
    import numpy as np

    array = np.asarray(vector, dtype=np.float64)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array
