"""How many of the true nearest passages Chroma's HNSW search returns, and what more costs.

Why: the dense arm hands fusion its 40 nearest passages (``retrieval.candidates``). Chroma
searches an HNSW graph with ``ef_search`` 100 unless told otherwise, and an approximate search
both misses true neighbours and, because the graph is rebuilt from Chroma's log in each
process, returns different passages for the same question in different processes: 21 of 240
evaluation questions had another top 10 in a second run, which moved the evaluation's dense
rows by a question or two between runs. ``storage.vectors.EF_SEARCH`` is chosen here.

Two sets, each against an exact search (numpy over all vectors), for several ``ef_search``:

- the development evaluation's two collections (real multilingual-e5-small vectors of the
  evaluation's pages, as ``retrieval_quality.py --evalset`` built them; run that first), with
  the evaluation's questions;
- ``--size`` random unit vectors of e5-small's 384 dimensions (100k by default), queried with
  the same questions: no structure for the graph to follow, so the worst case for recall; and the
  per-query time at that size.

Reported: recall@40 (a returned passage counts when its similarity reaches the 40th exact one's,
so identical passages tie), the share of questions whose best passage is the exact best, and
the median and p95 milliseconds of one query.

    .venv/bin/python benchmarks/vector_recall.py [--size 100000] [--ef 100 200 400 800]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from app.core.config import DEFAULT_EMBEDDING_MODEL  # noqa: E402
from app.core.evaluation.dataset import load_questions  # noqa: E402
from app.core.evaluation.metrics import percentile  # noqa: E402

CACHE = ROOT / ".cache" / "benchmarks" / "retrieval_quality"
QUESTIONS = ROOT / "benchmarks" / "evalset" / "questions.jsonl"
CANDIDATES = 40


def evaluation_vectors(collection: str) -> np.ndarray | None:
    """The unit vectors of one evaluation collection, or None before it was built."""
    import chromadb

    folder = CACHE / f"pagefold-{collection}-intfloat-multilingual-e5-small" / "chroma"
    if not (folder / "chroma.sqlite3").exists():
        return None
    client = chromadb.PersistentClient(str(folder))
    (name,) = [c.name for c in client.list_collections()]
    got = client.get_collection(name).get(include=["embeddings"])
    return _unit(np.asarray(got["embeddings"], dtype=np.float32))


def fill(client: Any, name: str, vectors: np.ndarray, ef: int) -> Any:
    """A fresh collection per ``ef``: Chroma keeps a loaded index's ``ef_search`` until the
    process ends, so ``modify`` would not show in the same run."""
    col = client.create_collection(
        f"{name}-{ef}",
        embedding_function=None,
        configuration={"hnsw": {"space": "cosine", "ef_search": ef}},
    )
    for start in range(0, len(vectors), 5000):
        part = vectors[start : start + 5000]
        col.add(ids=[str(i) for i in range(start, start + len(part))], embeddings=part)
    return col


def measure(col: Any, vectors: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    recall, best, times = [], [], []
    for query in queries:
        exact = vectors @ query
        order = np.argsort(-exact)
        started = time.perf_counter()
        found = col.query(query_embeddings=[query], n_results=CANDIDATES, include=[])
        times.append(time.perf_counter() - started)
        similarity = exact[[int(i) for i in found["ids"][0]]]
        recall.append(float(np.mean(similarity >= exact[order[CANDIDATES - 1]] - 1e-6)))
        best.append(bool(similarity[0] >= exact[order[0]] - 1e-6))
    return {
        "recall": statistics.mean(recall),
        "best": statistics.mean(best),
        "p50": (percentile(times, 50) or 0.0) * 1000,
        "p95": (percentile(times, 95) or 0.0) * 1000,
    }


def report(
    client: Any, label: str, vectors: np.ndarray, queries: np.ndarray, efs: list[int]
) -> None:
    for ef in efs:
        started = time.perf_counter()
        col = fill(client, label.split(",")[0], vectors, ef)
        took = time.perf_counter() - started
        m = measure(col, vectors, queries)
        print(
            f"{label:<34} {ef:>9} {m['recall']:>11.3f} {m['best']:>10.3f} "
            f"{m['p50']:>8.2f}ms {m['p95']:>8.2f}ms {took:>7.0f}s",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    import chromadb

    from app.core.embeddings.factory import load_embeddings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--ef", type=int, nargs="+", default=[100, 200, 400, 800])
    args = parser.parse_args(argv)
    embedder = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    questions = load_questions(QUESTIONS)
    asked = {
        c: _unit(
            np.asarray(
                [embedder.embed_query(q.question) for q in questions if q.collection == c],
                dtype=np.float32,
            )
        )
        for c in ("evalset-ko", "evalset-en")
    }
    print(
        f"{'vectors':<34} {'ef_search':>9} {'recall@40':>11} {'same best':>10} "
        f"{'p50':>10} {'p95':>10} {'added':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(tmp)
        for name, queries in asked.items():
            vectors = evaluation_vectors(name)
            if vectors is None:
                print(f"{name}: not built; run retrieval_quality.py --evalset first")
                continue
            report(client, f"{name}, {len(vectors)} e5 vectors", vectors, queries, args.ef)
        rng = np.random.default_rng(7)
        vectors = _unit(rng.standard_normal((args.size, 384)).astype(np.float32))
        queries = np.concatenate(list(asked.values()))[:100]
        report(client, f"random, {args.size} vectors", vectors, queries, args.ef)


def _unit(vectors: np.ndarray) -> np.ndarray:
    unit: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit


if __name__ == "__main__":
    main()
