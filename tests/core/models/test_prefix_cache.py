"""The KV cache of an unchanged prompt prefix is reused by the next turn, with the same answer."""

from __future__ import annotations

from pathlib import Path

from app.core.cancel import CancelToken
from app.core.models.runtime import ModelRuntime
from app.core.models.spec import ModelSpec

SYSTEM = {"role": "system", "content": "Answer from the sources. Sources are numbered [1]. " * 8}


def turns(answer: str) -> list[dict[str, str]]:
    return [
        SYSTEM,
        {"role": "user", "content": "What does the report say about memory?"},
        {"role": "assistant", "content": answer},
        {"role": "user", "content": "And about speed?"},
    ]


def test_second_turn_reuses_the_prefix_and_answers_the_same(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    runtime.load(ModelSpec(path=tiny_llama, device="cpu"))
    first = "".join(runtime.stream(turns("")[:2], max_new_tokens=12))
    reused = "".join(runtime.stream(turns(first), max_new_tokens=12))
    shared = runtime.prefix.reused

    runtime.prefix.enabled = False
    runtime.prefix.clear()
    fresh = "".join(runtime.stream(turns(first), max_new_tokens=12))

    assert shared > 60  # the system prompt and the first question were not computed again
    assert reused == fresh


def test_a_stopped_generation_leaves_no_broken_cache(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    runtime.load(ModelSpec(path=tiny_llama, device="cpu"))
    cancel = CancelToken()
    for _piece in runtime.stream(turns("")[:2], max_new_tokens=50, cancel=cancel):
        cancel.cancel()
    expected_runtime = ModelRuntime()
    expected_runtime.load(ModelSpec(path=tiny_llama, device="cpu"))
    try:
        expected = "".join(expected_runtime.stream(turns("x")[:4], max_new_tokens=10))
    finally:
        expected_runtime.unload()

    assert "".join(runtime.stream(turns("x")[:4], max_new_tokens=10)) == expected
