"""Search latency with a collection on a Chroma server, beside the embedded store, at 100k chunks.

Two collections of the same size are filled as ``search_latency.py`` fills them (real passages
and lexical tokens, random unit vectors of the embedder's dimension; its functions are imported,
not copied): one in the embedded store (the baseline), one on the server (created empty, moved
there with ``Library.move_collection``, then filled through the Library's per-collection router).
Queries then alternate between the two, so a busy machine slows both alike. Two views each: the
full hybrid search a user waits for (query embedding + Chroma + BM25 + fusion), and the dense
Chroma query alone (k = the candidates hybrid search asks for), which isolates what the server
changes. ``--move`` also times moving the embedded collection to the server (copy + verify).

Without ``--host`` a local ``chroma run`` is started on a free port: both processes then share
this machine's cores, so the server's numbers include that contention but no real network.

    .venv/bin/python benchmarks/server_search.py [--size 100000] [--queries 50] [--move]
        [--host H --port P]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_latency import QUERIES, fill, percentiles, seed_passages

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.library import Library
from app.core.session import Session
from app.core.storage.catalog import CollectionRecord
from app.core.storage.remote import ServerConfig

EMBEDDED, SERVER = "bench-embedded", "bench-server"


class OnServer:
    """The Library as ``fill`` sees it, except that the collection it creates lives on the
    server and its vector writes are routed there (``fill`` writes through ``lib.vectors``)."""

    def __init__(self, lib: Library, server: ServerConfig) -> None:
        self._lib = lib
        self._server = server
        self.vectors = lib.stores

    def create_collection(self, name: str, **kwargs: Any) -> CollectionRecord:
        self._lib.create_collection(name, **kwargs)
        self._lib.move_collection(name, self._server)
        return self._lib.collection(name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lib, name)


def alternate(
    names: list[str], queries: list[str], run: Callable[[str, str], object]
) -> dict[str, tuple[float, float]]:
    """Time ``run(name, query)`` for every query, switching collection each time."""
    samples: dict[str, list[float]] = {name: [] for name in names}
    for query in queries:
        for name in names:
            t = time.perf_counter()
            run(name, query)
            samples[name].append(time.perf_counter() - t)
    return {name: percentiles(values) for name, values in samples.items()}


def dense_runner(lib: Library, queries: list[str]) -> Callable[[str, str], object]:
    """The vector store's query alone, with the query vectors computed beforehand."""
    embedder = lib.embedder(TEST_EMBEDDING_MODEL)
    vectors = {query: embedder.embed_query(query) for query in queries}
    k = lib.settings.retrieval.candidates

    def run(name: str, query: str) -> object:
        col = lib.collection(name)
        return lib.vectors_for(col).query(col.id, vectors[query], k)

    return run


def run(args: argparse.Namespace, server: ServerConfig, tmp: Path) -> None:
    queries = [
        QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" {i}")
        for i in range(args.queries)
    ]
    settings = Settings.load(tmp / "data")
    settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    lib = Session(settings).library()  # as the app opens it
    dim = lib.embedder(TEST_EMBEDDING_MODEL).dimension
    seeds = seed_passages()
    for name, target in ((EMBEDDED, lib), (SERVER, OnServer(lib, server))):
        t = time.perf_counter()
        fill(target, name, args.size, dim, seeds)  # type: ignore[arg-type]
        print(f"filled {name}: {args.size} chunks in {time.perf_counter() - t:.1f} s", flush=True)
    names = [EMBEDDED, SERVER]
    for name in names:  # untimed: builds the BM25 indexes, opens connections
        for query in queries:
            lib.search(name, query, k=5)
    hybrid = alternate(names, queries, lambda name, query: lib.search(name, query, k=5))
    dense = alternate(names, queries, dense_runner(lib, queries))
    k = settings.retrieval.candidates
    print(f"\n{args.size} chunks, {len(queries)} queries alternating, k=5, {k} dense candidates")
    print(f"{'store':<10}{'hybrid p50':>12}{'hybrid p95':>12}{'dense p50':>12}{'dense p95':>12}")
    for label, name in (("embedded", EMBEDDED), ("server", SERVER)):
        h50, h95 = hybrid[name]
        d50, d95 = dense[name]
        print(f"{label:<10}{h50:>10.1f}ms{h95:>10.1f}ms{d50:>10.1f}ms{d95:>10.1f}ms")
    print(
        f"server/embedded p50: hybrid {hybrid[SERVER][0] / hybrid[EMBEDDED][0]:.2f}x, "
        f"dense {dense[SERVER][0] / dense[EMBEDDED][0]:.2f}x",
        flush=True,
    )
    if args.move:
        report = lib.move_collection(EMBEDDED, server)
        print(
            f"moved {report.vectors} vectors to the server in {report.seconds:.1f} s "
            f"({report.vectors / report.seconds:.0f}/s), verified with {report.sampled} "
            "sampled vectors",
            flush=True,
        )
    if args.host:  # leave a real server as it was
        for name in names:
            lib.delete_collection(name)
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--move", action="store_true", help="also time a verified move")
    parser.add_argument("--host", help="an existing Chroma server (default: start one here)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        if args.host:
            run(args, ServerConfig(args.host, args.port), tmp)
            return
        from tests.teams.chroma_server import ChromaServer

        chroma = ChromaServer(tmp / "chroma-db").start()
        try:
            run(args, ServerConfig(chroma.host, chroma.port), tmp)
        finally:
            chroma.stop()


if __name__ == "__main__":
    main()
