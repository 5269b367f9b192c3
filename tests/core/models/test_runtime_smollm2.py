"""The runtime with a real model: SmolLM2-135M-Instruct from its GGUF file, on the CPU."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from tests.core.models.smollm2 import smollm2_runtime

pytestmark = pytest.mark.slow


def test_gguf_loads_with_its_chat_template_and_window(smollm2_gguf: Path) -> None:
    runtime = smollm2_runtime(smollm2_gguf)
    info = runtime.info

    assert info is not None
    assert info.name == "SmolLM2-135M-Instruct.Q4_1"
    assert info.context_length == 8192
    assert info.parameters and 100e6 < info.parameters < 200e6
    assert "<|im_start|>assistant" in runtime.render_chat([{"role": "user", "content": "Hi"}])


def test_answers_a_simple_question(smollm2_gguf: Path) -> None:
    runtime = smollm2_runtime(smollm2_gguf)
    messages = [{"role": "user", "content": "What is the capital of France? Answer in one word."}]

    answer = "".join(runtime.stream(messages, max_new_tokens=16, temperature=0.0))

    assert "Paris" in answer


def test_stop_mid_stream_within_200_ms(smollm2_gguf: Path) -> None:
    runtime = smollm2_runtime(smollm2_gguf)
    messages = [{"role": "user", "content": "Write a long story about a lighthouse keeper."}]
    cancel = CancelToken()
    pieces: list[str] = []
    requested: list[float] = []

    def stop() -> None:
        requested.append(time.perf_counter())
        cancel.cancel()

    for piece in runtime.stream(messages, max_new_tokens=64, temperature=0.0, cancel=cancel):
        pieces.append(piece)
        if len(pieces) == 3:
            threading.Timer(0.05, stop).start()
    ended = time.perf_counter()

    assert requested, "the model finished before the stop was requested"
    assert ended - requested[0] < 0.2
    assert runtime.count_tokens("".join(pieces)) < 64
    deadline = time.perf_counter() + 5
    while runtime.busy and time.perf_counter() < deadline:
        time.sleep(0.01)
    assert not runtime.busy
