"""``benchmarks/vector_recall.py`` runs end to end (without the evaluation's collections, as on a
fresh clone) and shows what a wider HNSW search buys on its worst case, random vectors."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_wider_search_finds_more_of_the_true_nearest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = importlib.util.spec_from_file_location(
        "vector_recall", ROOT / "benchmarks" / "vector_recall.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "vector_recall", module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CACHE", tmp_path)  # no evaluation collections built

    module.main(["--size", "3000", "--ef", "100", "400"])

    out = capsys.readouterr().out
    assert "evalset-ko: not built" in out
    recall = {
        int(ef): float(r) for ef, r in re.findall(r"random, 3000 vectors\s+(\d+)\s+([\d.]+)", out)
    }
    assert recall[400] > recall[100] + 0.1, out
