"""Streaming decode: Korean split across byte-level tokens never shows a broken character."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from app.core.cancel import CancelToken
from app.core.models.streaming import CancelCriteria, stream_generate

KOREAN = "한국의 수도는 서울입니다. 뷁 똠방각하 🙂 [1]."


class FakeModel:
    """Pushes the prompt, then ``text``'s token ids one by one, like ``generate`` does."""

    def __init__(self, tokenizer: Any, text: str) -> None:
        self.ids = tokenizer(text, add_special_tokens=False)["input_ids"]

    def generate(
        self, input_ids: torch.Tensor, streamer: Any, stopping_criteria: Any, **_: Any
    ) -> None:
        streamer.put(input_ids)
        sequence = input_ids
        for token in self.ids:
            sequence = torch.cat([sequence, torch.tensor([[token]])], dim=1)
            streamer.put(torch.tensor([token]))
            if stopping_criteria(sequence, None).all():
                break
        streamer.end()


@pytest.fixture(scope="module")
def tokenizer(tiny_llama: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_llama)


def test_korean_pieces_are_whole_characters(tokenizer: Any) -> None:
    ids = tokenizer(KOREAN, add_special_tokens=False)["input_ids"]
    assert any("\ufffd" in tokenizer.decode([i]) for i in ids)  # the fixture really splits bytes
    model = FakeModel(tokenizer, KOREAN)
    prompt = tokenizer("질문", return_tensors="pt")

    pieces = list(stream_generate(model, tokenizer, dict(prompt), {}, [], lambda: None))

    assert "".join(pieces) == KOREAN
    assert not any("\ufffd" in p for p in pieces)
    assert len(pieces) > 5  # streamed, not delivered at the end


def test_cancel_criteria_stops_after_the_current_token(tokenizer: Any) -> None:
    cancel = CancelToken()
    criteria = CancelCriteria([None, cancel])
    ids = torch.zeros((1, 3), dtype=torch.long)

    assert not criteria(ids, None).any()  # type: ignore[arg-type]
    cancel.cancel()
    assert criteria(ids, None).all()  # type: ignore[arg-type]


def test_errors_in_the_worker_reach_the_consumer_and_release_the_model(tokenizer: Any) -> None:
    class Broken:
        def generate(self, **_: Any) -> None:
            raise RuntimeError("CUDA out of memory")

    released: list[bool] = []
    prompt = tokenizer("질문", return_tensors="pt")

    with pytest.raises(RuntimeError, match="out of memory"):
        list(
            stream_generate(
                Broken(), tokenizer, dict(prompt), {}, [], lambda: released.append(True)
            )
        )
    assert released == [True]
