"""Fitting catalog models to simulated machines: the pick must be what an expert would choose."""

from __future__ import annotations

import pytest

from app.core.models.catalog import CatalogEntry, find_entry, load_catalog
from app.core.models.hardware import (
    GIB,
    Hardware,
    detect_hardware,
    fit,
    fit_at,
    next_smaller,
    oom_message,
    recommend,
)

CATALOG = load_catalog()


def cuda(gb: int, bnb: bool = True, capability: tuple[int, int] = (8, 6)) -> Hardware:
    return Hardware(f"NVIDIA {gb} GB", gb * GIB, "cuda", 32 * GIB, capability, bitsandbytes=bnb)


CPU_16 = Hardware(None, 0, "cpu", 16 * GIB)
MAC_16 = Hardware("Apple M2", 16 * GIB, "mps", 16 * GIB)


def top(hw: Hardware, kind: str = "llm") -> tuple[str, str]:
    best = recommend(hw, CATALOG, kind)[0]
    assert best.fits, best.reason
    return best.entry.id, best.precision


def entry(key: str) -> CatalogEntry:
    return find_entry(CATALOG, key)


@pytest.mark.parametrize(
    ("hw", "expected"),
    [
        # float32 on a CPU: the 2.1B needs 10.7 GB, more than 60% of 16 GiB; the 1.5B fits
        (CPU_16, ("qwen2.5-1.5b-instruct", "cpu")),
        (cuda(6), ("kanana-1.5-2.1b-instruct", "4bit")),  # nf4 decodes faster than int8
        (cuda(8), ("kanana-1.5-8b-instruct", "4bit")),  # an 8B at 4-bit beats a 2B at bf16
        (cuda(12), ("qwen2.5-14b-instruct", "4bit")),
        (cuda(24), ("qwen2.5-14b-instruct", "4bit")),  # bf16 (35 GB) does not fit
        (MAC_16, ("kanana-1.5-2.1b-instruct", "bf16")),  # no 8/4-bit on Apple silicon
    ],
    ids=["cpu-16GB", "cuda-6GB", "cuda-8GB", "cuda-12GB", "cuda-24GB", "apple-16GB"],
)
def test_recommended_model_and_precision(hw: Hardware, expected: tuple[str, str]) -> None:
    assert top(hw) == expected


def test_every_recommendation_leaves_headroom_and_is_open_licensed() -> None:
    for hw in (CPU_16, cuda(6), cuda(8), cuda(12), cuda(24), MAC_16):
        best = recommend(hw, CATALOG)[0]
        assert best.need_gb <= best.budget_gb
        assert best.entry.commercial_use and not best.entry.gated and best.entry.speaks_korean


def test_bigger_gpu_never_gets_a_smaller_model() -> None:
    sizes = [entry(top(cuda(gb))[0]).params_b for gb in (4, 6, 8, 12, 16, 24, 48)]
    assert sizes == sorted(sizes)


def test_without_bitsandbytes_only_16_bit_is_offered() -> None:
    assert top(cuda(8, bnb=False)) == ("kanana-1.5-2.1b-instruct", "bf16")
    refused = fit_at(entry("qwen2.5-7b-instruct"), cuda(8, bnb=False), "4bit")
    assert not refused.fits and "bitsandbytes" in refused.reason


def test_ranking_is_fits_first_then_open_licences() -> None:
    ranked = recommend(cuda(6), CATALOG)
    flags = [f.fits for f in ranked]
    assert flags == sorted(flags, reverse=True)
    fitting = [f for f in ranked if f.fits and f.on_gpu and f.entry.recommended]
    opened = [f.entry.open_licence for f in fitting]
    assert opened == sorted(opened, reverse=True)  # non-commercial ones after the open ones
    assert "does not fit" in ranked[-1].reason and "GB" in ranked[-1].reason


def test_model_too_big_for_the_gpu_falls_back_to_the_cpu() -> None:
    small_gpu = Hardware("GT 1030", 2 * GIB, "cuda", 32 * GIB, (6, 1), bitsandbytes=True)
    result = fit(entry("qwen2.5-3b-instruct"), small_gpu)
    assert result.fits and result.precision == "cpu" and "CPU instead" in result.reason
    assert not fit(entry("qwen2.5-14b-instruct"), small_gpu).fits


