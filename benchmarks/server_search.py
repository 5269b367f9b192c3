"""Search latency with a collection on a Chroma server, beside the embedded store, at 100k chunks.

The collection is filled as ``search_latency.py`` fills it (real passages and lexical tokens,
random unit vectors of the embedder's dimension; imported from there, not copied) in the
embedded store and timed there: that is the baseline, measured in the same run. Then it is
moved to the server with ``Library.move_collection`` (copy, verify, switch; the move is timed
too) and the same queries are timed again. Two views each: the full hybrid search a user waits
for (query embedding + Chroma + BM25 + fusion), and the dense Chroma query alone (k=40, the
candidates hybrid search asks for), which isolates what the server changes.

Without ``--host`` a local ``chroma run`` is started on a free port (both processes then share
this machine's cores, so the server's numbers include its CPU contention but no real network).

    .venv/bin/python benchmarks/server_search.py [--size 100000] [--queries 50] [--host H --port P]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_latency import QUERIES, fill, percentiles, seed_passages, time_hybrid

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.library import Library
from app.core.storage.remote import ServerConfig

NAME = "bench"


def time_dense(lib: Library, queries: list[str], candidates: int) -> list[float]:
    """The vector store's query alone, with the query vectors computed beforehand."""
    col = lib.collection(NAME)
    store = lib.vectors_for(col)
    embedder = lib.embedder(TEST_EMBEDDING_MODEL)
    vectors = [embedder.embed_query(q) for q in queries]
    store.query(col.id, vectors[0], candidates)  # warm: connection, index load
    samples = []
    for vector in vectors:
        t = time.perf_counter()
        store.query(col.id, vector, candidates)
        samples.append(time.perf_counter() - t)
    return samples


def measure(lib: Library, queries: list[str], candidates: int) -> tuple[float, ...]:
    """After one untimed pass, so a server still indexing what it was sent is not timed."""
    for query in queries:
        lib.search(NAME, query, k=5)
    h50, h95 = percentiles(time_hybrid(lib, NAME, queries))
    d50, d95 = percentiles(time_dense(lib, queries, candidates))
    return h50, h95, d50, d95


def row(label: str, numbers: tuple[float, ...]) -> str:
    return f"{label:<10}" + "".join(f"{n:>10.1f}ms" for n in numbers)


def run(args: argparse.Namespace, server: ServerConfig, tmp: Path) -> None:
    queries = [
        QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" {i}")
        for i in range(args.queries)
    ]
    settings = Settings.load(tmp / "data")
    settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    lib = Library(settings)
    candidates = settings.retrieval.candidates
    dim = lib.embedder(TEST_EMBEDDING_MODEL).dimension
    t = time.perf_counter()
    fill(lib, NAME, args.size, dim, seed_passages())
    print(
        f"filled {args.size} chunks in the embedded store in {time.perf_counter() - t:.1f} s",
        flush=True,
    )
    embedded = measure(lib, queries, candidates)
    report = lib.move_collection(NAME, server)
    print(
        f"moved to {report.target}: {report.vectors} vectors in {report.seconds:.1f} s, "
        f"verified ({report.sampled} sampled vectors equal)",
        flush=True,
    )
    remote = measure(lib, queries, candidates)
    print(f"\n{args.size} chunks, {len(queries)} queries, k=5, {candidates} dense candidates")
    print(f"{'store':<10}{'hybrid p50':>12}{'hybrid p95':>12}{'dense p50':>12}{'dense p95':>12}")
    print(row("embedded", embedded))
    print(row("server", remote))
    print(
        f"server/embedded p95: hybrid {remote[1] / embedded[1]:.2f}x, "
        f"dense {remote[3] / embedded[3]:.2f}x"
    )
    lib.move_collection(NAME, "embedded", verify=False)  # leave a real server as it was
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--host", help="an existing Chroma server (default: start one here)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        if args.host:
            run(args, ServerConfig(args.host, args.port), tmp)
            return
        from tests.teams.chroma_server import ChromaServer

        server = ChromaServer(tmp / "chroma-db").start()
        try:
            run(args, ServerConfig(server.host, server.port), tmp)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
