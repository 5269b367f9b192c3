"""``pagefold --self-test``: the check an installed build runs on itself (app/selftest.py).

Runs in-process against the source tree; packaging/ci_selftest.sh runs the same code frozen
and installed from the .deb.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.selftest import NetworkRefused, refuse_outbound_network, run_self_test


def test_network_guard_refuses_the_internet_but_not_loopback() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    try:
        with refuse_outbound_network():
            with pytest.raises(NetworkRefused):
                socket.create_connection(("192.0.2.1", 443), timeout=1)
            with pytest.raises(NetworkRefused):
                socket.getaddrinfo("huggingface.co", 443)
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        # Put back afterwards: the guard must not leak into the rest of the process.
        assert socket.socket.connect.__qualname__ == "socket.connect"
    finally:
        server.close()


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
