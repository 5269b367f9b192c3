"""Character error rate: how far recognised text is from the text that was printed.

Used by the OCR benchmark and by tests that check a scan reads back as its source. Runs of
whitespace count as one space, since layout decides line breaks, not the reader.
"""

from __future__ import annotations


def character_error_rate(reference: str, recognised: str) -> float:
    """Edit distance over the reference's length (0 = perfect; can exceed 1 for junk)."""
    ref, hyp = " ".join(reference.split()), " ".join(recognised.split())
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, two rows of memory."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return previous[-1]
