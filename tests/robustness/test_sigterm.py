"""SIGTERM during an ingest: the current batch finishes, the report is printed, exit 143.

Issue 19: ``kill PID`` ended an ingest with no report. A real ``pagefold ingest`` process (real
MiniLM, Chroma on disk) gets SIGTERM once a document is indexed; it must print which files were
indexed, exit 143, leave catalog and vectors in agreement, and a second run must finish the rest.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.robustness.conftest import RobustnessReport
from tests.robustness.kill import PYTHON, REPO, check_store, pagefold_env, sqlite_count

pytestmark = pytest.mark.slow

COLLECTION = "termed"
WORDS = [
    "harbour",
    "ledger",
    "river",
    "museum",
    "budget",
    "audit",
    "festival",
    "warranty",
    "contract",
    "shipment",
]


def _corpus(folder: Path, files: int = 16) -> Path:
    folder.mkdir()
    for n in range(files):
        words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(900)]
        body = " ".join(f"{w}{i % 97}" for i, w in enumerate(words))
        (folder / f"notes-{n:02d}.txt").write_text(f"Notes {n}. {body}.\n", "utf-8")
    return folder


def test_sigterm_finishes_the_batch_prints_the_report_and_exits_143(
    tmp_path: Path, report: RobustnessReport
) -> None:
    if not hasattr(signal, "SIGTERM") or os.name != "posix":
        pytest.skip("POSIX signals")
    home = tmp_path / "home"
    home.mkdir()
    settings = {"retrieval": {"chunk_tokens": 64, "chunk_overlap": 8, "use_reranker": False}}
    (home / "settings.json").write_text(json.dumps(settings), "utf-8")
    corpus = _corpus(tmp_path / "corpus")
    env = pagefold_env(home)
    args = [PYTHON, "-m", "app", "ingest", "--quiet", COLLECTION, str(corpus)]
    indexed_sql = "SELECT COUNT(*) FROM documents WHERE status='indexed'"
    proc = subprocess.Popen(
        args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and sqlite_count(home / "catalog.sqlite3", indexed_sql) < 1:
            assert time.monotonic() < deadline, "no document was ever indexed"
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before SIGTERM: make the corpus bigger"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, (proc.returncode, out, err)
    assert "Traceback" not in err, err
    printed = [line.split()[1] for line in out.splitlines() if line.strip().startswith("indexed")]
    assert printed, f"the report lists no indexed file:\n{out}"
    assert f"{COLLECTION}: " in out and "cancelled" in out, out
    assert "Stopped by a signal" in err
    state = check_store(home, COLLECTION, env)
    assert state["consistency"]["orphan_vectors"] == state["consistency"]["missing_vectors"] == 0
    kept = set(state["after"]["indexed"])
    assert set(printed) <= kept, "a file the report called indexed is not in the store"
    again = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    final = check_store(home, COLLECTION, env)
    assert len(final["after"]["indexed"]) == 16
    lost = len(set(printed) - set(final["after"]["indexed"]))
    report.add(
        "Kill -TERM during ingestion (pagefold ingest)",
        kills=1,
        survived=1,
        **{"exit code": proc.returncode, "files in report": len(printed), "data lost": lost},
    )
