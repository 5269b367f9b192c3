"""Defects that show only on a GPU, checked here with fakes of ``torch.cuda`` and ``torch.mps``:
bf16 on pre-Ampere cards, GGUF with bitsandbytes, the context window against the KV cache,
Gemma-2 in fp16 on a Mac, the Metal cache after unloading, and a memory check before loading."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch

from app.core.errors import ModelError
from app.core.models import accel, device, runtime
from app.core.models.device import plan_load
from app.core.models.hardware import Hardware
from app.core.models.spec import ModelSpec
from tests.core.models.modelfiles import make_tiny_gguf

GIB = 1024**3
QWEN_7B = SimpleNamespace(
    num_hidden_layers=28, num_attention_heads=28, num_key_value_heads=4, hidden_size=3584
)


def fake_cuda(
    monkeypatch: pytest.MonkeyPatch, capability: tuple[int, int], free_gib: float
) -> None:
    """A CUDA card whose bf16 check counts emulation, as torch's default does."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda *a: capability)
    monkeypatch.setattr(
        torch.cuda,
        "is_bf16_supported",
        lambda including_emulation=True: including_emulation or capability >= (8, 0),
    )
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda *a: (int(free_gib * GIB), 16 * GIB))
    monkeypatch.setattr(device.importlib.util, "find_spec", lambda name: object())


def fake_mps(monkeypatch: pytest.MonkeyPatch, macos14: bool, left_gib: float = 10) -> list[str]:
    """Apple silicon with ``left_gib`` of Metal working set free; returns the cache calls."""
    calls: list[str] = []
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    monkeypatch.setattr(torch.backends.mps, "is_macos_or_newer", lambda *v: macos14, raising=False)
    fake = SimpleNamespace(
        recommended_max_memory=lambda: int((left_gib + 1) * GIB),
        driver_allocated_memory=lambda: GIB,
        empty_cache=lambda: calls.append("empty_cache"),
    )
    monkeypatch.setattr(torch, "mps", fake)
    return calls


@pytest.mark.parametrize(
    ("capability", "dtype", "card"),
    [((7, 5), "float16", "T4"), ((7, 0), "float16", "V100"), ((8, 0), "bfloat16", "A100")],
)
def test_bf16_only_on_native_cards_and_probe_and_plan_agree(
    monkeypatch: pytest.MonkeyPatch,
    tiny_llama: Path,
    capability: tuple[int, int],
    dtype: str,
    card: str,
) -> None:
    fake_cuda(monkeypatch, capability, free_gib=15)
    plan = plan_load(ModelSpec(path=tiny_llama, quantization="none"))
    hw = Hardware(card, 16 * GIB, "cuda", 32 * GIB, capability, bitsandbytes=True)

    assert plan.dtype == dtype
    assert hw.bf16_supported == (dtype == "bfloat16")


@pytest.mark.parametrize("requested", ["auto", "4bit", "8bit"])
def test_gguf_is_never_given_a_bitsandbytes_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, requested: str
) -> None:
    gguf = make_tiny_gguf(tmp_path / "m.gguf")
    fake_cuda(monkeypatch, (8, 6), free_gib=2)
    monkeypatch.setattr(device, "estimate_parameters", lambda spec: 7_000_000_000)

    plan = plan_load(ModelSpec(path=gguf.parent, gguf_file=gguf.name, quantization=requested))  # type: ignore[arg-type]

    assert plan.quantization == "none"
    assert any("16-bit" in w for w in plan.warnings)  # says why, instead of crashing at load


def test_context_window_is_capped_by_the_memory_left_for_the_kv_cache() -> None:
    assert accel.kv_bytes_per_token(QWEN_7B, "bfloat16") == 57_344  # 28 x 4 x 128 x 2 x 2
    # a 12 GB card with a 7B in 4-bit: about 5 GiB left; 32k tokens need 1.9 GB, so it fits
    assert accel.kv_context_cap(QWEN_7B, "bfloat16", 5 * GIB, 32_768) == 32_768
    # with 1 GiB left: 0.8 GiB / 57,344 bytes = 14,979 tokens, rounded down to 256s
    assert accel.kv_context_cap(QWEN_7B, "bfloat16", GIB, 131_072) == 14_848
    assert accel.kv_context_cap(QWEN_7B, "bfloat16", 0, 32_768) == accel.MIN_CONTEXT


def test_runtime_reports_the_capped_window_and_warns(
    monkeypatch: pytest.MonkeyPatch, runtime: runtime.ModelRuntime, tiny_llama: Path
) -> None:
    config = json.loads((tiny_llama / "config.json").read_text())
    per_token = accel.kv_bytes_per_token(SimpleNamespace(**config), "float32")
    monkeypatch.setattr(accel, "memory_left", lambda dev: int(300 * per_token / accel.KV_SHARE))
    monkeypatch.setattr(accel, "MIN_CONTEXT", 128)

    info = runtime.load(ModelSpec(path=tiny_llama, device="cpu"))

    assert config["max_position_embeddings"] == 512
    assert info.context_length == 256  # 300 tokens fit, in steps of 256
    assert any("limited to 256 tokens" in w and "KV cache" in w for w in info.warnings)


def test_gemma2_on_a_mac_never_runs_in_fp16(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_mps(monkeypatch, macos14=False)
    assert device.default_dtype("mps", "gemma2") == "float32"  # fp16 overflows in Gemma-2
    assert device.default_dtype("mps", "llama") == "float16"
    fake_mps(monkeypatch, macos14=True)
    assert device.default_dtype("mps", "gemma2") == "bfloat16"


def test_mps_memory_is_checked_before_loading(
    monkeypatch: pytest.MonkeyPatch, tiny_llama: Path
) -> None:
    fake_mps(monkeypatch, macos14=True, left_gib=4)
    monkeypatch.setattr(device, "estimate_parameters", lambda spec: 7_000_000_000)

    with pytest.raises(ModelError, match=r"only 4\.0 GiB of this Mac's GPU memory"):
        plan_load(ModelSpec(path=tiny_llama))
    monkeypatch.setattr(device, "estimate_parameters", lambda spec: 1_000_000_000)
    assert plan_load(ModelSpec(path=tiny_llama)).device == "mps"


def test_unloading_on_a_mac_empties_the_metal_cache(
    monkeypatch: pytest.MonkeyPatch, runtime: runtime.ModelRuntime
) -> None:
    calls = fake_mps(monkeypatch, macos14=True)
    runtime.unload()
    assert calls == ["empty_cache"]
