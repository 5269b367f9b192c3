"""What the cross-process vector lane costs: Chroma calls with and without it, same store.

    .venv/bin/python benchmarks/vector_lane.py [--vectors 5000] [--queries 400]

Every Chroma call of a Library takes ``locks/vectors.lock`` (an OS file lock) and reads
``locks/vectors.generation``; every write also bumps the generation. This fills one Chroma
collection with random 384-dimension vectors (MiniLM's size) in 32-vector batches (the ingest
batch), then alternates k=5 queries between a store without the lane (the baseline: what
Pagefold did before) and a store with it, in the same process on the same folder, and prints
medians, 95th percentiles and the ratio. Upserts are timed the same way.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.storage.coordination import Coordinator
from app.core.storage.vectors import VectorStore

DIM = 384


def vectors(rng: random.Random, n: int) -> list[list[float]]:
    return [[rng.uniform(-1, 1) for _ in range(DIM)] for _ in range(n)]


def timed(fn: object, *args: object) -> float:
    started = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    return f"{name:<22} p50 {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(1)
    root = Path(tempfile.mkdtemp(prefix="pagefold-lane-"))
    plain = VectorStore(root / "chroma")
    laned = VectorStore(root / "chroma", client=plain.client, coordinator=Coordinator(root))
    upserts: dict[str, list[float]] = {"without lane": [], "with lane": []}
    for start in range(0, args.vectors, 32):
        batch = vectors(rng, 32)
        ids = [f"v{start + i}" for i in range(32)]
        meta = [{"document_id": start // 320, "page": 1, "ord": i} for i in range(32)]
        name, store = ("with lane", laned) if start // 32 % 2 else ("without lane", plain)
        upserts[name].append(timed(store.upsert, 1, ids, batch, meta))
    queries: dict[str, list[float]] = {"without lane": [], "with lane": []}
    for n in range(args.queries):
        query = vectors(rng, 1)[0]
        name, store = ("with lane", laned) if n % 2 else ("without lane", plain)
        queries[name].append(timed(store.query, 1, query, 5))
    print(f"{args.vectors} vectors, {args.queries} queries, one process, {root}")
    for kind, table in (("upsert of 32", upserts), ("query k=5", queries)):
        base = statistics.median(table["without lane"])
        lane = statistics.median(table["with lane"])
        print(f"{kind}:")
        print("  " + summary("without lane (before)", table["without lane"]))
        print("  " + summary("with lane", table["with lane"]))
        print(f"  ratio of medians: {lane / base:.2f}x (+{lane - base:.2f} ms)")


if __name__ == "__main__":
    main()
