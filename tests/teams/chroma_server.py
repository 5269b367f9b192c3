"""A real Chroma server (``chroma run``, from the chromadb package) on 127.0.0.1 for tests.

Started on a free port with a temporary data path; ``kill`` is a SIGKILL (a crash, not a
shutdown) and ``start`` again brings the same data back on the same port, which is how the
tests take the server away mid-ingest and return it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CHROMA_CLI = Path(sys.executable).parent / "chroma"
START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def require_chroma_cli() -> Path:
    if not CHROMA_CLI.exists():
        pytest.skip(
            f"no Chroma server to test against: the `chroma` command of the chromadb package "
            f"is not installed next to this Python ({CHROMA_CLI})"
        )
    return CHROMA_CLI


class ChromaServer:
    """One ``chroma run`` process; its data survives ``kill``/``start``."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.log = path.parent / f"chroma-{self.port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> ChromaServer:
        cli = require_chroma_cli()
        self.path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "NO_COLOR": "1"}
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    str(cli),
                    "run",
                    "--path",
                    str(self.path),
                    "--host",
                    self.host,
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        self._wait_for_heartbeat()
        return self

    def kill(self) -> None:
        """SIGKILL to the whole process group: the server vanishes mid-request."""
        if self._process is None:
            return
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)
        self._process = None

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=10)
        self._process = None

    def _wait_for_heartbeat(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"chroma run exited early:\n{self._tail()}")
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(
            f"chroma run gave no heartbeat in {START_TIMEOUT_S:.0f} s:\n{self._tail()}"
        )

    def _tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"
