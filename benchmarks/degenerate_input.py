"""Degenerate input, before and after: a 100 KB query and a file of one repeated word.

    PYTHONPATH=. .venv/bin/python benchmarks/degenerate_input.py --baseline ../main

Runs ``pagefold`` from this checkout and from a baseline checkout (the code before the fix) in
the same run, each in a fresh data folder with the same embedder (MiniLM), and prints wall time
and peak resident memory of each command:

- ``search`` with a 100 KB query (issue 19: 58 s and 1.1 GB);
- ``ingest`` of a file of one word repeated (issue 19: 15 MB ran ~45 min), then the same file
  into a second collection (what a re-ingest costs).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parents[1]


def run(checkout: Path, home: Path, *args: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the process tree, exit code."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(checkout),
        PAGEFOLD_HOME=str(home),
        PAGEFOLD_EMBEDDING_MODEL="sentence-transformers/all-MiniLM-L6-v2",
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
    )
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0.0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree) / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.05)
    return time.perf_counter() - started, peak, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, required=True, help="checkout before the fix")
    parser.add_argument("--repeated-mb", type=float, default=1.5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pf-degenerate-"))
    docs = work / "docs"
    docs.mkdir()
    (docs / "manual.txt").write_text(
        "Contents\n" + "\n".join(f"Chapter {n} {'.' * 50} {n}" for n in range(1, 20)) + "\n\n"
        "The harbour budget is 3.4 million kroner. Ferries leave at seven.\n",
        "utf-8",
    )
    repeated = work / "repeated.txt"
    repeated.write_text("ledger " * int(args.repeated_mb * 2**20 / 7), "utf-8")
    query = "harbour budget ferries " * 4_500  # ~100 KB
    print(f"{'case':<44} {'checkout':<9} {'seconds':>8} {'peak MB':>8} {'exit':>4}")
    for label, checkout in (("this", HERE), ("baseline", args.baseline.resolve())):
        home = work / f"home-{label}"
        run(checkout, home, "ingest", "--quiet", "docs", str(docs))
        cases = [
            (f"search, {len(query) // 1000} KB query", ("search", "docs", query)),
            ("search, query '.....'", ("search", "docs", ".....")),
            (
                f"ingest {args.repeated_mb:g} MB of one repeated word",
                ("ingest", "--quiet", "words", str(repeated)),
            ),
            ("same file into a second collection", ("ingest", "--quiet", "words2", str(repeated))),
        ]
        for name, command in cases:
            seconds, peak, code = run(checkout, home, *command)
            print(f"{name:<44} {label:<9} {seconds:8.1f} {peak:8.0f} {code:>4}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
