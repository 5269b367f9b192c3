"""`pagefold search` as a user's script calls it: a new process per query.

    python benchmarks/cli_search.py [--runs 10] [--size 2000] [--baseline /work/main]

Builds (once, cached under ``.cache/cli_search``) a data folder with one collection of
``--size`` passages indexed for the default multilingual embedder, the way a finished ingest
leaves it: real devset passages and their real Kiwi tokens, random unit vectors (embedding 2,000
passages would take minutes and does not change what a query costs). Each query then runs as
``python -m app search`` in a fresh process, ``--runs`` times, Korean and English, and the median
wall time is printed beside the same command run with the baseline's code (``PYTHONPATH``) on the
same folder in the same run. With ``--serve`` it also starts ``pagefold serve`` on that folder and
times the same searches answered by the resident process.

Target (issue 18): median <= 1.5 s for a Korean query, <= 1.0 s for an English one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
QUERIES = {
    "ko": "데비안 배포판의 코드명은 어디에서 왔나요?",
    "en": "How do I read fixed-width files?",
}
COLLECTION = "bench"


def build(data: Path, size: int) -> None:
    """The collection, written straight to the catalog and Chroma (see the module docstring)."""
    if (data / ".built").exists():
        return
    os.environ["PAGEFOLD_HOME"] = str(data)
    sys.path.insert(0, str(REPO / "benchmarks"))
    from search_latency import fill, seed_passages

    from app.core.config import DEFAULT_EMBEDDING_MODEL
    from app.core.session import Session

    session = Session.open(data)
    library = session.library()
    fill(library, COLLECTION, size, 384, seed_passages(), embedding_model=DEFAULT_EMBEDDING_MODEL)
    session.close()
    (data / ".built").write_text("ok")


def run_once(code: Path, data: Path, query: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(code), "PAGEFOLD_HOME": str(data)}
    env.setdefault("HF_HUB_OFFLINE", "1")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app", "search", COLLECTION, query, "-k", "5", "--json"],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or '"chunk_id"' not in done.stdout:
        raise SystemExit(f"search failed with {code}:\n{done.stderr[-2000:]}")
    return elapsed


def median_of(code: Path, data: Path, query: str, runs: int) -> float:
    run_once(code, data, query)  # the first run may build the BM25 file: not counted
    return statistics.median(run_once(code, data, query) for _ in range(runs))


def serve(data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAGEFOLD_HOME": str(data)}
    server = subprocess.Popen([sys.executable, "-m", "app", "serve"], env=env, cwd=REPO)
    socket_path = data / "search.sock"
    for _ in range(600):
        if socket_path.exists():
            return server
        time.sleep(0.1)
    server.kill()
    raise SystemExit("pagefold serve did not start within a minute")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--baseline", type=Path, default=None, help="checkout to compare with")
    parser.add_argument("--serve", action="store_true", help="also time the resident mode")
    args = parser.parse_args()
    data = REPO / ".cache" / "cli_search" / f"n{args.size}"
    data.mkdir(parents=True, exist_ok=True)
    build(data, args.size)
    print(f"pagefold search, new process, median of {args.runs}, {args.size} passages")
    print(f"{'query':6} {'this':>8} {'baseline':>9} {'ratio':>6}")
    for language, query in QUERIES.items():
        mine = median_of(REPO, data, query, args.runs)
        base = median_of(args.baseline, data, query, args.runs) if args.baseline else float("nan")
        print(f"{language:6} {mine:7.2f}s {base:8.2f}s {base / mine:5.1f}x")
    if args.serve:
        server = serve(data)
        try:
            for language, query in QUERIES.items():
                print(f"{language:6} {median_of(REPO, data, query, args.runs):7.2f}s  (serve)")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
