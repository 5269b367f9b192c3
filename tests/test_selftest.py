"""``pagefold --self-test``: the check an installed build runs on itself (app/selftest.py).

Runs in-process against the source tree; packaging/ci_selftest.sh runs the same code frozen
and installed from the .deb.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from app.selftest import run_self_test


@pytest.mark.slow
def test_self_test_passes_with_the_real_model(
    smollm2_gguf: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    code = run_self_test(model=str(smollm2_gguf))
    out = capsys.readouterr().out
    assert code == 0, out
    for step in ("network-guard", "ingest", "search-en", "search-ko", "model", "answer"):
        assert f"ok {step} (" in out, out
    assert "FAIL" not in out


@pytest.mark.slow
def test_self_test_gives_the_sockets_back(capsys: pytest.CaptureFixture[str], qapp: object) -> None:
    """In-process callers (this suite) get real sockets again: the guard is the app's, not
    the test's, and must not outlive the self-test that installed it."""
    from app.core.privacy import netguard

    real_connect = socket.socket.connect
    code = run_self_test(model=None)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ok network-guard (" in out
    assert re.search(r"^device: (cpu|cuda|mps) \(", out, re.MULTILINE), out  # where it ran
    assert not netguard.installed()
    assert socket.socket.connect is real_connect


@pytest.mark.slow
def test_self_test_names_the_step_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a model")
    code = run_self_test(model=str(broken))
    out = capsys.readouterr().out
    assert code == 1
    assert "ok ingest (" in out  # the steps before the model still ran
    assert "FAIL model: " in out
    assert "self-test failed" in out
