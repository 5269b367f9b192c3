"""Running Pagefold as a separate process and killing it with SIGKILL at a chosen moment."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.config import TEST_EMBEDDING_MODEL

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def pagefold_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PAGEFOLD_HOME=str(home),
        PAGEFOLD_EMBEDDING_MODEL=TEST_EMBEDDING_MODEL,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        PYTHONUNBUFFERED="1",
    )
    env.pop("PAGEFOLD_MODEL", None)
    env.update(extra)
    return env


@dataclass
class Run:
    killed: bool  # False: it finished before the kill came
    seconds: float
    returncode: int
    log: str  # stdout and stderr
    stdout: str = ""


def run_until(
    args: Sequence[str],
    env: dict[str, str],
    log: Path,
    ready: Callable[[], bool],
    delay_s: float,
    timeout_s: float = 300,
) -> Run:
    """Start ``python args``; once ``ready()`` is true, wait ``delay_s`` and SIGKILL it."""
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([PYTHON, *args], cwd=REPO, env=env, stdout=out, stderr=out)
        try:
            while proc.poll() is None and not ready():
                if time.monotonic() - started > timeout_s:
                    raise TimeoutError(f"{args} never became ready; see {log}")
                time.sleep(0.02)
            deadline = time.monotonic() + delay_s
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            killed = proc.poll() is None
            if killed:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    return Run(killed, round(time.monotonic() - started, 2), proc.returncode, log.read_text())


def run_to_end(args: Sequence[str], env: dict[str, str], timeout_s: float = 600) -> Run:
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout_s
    )
    seconds = round(time.monotonic() - started, 2)
    return Run(False, seconds, done.returncode, done.stdout + done.stderr, done.stdout)


def check_store(home: Path, collection: str, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    """A fresh process opens the data folder, as the app does after a crash."""
    done = run_to_end(["-m", "tests.robustness.drivers.check_store", str(home), collection], env)
    if done.returncode != 0:
        raise AssertionError(f"the data folder could not be reopened after a kill:\n{done.log}")
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    assert lines, done.log
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def sqlite_count(path: Path, sql: str) -> int:
    """A read-only peek at a database another process is writing (0 while it does not exist)."""
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(db.execute(sql).fetchone()[0] or 0)
        finally:
            db.close()
    except sqlite3.Error:
        return 0
