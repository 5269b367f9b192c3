"""The runtime on a tiny random Llama: loading, chat template, streaming, stopping, unloading."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.errors import ModelError
from app.core.models.runtime import ModelRuntime, get_runtime
from app.core.models.spec import ModelSpec, spec_from_path

MESSAGES = [
    {"role": "system", "content": "Answer from the sources."},
    {"role": "user", "content": "What is the capital of Korea?"},
]


def test_load_reports_device_precision_and_context(runtime: ModelRuntime, tiny_llama: Path) -> None:
    info = runtime.load(spec_from_path(tiny_llama))

    assert runtime.loaded
    assert info.device == "cpu"
    assert info.dtype == "float32"
    assert info.quantization == "none"
    assert info.context_length == 512  # max_position_embeddings of the fixture config
    assert info.memory_bytes > 0
    assert info.parameters and info.parameters > 10_000


def test_quantization_request_on_cpu_falls_back_with_a_warning(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    info = runtime.load(ModelSpec(path=tiny_llama, quantization="4bit"))

    assert info.quantization == "none"
    assert any("4bit" in w and "full precision" in w for w in info.warnings)


def test_render_chat_uses_the_tokenizers_template(runtime: ModelRuntime, tiny_llama: Path) -> None:
    runtime.load(spec_from_path(tiny_llama))

    prompt = runtime.render_chat(MESSAGES)

    assert prompt.startswith("<|im_start|>system\nAnswer from the sources.<|im_end|>")
    assert prompt.endswith("<|im_start|>assistant\n")
    assert runtime.count_tokens(prompt) > runtime.count_tokens("What is the capital of Korea?")


def test_stream_yields_text_and_respects_max_new_tokens(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    runtime.load(spec_from_path(tiny_llama))

    pieces = list(runtime.stream(MESSAGES, max_new_tokens=12, temperature=0.0))

    assert pieces and all(isinstance(p, str) and p for p in pieces)
    assert 0 < runtime.count_tokens("".join(pieces)) <= 12 + 2  # re-tokenising may merge/split
    assert not runtime.busy


def test_stop_ends_the_stream_within_200_ms(runtime: ModelRuntime, tiny_llama: Path) -> None:
    runtime.load(spec_from_path(tiny_llama))
    cancel = CancelToken()
    received: list[str] = []
    stopped_at: list[float] = []

    stream = runtime.stream(MESSAGES, max_new_tokens=400, temperature=0.8, cancel=cancel)
    for piece in stream:
        received.append(piece)
        if len(received) == 3:
            timer = threading.Timer(
                0.02, lambda: (stopped_at.append(time.perf_counter()), cancel.cancel())
            )
            timer.start()
    ended = time.perf_counter()

    assert stopped_at, "the stream ended before the stop was requested"
    assert ended - stopped_at[0] < 0.2
    deadline = time.perf_counter() + 2
    while runtime.busy and time.perf_counter() < deadline:
        time.sleep(0.01)
    assert not runtime.busy  # the worker thread left generate() too


def test_abandoning_a_stream_frees_the_model_for_the_next_question(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    runtime.load(spec_from_path(tiny_llama))
    stream = runtime.stream(MESSAGES, max_new_tokens=300)
    next(iter(stream))
    stream.close()  # e.g. the window closed the chat tab

    again = list(runtime.stream(MESSAGES, max_new_tokens=4))

    assert again


def test_prompt_longer_than_the_window_is_a_clear_error(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    runtime.load(spec_from_path(tiny_llama))
    huge = [{"role": "user", "content": "word " * 2000}]

    with pytest.raises(ModelError, match="context window"):
        list(runtime.stream(huge, max_new_tokens=8))


def test_unload_frees_the_model_and_stops_generation(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    runtime.load(spec_from_path(tiny_llama))
    stream = runtime.stream(MESSAGES, max_new_tokens=400, temperature=0.8)
    next(iter(stream))

    runtime.unload()

    assert not runtime.loaded and runtime.info is None
    assert list(stream) is not None  # the consumer sees the end, not a hang
    with pytest.raises(ModelError, match="No language model"):
        runtime.count_tokens("hello")


def test_pickle_only_folder_is_refused(
    runtime: ModelRuntime, tiny_llama: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_llama, folder)
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")

    with pytest.raises(ModelError, match="pickle"):
        runtime.load(spec_from_path(folder))
    assert not runtime.loaded


def test_get_runtime_is_one_instance_per_process() -> None:
    assert get_runtime() is get_runtime()


def test_out_of_memory_while_generating_is_explained(
    runtime: ModelRuntime, tiny_llama: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    runtime.load(spec_from_path(tiny_llama))

    def out_of_memory(**_: object) -> None:
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(runtime._model, "generate", out_of_memory)
    with pytest.raises(ModelError, match=r"ran out of memory.*8-bit or 4-bit"):
        list(runtime.stream(MESSAGES, max_new_tokens=8))
    assert not runtime.busy
    monkeypatch.undo()
    assert list(runtime.stream(MESSAGES, max_new_tokens=4))  # still usable


def test_lora_adapter_changes_the_model_and_is_reported(
    runtime: ModelRuntime, tiny_llama: Path, tmp_path: Path
) -> None:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(tiny_llama)
    lora = get_peft_model(
        base, LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    )
    lora.save_pretrained(tmp_path / "adapter")
    probe = torch.tensor([[1, 5, 9, 12]])
    runtime.load(spec_from_path(tiny_llama))
    plain = runtime._model(probe).logits

    info = runtime.load(ModelSpec(path=tiny_llama, adapter=tmp_path / "adapter"))

    assert info.adapter == str(tmp_path / "adapter")
    assert not torch.allclose(runtime._model(probe).logits, plain)
    assert not hasattr(runtime._model, "peft_config")  # merged: decoding pays nothing extra


def test_stop_during_a_slow_prefill_frees_the_model_within_one_layer(
    runtime: ModelRuntime, tiny_llama: Path
) -> None:
    """Layers made slow (0.3 s each) stand in for a big prompt on a CPU."""
    runtime.load(spec_from_path(tiny_llama))
    layers = [m for m in runtime._model.modules() if type(m).__name__ == "LlamaDecoderLayer"]
    entered = threading.Event()

    def slow_layer(_module: object, _args: object) -> None:
        entered.set()
        time.sleep(0.3)

    handles = [layer.register_forward_pre_hook(slow_layer) for layer in layers]
    cancel = CancelToken()
    consumer = threading.Thread(target=lambda: list(runtime.stream(MESSAGES, 50, cancel=cancel)))
    consumer.start()
    assert entered.wait(10)
    cancel.cancel()
    requested = time.perf_counter()
    consumer.join(5)
    consumer_s = time.perf_counter() - requested
    while runtime.busy and time.perf_counter() - requested < 5:
        time.sleep(0.005)
    worker_s = time.perf_counter() - requested
    for handle in handles:
        handle.remove()

    assert consumer_s < 0.2
    assert worker_s < 0.5  # the rest of one layer, not the rest of the forward pass (0.6 s)
