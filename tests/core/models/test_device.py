"""Model specs from paths, and the load plan: device, precision, when to quantize."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import ModelError
from app.core.models import device
from app.core.models.device import LoadPlan, estimate_parameters, plan_load
from app.core.models.spec import ModelSpec, spec_from_path

GIB = 1024**3


def test_spec_from_a_folder_a_gguf_file_and_a_folder_holding_one_gguf(tmp_path: Path) -> None:
    folder = tmp_path / "qwen"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    gguf_dir = tmp_path / "gguf"
    gguf_dir.mkdir()
    (gguf_dir / "model-Q4.gguf").write_bytes(b"GGUF")

    assert spec_from_path(folder) == ModelSpec(path=folder, name="qwen")
    direct = spec_from_path(gguf_dir / "model-Q4.gguf")
    assert (direct.path, direct.gguf_file, direct.name) == (gguf_dir, "model-Q4.gguf", "model-Q4")
    assert spec_from_path(gguf_dir).gguf_file == "model-Q4.gguf"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["a.gguf", "b.gguf"], "several GGUF files"),
        (["notes.txt"], "no config.json and no .gguf"),
    ],
)
def test_spec_from_path_explains_what_is_wrong(
    tmp_path: Path, files: list[str], message: str
) -> None:
    for name in files:
        (tmp_path / name).write_text("x")
    with pytest.raises(ModelError, match=message):
        spec_from_path(tmp_path)


def test_spec_refuses_a_missing_path_and_a_non_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="No model at"):
        spec_from_path(tmp_path / "missing")
    (tmp_path / "weights.bin").write_bytes(b"x")
    with pytest.raises(ModelError, match="not a model Pagefold can load"):
        spec_from_path(tmp_path / "weights.bin")


def test_cpu_plan_is_full_precision_and_explains_a_quantization_request(tiny_llama: Path) -> None:
    plan = plan_load(ModelSpec(path=tiny_llama, quantization="8bit", device="cpu"))

    assert (plan.device, plan.dtype, plan.quantization) == ("cpu", "float32", "none")
    assert plan.warnings and "NVIDIA GPU" in plan.warnings[0]


def test_parameter_count_comes_from_the_safetensors_header(tiny_llama: Path) -> None:
    from safetensors import safe_open

    with safe_open(str(tiny_llama / "model.safetensors"), framework="pt") as f:
        expected = sum(f.get_tensor(k).numel() for k in f.keys())  # noqa: SIM118

    assert estimate_parameters(ModelSpec(path=tiny_llama)) == expected


@pytest.mark.parametrize(
    ("free_gib", "expected", "warns"),
    [(24, "none", False), (10, "4bit", True), (6, "4bit", True), (3, "4bit", True)],
)
def test_auto_quantization_picks_the_fastest_precision_that_fits(
    monkeypatch: pytest.MonkeyPatch, free_gib: int, expected: str, warns: bool
) -> None:
    monkeypatch.setattr(device, "free_vram_bytes", lambda: free_gib * GIB)
    warnings: list[str] = []

    # a 7B model: 10 GiB holds 8-bit too, but nf4 4-bit decodes faster than LLM.int8
    choice = device._auto_quantization(7_000_000_000, warnings)

    assert choice == expected
    assert bool(warnings) == warns


def test_quantization_without_bitsandbytes_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(device.importlib.util, "find_spec", lambda name: None)

    with pytest.raises(ModelError, match="bitsandbytes"):
        device._require_bitsandbytes(LoadPlan(device="cuda", dtype="bfloat16", quantization="4bit"))


def test_unavailable_device_is_refused() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ModelError, match="No CUDA GPU"):
        device.resolve_device("cuda")
    assert device.resolve_device("auto") in ("mps", "cpu")
