"""Reciprocal rank fusion and near-duplicate removal: pure functions over ids and chunks.

Why RRF: dense cosine distances and BM25 scores live on unrelated scales; ranks do not. A passage
ranked well by several arms beats one ranked first by one arm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The rank offset ``k`` in weight / (k + rank). Cormack et al. (2009) chose 60 for runs of
#: 1,000 results; our arms hand over 40 each, and a smaller ``k`` lets a first place count for
#: more against agreement further down. ``retrieval_quality.py --evalset``, tune half, hit@1 /
#: hit@5 / MRR of all questions in one-language collections and in the folder of both (before
#: ``alignment``): 60: 0.56 / 0.87 / 0.69 and 0.41 / 0.72 / 0.53; 30: 0.58 / 0.86 / 0.69 and
#: 0.42 / 0.73 / 0.54; 20: 0.59 / 0.86 / 0.70 and 0.44 / 0.74 / 0.55; 10: 0.61 / 0.85 / 0.71
#: and 0.46 / 0.76 / 0.57, but cross-lingual hit@5 0.81 -> 0.79 and English 0.96 -> 0.94
#: from 20 on, in one-language collections. Score fusion instead of ranks (min-max or z
#: normalised, convex sum): at best 0.62 / 0.84 / 0.71 and 0.60 / 0.82 / 0.69.
RRF_K = 20
JACCARD_DUPLICATE = 0.8
OVERLAP_DUPLICATE = 0.5


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]],
    k: int | None = None,
    weights: Sequence[float] | None = None,
) -> list[tuple[str, float]]:
    """Ids by the sum of weight/(k + rank) over the rankings (rank 1 = best), best first;
    ``k`` is ``RRF_K`` unless given.

    Ties keep the order in which ids were first seen, so the first ranking wins them.
    """
    k = RRF_K if k is None else k
    scores: dict[str, float] = {}
    for i, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[i]
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


@dataclass(frozen=True)
class Span:
    """What near-duplicate detection needs to know about a chunk."""

    chunk_id: str
    document_id: int
    page: int
    start: int
    end: int
    tokens: frozenset[str]


def is_near_duplicate(a: Span, b: Span) -> bool:
    """Same words (Jaccard > 0.8), or mostly the same stretch of the same page."""
    if a.document_id == b.document_id and a.page == b.page:
        overlap = min(a.end, b.end) - max(a.start, b.start)
        shorter = min(a.end - a.start, b.end - b.start)
        if shorter > 0 and overlap / shorter >= OVERLAP_DUPLICATE:
            return True
    if not a.tokens or not b.tokens:
        return False
    union = len(a.tokens | b.tokens)
    return len(a.tokens & b.tokens) / union > JACCARD_DUPLICATE


def remove_near_duplicates(spans: Iterable[Span], limit: int) -> list[Span]:
    """The first ``limit`` spans, in order, none a near duplicate of a better-ranked one."""
    kept: list[Span] = []
    for span in spans:
        if not any(is_near_duplicate(span, other) for other in kept):
            kept.append(span)
            if len(kept) >= limit:
                break
    return kept
