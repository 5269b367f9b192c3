"""10,000 small files in one folder: time, peak memory, progress gaps and search while indexing.

Issue 7 asks for peak memory bounded and the window responsive. The baseline, measured in the
same run, is the same folder with 1,000 files: bounded memory means the 10,000-file peak is
about the 1,000-file peak (not ten times it), and responsive means searches made while indexing
answer about as fast as on an idle library, and progress updates keep coming.

    .venv/bin/python benchmarks/many_files.py [--files 10000] [--baseline 1000] [--minilm]

By default the embedder is an instant stand-in (hash vectors), so the numbers are the pipeline's
own: scan, hash, parse, catalog, Chroma. ``--minilm`` uses the real all-MiniLM-L6-v2.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import psutil

from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.embeddings.base import Embedder
from app.core.indexing.events import IngestProgress
from app.core.library import Library
from app.core.session import Session

MB = 1 << 20
WORDS = [
    "ledger",
    "invoice",
    "river",
    "harbour",
    "budget",
    "audit",
    "museum",
    "festival",
    "contract",
    "shipment",
]


class InstantEmbedder(Embedder):
    name = "instant"
    dimension = 32

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        raw = hashlib.blake2b(text.encode(), digest_size=32).digest()
        norm = sum((b - 127.5) ** 2 for b in raw) ** 0.5
        return [(b - 127.5) / norm for b in raw]


def make_folder(folder: Path, files: int) -> None:
    folder.mkdir(parents=True)
    for n in range(files):
        text = f"Note {n}: the {WORDS[n % len(WORDS)]} for client {n * 7919 % 10007} is due.\n"
        (folder / f"note-{n:05d}.txt").write_text(text, "utf-8")


def peak_rss_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return int(psutil.Process().memory_info().rss)


class Searcher(threading.Thread):
    """Searches every 200 ms while indexing runs, as a user typing questions would."""

    def __init__(self, library: Library, collection: str) -> None:
        super().__init__(daemon=True)
        self.library, self.collection = library, collection
        self.latencies: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            started = time.perf_counter()
            self.library.search(self.collection, "When is the museum invoice due?", k=5)
            self.latencies.append(time.perf_counter() - started)


def one_run(root: Path, files: int, minilm: bool) -> dict[str, float]:
    settings = Settings.load(root / f"home-{files}")
    settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    settings.retrieval.use_reranker = False
    library = Session(settings).library()  # as the app opens it
    if not minilm:
        instant = InstantEmbedder()
        library.embedder = lambda _name: instant  # type: ignore[method-assign]
    folder = root / f"inbox-{files}"
    make_folder(folder, files)
    library.ingest("searched", [root / "seed"])  # something to search while indexing
    idle = Searcher(library, "searched")
    idle.start()
    time.sleep(2.2)
    idle.stop.set()
    idle.join()
    gaps, last = [0.0], [time.perf_counter()]

    def progress(_: IngestProgress) -> None:
        now = time.perf_counter()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    busy = Searcher(library, "searched")
    start_rss = int(psutil.Process().memory_info().rss)
    kernel_peak = peak_rss_reset()
    busy.start()
    started = time.perf_counter()
    report = library.ingest("inbox", [folder], progress=progress)
    seconds = time.perf_counter() - started
    busy.stop.set()
    busy.join()
    peak = peak_rss() if kernel_peak else int(psutil.Process().memory_info().rss)
    started = time.perf_counter()
    library.ingest("inbox", [folder])
    rescan = time.perf_counter() - started
    library.close()
    assert report.count("indexed") == files, [(r.path, r.message) for r in report.failed][:5]
    return {
        "seconds": seconds,
        "files_per_s": files / seconds,
        "peak_mb": (peak - start_rss) / MB,
        "gap_s": gaps[0],
        "rescan_s": rescan,
        "search_idle_ms": 1000 * statistics.median(idle.latencies),
        "search_busy_ms": 1000 * statistics.median(busy.latencies or [float("nan")]),
        "search_busy_p95_ms": 1000 * _p95(busy.latencies),
    }


def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--minilm", action="store_true", help="the real embedder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_folder(root / "seed", 20)
        rows = {n: one_run(root, n, args.minilm) for n in (args.baseline, args.files)}
    base, big = rows[args.baseline], rows[args.files]
    print(f"embedder: {'all-MiniLM-L6-v2' if args.minilm else 'instant stand-in'}")
    header = (
        "files",
        "seconds",
        "files/s",
        "peak MB",
        "max gap s",
        "rescan s",
        "search idle ms",
        "search busy ms",
        "busy p95 ms",
    )
    print("  ".join(f"{h:>14}" for h in header))
    for n, r in rows.items():
        values = (
            n,
            r["seconds"],
            r["files_per_s"],
            r["peak_mb"],
            r["gap_s"],
            r["rescan_s"],
            r["search_idle_ms"],
            r["search_busy_ms"],
            r["search_busy_p95_ms"],
        )
        print("  ".join(f"{v:>14,.1f}" if isinstance(v, float) else f"{v:>14,}" for v in values))
    print(
        f"peak memory ratio {args.files:,} / {args.baseline:,} files: "
        f"{big['peak_mb'] / max(base['peak_mb'], 1):.2f}x  (bounded: about 1x, not "
        f"{args.files / args.baseline:.0f}x)"
    )
    print(
        f"time ratio: {big['seconds'] / base['seconds']:.1f}x for "
        f"{args.files / args.baseline:.0f}x the files (linear: about the same)"
    )
    print(
        f"search while indexing {args.files:,} files vs idle, same library (median): "
        f"{big['search_busy_ms']:.0f} ms vs {big['search_idle_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
