"""The probe cache: hardware answers survive the process, and a changed machine asks again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.models import probes
from app.core.models.hardware import detect_hardware


@pytest.fixture(autouse=True)
def fresh() -> None:
    probes.forget()
    detect_hardware.cache_clear()


def test_an_answer_is_computed_once_and_read_back_later() -> None:
    calls: list[int] = []

    def ask() -> bool:
        calls.append(1)
        return True

    assert probes.cached("answer", ask) is True
    probes.forget()  # as a new process would
    assert probes.cached("answer", ask) is True
    assert calls == [1]
    stored = json.loads(probes.cache_file().read_text())
    assert stored["probes"]["answer"] is True and stored["machine"] == probes.machine_key()
    assert probes.cache_file().parent == Path(os.environ["PAGEFOLD_HOME"]) / "cache"


def test_another_machine_asks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    probes.cached("answer", lambda: 1)
    probes.forget()
    monkeypatch.setattr(probes, "machine_key", lambda: "a-new-gpu")
    assert probes.cached("answer", lambda: 2) == 2


def test_a_broken_cache_file_is_asked_again() -> None:
    probes.cache_file().parent.mkdir(parents=True, exist_ok=True)
    probes.cache_file().write_text("{not json")
    assert probes.cached("answer", lambda: 3) == 3


def test_detect_hardware_from_the_cache_needs_no_torch_import() -> None:
    """A second process answers ``detect_hardware`` without importing torch at all."""
    first = detect_hardware()
    code = (
        "import sys; from app.core.models.hardware import detect_hardware; "
        "hw = detect_hardware(); print(hw.backend, hw.ram_bytes, 'torch' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={
            "PAGEFOLD_HOME": os.environ["PAGEFOLD_HOME"],
            "PYTHONPATH": str(root),
            "PATH": "/usr/bin:/bin",
        },
    ).stdout.split()
    assert out == [first.backend, str(first.ram_bytes), "False"]