def test_big_models_on_a_cpu_fit_but_are_marked_slow_and_ranked_last() -> None:
    big_ram = Hardware(None, 0, "cpu", 64 * GIB)
    result = fit(entry("qwen2.5-7b-instruct"), big_ram)
    assert result.fits and result.slow and "very slow" in result.reason
    ranked = recommend(big_ram, CATALOG)
    assert not ranked[0].slow and ranked[0].entry.params_b <= 4
    slow_positions = [i for i, f in enumerate(ranked) if f.slow]
    assert slow_positions and min(slow_positions) > max(
        i for i, f in enumerate(ranked) if f.fits and not f.slow
    )


def test_old_gpus_run_16_bit_as_fp16() -> None:
    result = fit_at(entry("qwen2.5-1.5b-instruct"), cuda(8, capability=(7, 5)), "bf16")
    assert result.fits and "fp16" in result.reason


def test_gguf_entries_need_16_bit_memory() -> None:
    gguf = entry("qwen2.5-1.5b-instruct-gguf")
    assert fit(gguf, cuda(8)).precision == "bf16"
    assert not fit_at(gguf, cuda(8), "4bit").fits


def test_cpu_fit_counts_float32_weights_twice_the_bf16_bytes() -> None:
    """The CPU loads float32: a 7.6B needs about 36 GB there, not the 18.5 GB of bf16."""
    need = fit_at(entry("qwen2.5-7b-instruct"), Hardware(None, 0, "cpu", 32 * GIB), "cpu")
    bf16 = entry("qwen2.5-7b-instruct").vram_gb["bf16"]
    assert not need.fits and need.need_gb > 1.9 * (bf16 - 1.0)
    assert "needs about 36.0 GB" in need.reason


def test_warn_before_loading_what_does_not_fit() -> None:
    result = fit_at(entry("qwen2.5-7b-instruct"), cuda(8), "bf16")
    assert not result.fits and "needs about 18.5 GB" in result.reason


def test_embedders_and_rerankers_stay_small_on_a_cpu() -> None:
    assert top(CPU_16, "embedding") == ("multilingual-e5-small", "cpu")
    assert top(CPU_16, "reranker")[0] == "mmarco-mminilmv2-l12"
    assert top(cuda(8), "embedding") == ("multilingual-e5-large", "bf16")


def test_out_of_memory_fallbacks() -> None:
    assert [next_smaller(p) for p in ("bf16", "8bit", "4bit", "cpu")] == [
        "4bit",
        "4bit",
        "cpu",
        None,
    ]
    assert next_smaller("bf16", MAC_16) == "cpu"  # Apple silicon has no 8/4-bit
    assert next_smaller("bf16", cuda(8, bnb=False)) == "cpu"
    message = oom_message("Qwen2.5 7B Instruct", "bf16", cuda(8))
    assert "ran out of the 8 GB GPU at 16-bit" in message and "freed" in message
    assert "Try 4-bit" in message
    assert "run on the CPU" in oom_message("Qwen2.5 7B Instruct", "4bit", cuda(8))


def test_detect_hardware_on_this_machine() -> None:
    hw = detect_hardware()
    assert hw.ram_bytes > GIB and hw.backend in ("cuda", "mps", "cpu")
    if hw.backend == "cuda":
        assert hw.vram_bytes > 0 and hw.gpu_name
    assert hw.describe()


def test_detect_hardware_reads_cuda_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CUDA branch, checked with the device properties torch would report (no GPU here)."""
    import importlib.util
    from types import SimpleNamespace

    import torch

    props = SimpleNamespace(name="NVIDIA GeForce RTX 3070", total_memory=8 * GIB, major=8, minor=6)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_properties", lambda index: props)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: object() if name == "bitsandbytes" else real_find_spec(name, *a),
    )
    detect_hardware.cache_clear()
    try:
        hw = detect_hardware()
    finally:
        detect_hardware.cache_clear()
    assert (hw.backend, hw.gpu_name, hw.vram_bytes) == ("cuda", props.name, 8 * GIB)
    assert hw.cuda_capability == (8, 6) and hw.bitsandbytes and hw.bf16_supported
    assert top(hw) == ("kanana-1.5-8b-instruct", "4bit")


def test_detect_hardware_on_apple_silicon(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    monkeypatch.setattr(sys, "platform", "darwin")
    detect_hardware.cache_clear()
    try:
        hw = detect_hardware()
    finally:
        detect_hardware.cache_clear()
    assert hw.backend == "mps" and hw.vram_bytes == hw.ram_bytes and hw.precisions() == ["bf16"]
