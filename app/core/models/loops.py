"""Keeps a small model from writing the same words over and over.

SmolLM2-135M, asked by the README's ``pagefold summarize`` line on the CI machine, wrote one
invented 18-token sentence eight times, each after a new list number, until ``max_new_tokens``
ran out. transformers' own guards (``repetition_penalty``, ``no_repeat_ngram_size``) look at the
whole input, prompt included, so they would also punish quoting the retrieved passages, which is
what a grounded answer should do. This guard looks only at what the model has written: a run of
``ANSWER_NGRAM`` tokens may appear once in one answer. At 16 tokens (about a dozen English words,
or 8 to 15 Korean syllables with the catalog's tokenizers) it stops the loop at the second
sentence and leaves ordinary repeated phrases alone. Imported only when a model generates.
"""

from __future__ import annotations

import torch
from transformers import LogitsProcessor

ANSWER_NGRAM = 16


class AnswerRepeatBlock(LogitsProcessor):
    """Forbids the token that would complete an ``size``-gram the answer already contains.

    Kept incrementally (one new n-gram per step, a dict lookup), so a 1,000-token answer costs
    the same per token as a 10-token one."""

    def __init__(self, prompt_length: int, size: int = ANSWER_NGRAM) -> None:
        if size < 2:
            raise ValueError("size must be at least 2")
        self.prompt_length = prompt_length
        self.size = size
        self._seen: list[dict[tuple[int, ...], set[int]]] = []
        self._counted: list[int] = []

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        for row in range(input_ids.shape[0]):
            answer = input_ids[row, self.prompt_length :].tolist()
            banned = self._update(row, answer)
            if banned:
                scores[row, sorted(banned)] = -float("inf")
        return scores

    def _update(self, row: int, answer: list[int]) -> set[int]:
        """Record the n-grams completed since the last step; the tokens now forbidden."""
        while len(self._seen) <= row:
            self._seen.append({})
            self._counted.append(0)
        seen, n = self._seen[row], self.size
        for end in range(max(self._counted[row], n), len(answer) + 1):
            seen.setdefault(tuple(answer[end - n : end - 1]), set()).add(answer[end - 1])
        self._counted[row] = max(self._counted[row], len(answer) + 1)
        if len(answer) < n - 1:
            return set()
        return seen.get(tuple(answer[len(answer) - n + 1 :]), set())
