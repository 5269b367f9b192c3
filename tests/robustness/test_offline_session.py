"""Issue 7, item 3: a whole session with the network shut makes no connection attempt at all.

Start (ingest, search, answer with the real SmolLM2) and restart (search, follow-up answer) run
as two fresh processes (``drivers/offline_session.py``), each watched three ways:

1. Pagefold's guard in strict offline mode: a refused attempt lands in ``logs/network.log``;
2. an audit hook on the interpreter's socket events (connect, sendto, name lookups);
3. ``strace`` on the whole process tree, which also sees native code (Chroma's Rust core,
   tokenizers, torch) opening sockets; skipped with a reason where ptrace is not allowed.

A probe run first proves each detector does see an attempt, so this test can fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.core.privacy.netguard import is_local
from app.core.privacy.netlog import read_network_log
from app.core.storage.layout import DataLayout
from tests.robustness.conftest import RobustnessReport
from tests.robustness.kill import PYTHON, REPO, pagefold_env
from tests.robustness.test_crash_answer import make_corpus

pytestmark = pytest.mark.slow

SECTION = "Offline guarantee (network shut, strict guard)"
_STRACE_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6,\s*"([^"]+)"\)')


def strace_command(trace: Path) -> list[str] | None:
    """``strace`` watching every socket call of the process and its children, if usable here."""
    tool = shutil.which("strace")
    if tool is None:
        return None
    for fast in (["--seccomp-bpf"], []):
        command = [tool, "-f", "-qq", *fast, "-e", "trace=connect,sendto,sendmsg", "-o", str(trace)]
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return command
    return None


def strace_outbound(trace: Path) -> list[str]:
    """Lines of an strace log whose address is not this machine."""
    if not trace.exists():
        return []
    found = []
    for line in trace.read_text(errors="replace").splitlines():
        for v4, v6 in _STRACE_ADDRESS.findall(line):
            if not is_local(v4 or v6):
                found.append(line.strip())
    return found


def run_phase(phase: str, home: Path, tmp: Path, *extra: str) -> dict[str, Any]:
    trace = tmp / f"strace-{phase}.txt"
    prefix = strace_command(trace) or []
    done = subprocess.run(
        [*prefix, PYTHON, "-m", "tests.robustness.drivers.offline_session", phase, *extra],
        cwd=REPO,
        env=pagefold_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    result["strace"] = strace_outbound(trace) if prefix else None
    result["refused"] = [e for e in read_network_log(DataLayout(home)) if not e.allowed]
    return result


def test_the_detectors_see_an_attempt(tmp_path: Path, report: RobustnessReport) -> None:
    home = tmp_path / "probe"
    probe = run_phase("probe", home, tmp_path)
    report.add(SECTION, phase="probe (deliberate 203.0.113.1:9)", **_counts(probe))
    assert "refused to connect to 203.0.113.1:9" in probe["guard"]
    assert [e.host for e in probe["refused"]] == ["203.0.113.1"]
    assert probe["audited_outbound"] == ["socket.connect '203.0.113.1':9"]
    if probe["strace"] is not None:
        assert any("203.0.113.1" in line for line in probe["strace"]), probe["strace"]


def test_a_whole_session_makes_no_connection_attempt(
    tmp_path: Path, smollm2_gguf: Path, report: RobustnessReport
) -> None:
    home = tmp_path / "home"
    docs = make_corpus(tmp_path / "docs")
    start = run_phase("start", home, tmp_path, str(docs), str(smollm2_gguf))
    report.add(SECTION, phase="start: ingest, search, answer (SmolLM2)", **_counts(start))
    restart = run_phase("restart", home, tmp_path, str(docs), str(smollm2_gguf))
    report.add(SECTION, phase="restart: search, follow-up answer", **_counts(restart))
    if start["strace"] is None:
        report.add(
            SECTION,
            phase="strace",
            result="not available here (no ptrace): "
            "the guard and the audit hook still watched every Python socket",
        )
    for phase in (start, restart):
        assert phase["refused"] == [], phase["refused"]
        assert phase["audited_outbound"] == [], phase["audited_outbound"]
        assert not phase["strace"], phase["strace"]
        assert phase["hits"] > 0 and phase["sources"] > 0
    assert start["indexed"] == 2
    assert restart["conversation"] == start["conversation"]
    assert restart["messages"] == ["user", "assistant", "user", "assistant"]


def _counts(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "refused by the guard": len(result["refused"]),
        "seen by the audit hook": len(result["audited_outbound"]),
        "seen by strace": "n/a" if result["strace"] is None else len(result["strace"]),
    }
