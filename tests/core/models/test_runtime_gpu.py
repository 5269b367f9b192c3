"""The runtime on a CUDA GPU: half precision, 4-bit loading, memory given back on unload.

Skipped where no CUDA GPU is present (this file runs on a GPU machine only).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch

from app.core.cancel import CancelToken
from app.core.models.accel import native_bf16
from app.core.models.runtime import ModelRuntime
from app.core.models.spec import ModelSpec

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
]
MESSAGES = [{"role": "user", "content": "Hello there"}]


def test_loads_in_half_precision_on_the_gpu_and_unload_frees_it(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    before = torch.cuda.memory_allocated()
    info = runtime.load(ModelSpec(path=tiny_llama, quantization="none"))

    assert info.device == "cuda"
    assert info.dtype == ("bfloat16" if native_bf16("cuda") else "float16")
    assert info.context_length <= 512  # never above the config, capped by the KV memory
    assert next(runtime._model.parameters()).is_cuda
    assert list(runtime.stream(MESSAGES, max_new_tokens=8))
    assert torch.cuda.memory_allocated() > before

    runtime.unload()

    assert torch.cuda.memory_allocated() <= before + 1024**2


def test_stop_on_the_gpu(runtime: ModelRuntime, tiny_llama: Path) -> None:
    runtime.load(ModelSpec(path=tiny_llama))
    cancel = CancelToken()
    count = 0
    for _piece in runtime.stream(MESSAGES, max_new_tokens=400, temperature=0.8, cancel=cancel):
        count += 1
        if count == 3:
            cancel.cancel()
    assert count == 3


@pytest.mark.skipif(importlib.util.find_spec("bitsandbytes") is None, reason="needs bitsandbytes")
def test_four_bit_loading_when_asked(runtime: ModelRuntime, tiny_llama: Path) -> None:
    info = runtime.load(ModelSpec(path=tiny_llama, quantization="4bit"))

    assert info.quantization == "4bit"
    assert list(runtime.stream(MESSAGES, max_new_tokens=8))


def test_native_bf16_matches_the_card_capability() -> None:
    major, _minor = torch.cuda.get_device_capability()
    assert native_bf16("cuda") == (major >= 8)
