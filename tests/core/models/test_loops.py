"""The answer-only repeat guard: a small model may not write the same 16 tokens twice, and may
still quote its prompt (the retrieved passages) word for word."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from app.core.models.loops import ANSWER_NGRAM, AnswerRepeatBlock


def _step(guard: AnswerRepeatBlock, ids: list[int], vocab: int = 50) -> torch.Tensor:
    return guard(torch.tensor([ids]), torch.zeros(1, vocab))[0]


def test_the_token_that_would_repeat_an_answer_run_is_forbidden() -> None:
    guard = AnswerRepeatBlock(prompt_length=2, size=4)
    answer = [7, 8, 9, 10, 11, 7, 8]
    for end in range(1, len(answer)):  # called once per generated token, as generate does
        _step(guard, [1, 2, *answer[:end]])
    scores = _step(guard, [1, 2, *answer, 9])

    assert scores[10] == -float("inf")  # 7 8 9 10 again
    assert (scores[torch.arange(50) != 10] == 0).all()


def test_quoting_the_prompt_is_not_a_repeat() -> None:
    quote = [20, 21, 22, 23, 24, 25]
    guard = AnswerRepeatBlock(prompt_length=len(quote), size=4)

    scores = _step(guard, [*quote, 20, 21, 22])  # the answer copies the passage

    assert (scores == 0).all()


@pytest.mark.slow
def test_smollm2_asked_to_repeat_itself_never_writes_a_16_token_run_twice(
    smollm2_gguf: Path,
) -> None:
    from tests.core.models.smollm2 import smollm2_runtime

    runtime = smollm2_runtime(smollm2_gguf)
    messages = [
        {
            "role": "user",
            "content": "Write the sentence 'The Northwind Home App is a trusted and reliable "
            "service provider for air purifiers.' ten times, numbered 1 to 10.",
        }
    ]

    text = "".join(runtime.stream(messages, max_new_tokens=200, temperature=0.0))

    tokens = runtime._tokenizer(text, add_special_tokens=False)["input_ids"]
    runs = [tuple(tokens[i : i + ANSWER_NGRAM]) for i in range(len(tokens) - ANSWER_NGRAM + 1)]
    assert text.count("trusted and reliable service provider") <= 2, text
    assert len(runs) == len(set(runs)), text
