"""Issue 7, item 2: ``pagefold ingest`` killed with SIGKILL at random points, many times.

Each round starts the real CLI (``python -m app ingest``, real Chroma on disk, MiniLM) on the
same folder, kills it at a seeded random moment (most during indexing, some anywhere from
start-up on), then a fresh process reopens the data folder as the app would and checks:

- at the moment of the kill: both SQLite files whole, no document marked indexed without all of
  its vectors;
- after ``recover()``: catalog and Chroma agree exactly (no orphan or missing vector, no
  duplicate chunk, nothing left half-indexed), and every document indexed before is still there.

Every fourth round changes an indexed file and kills a ``collections refresh`` instead, so a
re-index of a changed document is interrupted too. A final uninterrupted run must finish the
job, re-doing only what was not indexed yet. ``PAGEFOLD_KILLS`` (default 8; 40 with
``PAGEFOLD_SOAK=1``) and ``PAGEFOLD_KILL_SEED`` tune the run.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import pytest

from tests.core.documents.pdfmaker import make_korean_pdf, make_pdf
from tests.robustness.conftest import RobustnessReport
from tests.robustness.inputs import WORDS
from tests.robustness.kill import check_store, pagefold_env, run_to_end, run_until, sqlite_count
from tests.robustness.probes import env_int

pytestmark = pytest.mark.slow

COLLECTION = "kills"
KILLS = env_int("PAGEFOLD_KILLS", 8, 40)
SEED = int(os.environ.get("PAGEFOLD_KILL_SEED", "7"))


def make_corpus(folder: Path, rng: random.Random) -> Path:
    """About 300 small passages in ten files: several embedding batches per document."""
    folder.mkdir()
    for number in range(8):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(45)) + f" (file {number}, part {part})."
            for part in range(32)
        ]
        suffix = ".md" if number % 4 == 3 else ".txt"
        (folder / f"notes-{number}{suffix}").write_text("\n\n".join(paragraphs), "utf-8")
    make_pdf(folder / "manual.pdf", [f"Chapter {n}: " + " ".join(WORDS) * 3 for n in range(5)])
    make_korean_pdf(folder / "규정.pdf", ["연차 휴가는 열다섯 일입니다. " * 8] * 3)
    return folder


def settings_file(home: Path) -> None:
    """Small passages, so a kill often lands between two batches of one document."""
    home.mkdir(parents=True, exist_ok=True)
    settings = {"retrieval": {"chunk_tokens": 64, "chunk_overlap": 8, "use_reranker": False}}
    (home / "settings.json").write_text(json.dumps(settings), "utf-8")


def test_ingestion_survives_random_kills(tmp_path: Path, report: RobustnessReport) -> None:
    rng = random.Random(SEED)
    corpus = make_corpus(tmp_path / "corpus", rng)
    home = tmp_path / "home"
    settings_file(home)
    env = pagefold_env(home)
    known: set[str] = set()  # documents seen indexed after some round
    totals = dict.fromkeys(("kills", "survived", "mid-document", "finished", "redone", "lost"), 0)
    started = time.monotonic()
    try:
        for round_no in range(KILLS):
            state = _one_round(round_no, rng, corpus, home, env, tmp_path, totals, known)
            if state["collection"]:
                known = set(state["after"]["indexed"])
        final = run_to_end(["-m", "app", "ingest", "--quiet", COLLECTION, str(corpus)], env)
        state = check_store(home, COLLECTION, env)
    finally:
        report.add(
            "Kill -9 during ingestion (pagefold ingest / refresh)",
            kills=totals["kills"],
            survived=totals["survived"],
            **{
                "killed mid-document": totals["mid-document"],
                "rounds that finished first": totals["finished"],
                "documents rolled back and redone": totals["redone"],
                "data lost": totals["lost"],
                "seed": SEED,
                "minutes": round((time.monotonic() - started) / 60, 1),
            },
        )
    assert final.returncode == 0, final.log
    assert len(state["after"]["indexed"]) == len(list(corpus.iterdir())), state
    assert state["consistency"]["orphan_vectors"] == state["consistency"]["missing_vectors"] == 0
    unchanged = re.search(r"(\d+) unchanged", final.log)
    assert (int(unchanged.group(1)) if unchanged else 0) == len(known), final.log  # resumed


def _one_round(
    round_no: int,
    rng: random.Random,
    corpus: Path,
    home: Path,
    env: dict[str, str],
    logs: Path,
    totals: dict[str, int],
    known: set[str],
) -> dict:  # type: ignore[type-arg]
    """Start, kill, reopen, check; returns the checker's findings."""
    changed = _change_a_file(corpus, rng) if round_no % 4 == 3 and known else None
    args = ["-m", "app", "ingest", "--quiet", COLLECTION, str(corpus)]
    if changed is not None:
        args = ["-m", "app", "collections", "refresh", COLLECTION]
    early = rng.random() < 0.25
    since = time.time()

    def busy() -> bool:
        sql = f"SELECT COUNT(*) FROM documents WHERE updated_at > {since}"
        return sqlite_count(home / "catalog.sqlite3", sql) > 0

    run = run_until(
        args,
        env,
        logs / f"round-{round_no}.log",
        ready=(lambda: True) if early else busy,
        delay_s=rng.uniform(0.5, 10.0) if early else rng.uniform(0.0, 2.0),
    )
    totals["kills"] += run.killed
    totals["finished"] += not run.killed
    state = check_store(home, COLLECTION, env)
    if state["collection"]:
        totals["mid-document"] += state["before"]["states"].get("indexing", 0) > 0
        totals["redone"] += state["recovered"]["redone"]
        lost = (known - {changed}) - set(state["after"]["indexed"])
        totals["lost"] += len(lost)
        _check_round(state, lost, run.log)
    totals["survived"] += run.killed
    return state


def _check_round(state: dict, lost: set[str], log: str) -> None:  # type: ignore[type-arg]
    before, after = state["before"], state["after"]
    assert state["catalog_ok"] and state["chroma_sqlite_ok"] and state["catalog_ok_after"], state
    assert before["indexed_without_vectors"] == [], f"indexed without vectors at the kill: {state}"
    assert after["indexed_without_vectors"] == [] and after["duplicate_chunks"] == 0, state
    assert state["consistency"]["orphan_vectors"] == 0, state
    assert state["consistency"]["missing_vectors"] == 0, state
    assert not {"indexing", "removing"} & set(after["states"]), state
    assert not lost, f"documents indexed before this kill are gone: {lost}\n{log}"


def _change_a_file(corpus: Path, rng: random.Random) -> str:
    """Append to one text file, so the next refresh re-indexes a document that was indexed."""
    path = rng.choice(sorted(corpus.glob("notes-*")))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n\n" + " ".join(rng.choice(WORDS) for _ in range(60)) + " (changed).")
    later = time.time() + 2
    os.utime(path, (later, later))
    return str(path)
