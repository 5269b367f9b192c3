"""``benchmarks/vector_recall.py`` runs end to end (without the evaluation's collections, as on a
fresh clone) and shows what a wider HNSW search buys on its worst case, random vectors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.benchmarks.scripts import load_script


@pytest.mark.slow
def test_a_wider_search_finds_more_of_the_true_nearest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = load_script("vector_recall", monkeypatch)
    monkeypatch.setattr(module, "CACHE", tmp_path)  # no evaluation collections built

    module.main(["--size", "3000", "--ef", "100", "400"])

    out = capsys.readouterr().out
    assert "evalset-ko: not built" in out
    recall = {
        int(ef): float(r) for ef, r in re.findall(r"random, 3000 vectors\s+(\d+)\s+([\d.]+)", out)
    }
    assert recall[400] > recall[100] + 0.1, out
