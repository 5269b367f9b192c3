"""Judging passages and answers, and the ranking metrics computed from those judgements.

Relevance is binary: a passage is relevant when it meets every criterion the question gives (its
document, its page, the answer text inside it). Text is compared with all whitespace removed,
because where a hard-wrapped Korean line had a space cannot be known from extracted text, and
every system is judged by the same rule.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from app.core.evaluation.dataset import EvalQuestion
from app.core.storage.passage import Passage

_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

# Phrases that say "the sources do not answer this", in the languages Pagefold answers in.
# The chat layer may mark a refusal itself (``answer.refused``); these are the fallback.
REFUSAL_PHRASES = (
    "찾을 수 없",
    "포함되어 있지 않",
    "나와 있지 않",
    "정보가 없",
    "알 수 없",
    "답할 수 없",
    "언급되어 있지 않",
    "not contain",
    "no information",
    "cannot find",
    "can't find",
    "could not find",
    "couldn't find",
    "not mentioned",
    "do not know",
    "don't know",
    "unable to answer",
    "cannot answer",
    "not in the sources",
    "not provided",
)


def squash(text: str) -> str:
    """Text reduced for containment tests: NFKC, case-folded, without whitespace or controls."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)


def contains(text: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``text``, ignoring whitespace, case and control characters."""
    wanted = squash(needle)
    return bool(wanted) and wanted in squash(text)


def same_document(path: str, title: str, doc: str) -> bool:
    """A question's ``doc`` matches by file name, or by stem (a .txt rendered to a .pdf)."""
    wanted = PurePath(doc.strip()).name.casefold()
    names = {PurePath(path).name.casefold(), title.casefold()}
    if wanted in names:
        return True
    stem = _stem(wanted)
    return any(stem == _stem(name) for name in names if name)


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def is_relevant(question: EvalQuestion, passage: Passage) -> bool:
    """Every criterion the question gives must hold; a question with none judges nothing."""
    if not question.judgeable:
        return False
    if question.doc and not same_document(passage.path, passage.title, question.doc):
        return False
    if question.pages and passage.page not in question.pages:
        return False
    return not question.answer or contains(passage.text, question.answer)


def first_relevant_rank(relevances: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant passage, or None."""
    return next((i for i, rel in enumerate(relevances, start=1) if rel), None)


def hit_at(relevances: Sequence[bool], k: int) -> float:
    return 1.0 if any(relevances[:k]) else 0.0


def reciprocal_rank(relevances: Sequence[bool], k: int) -> float:
    rank = first_relevant_rank(relevances[:k])
    return 1.0 / rank if rank else 0.0


def ndcg_at(relevances: Sequence[bool], k: int) -> float:
    """Binary nDCG@k. The ideal list holds as many relevant passages as were found (at least one).

    Why: a question file names the answer, not every passage that holds it, so the number of
    relevant passages in the collection is unknown; this way one relevant passage at rank 1
    scores 1.0 and the same passage at rank 5 scores 1/log2(6).
    """
    top = list(relevances[:k])
    dcg = sum(1.0 / math.log2(i + 2) for i, rel in enumerate(top) if rel)
    ideal_count = max(1, sum(top))
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal_count))
    return dcg / idcg


def answer_tokens(text: str) -> list[str]:
    """Korean-aware tokens (content morphemes, Latin words), the ones BM25 uses."""
    from app.core.retrieval.tokenize import lexical_tokens

    return lexical_tokens(text)


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD-style token F1 over Korean-aware tokens."""
    pred, gold = answer_tokens(prediction), answer_tokens(reference)
    if not pred or not gold:
        return float(pred == gold)
    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


_SPACES = re.compile(r"\s+")


def is_refusal(text: str) -> bool:
    """Whether an answer says the documents do not hold the answer (or is empty)."""
    flat = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).casefold().strip()
    if not flat:
        return True
    return any(phrase in flat for phrase in REFUSAL_PHRASES)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[index]
