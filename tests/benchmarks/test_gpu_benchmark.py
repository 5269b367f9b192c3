"""``benchmarks/gpu.py`` runs end to end at a tiny shape on the CPU and writes its reports."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_cpu_mode_writes_json_and_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("gpu_bench", ROOT / "benchmarks" / "gpu.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "gpu_bench", module)  # dataclasses look it up there
    spec.loader.exec_module(module)

    code = module.main(["--cpu", "--tiny", "--repeat", "1", "--out", str(tmp_path)])

    result = json.loads((tmp_path / "gpu.json").read_text())
    assert code == 0 and result["card"] == "CPU"
    (row,) = result["rows"]
    assert row["shape"] == "tiny" and row["prompt_tokens"] > 40
    assert row["pipeline_decode_tps"] > 0 and row["bare_decode_tps"] > 0
    assert result["embedding_passages_per_s"]["cpu"] > 0
    assert "| tiny | 16bit (float32) |" in (tmp_path / "gpu.md").read_text()
