"""One process of the concurrent-use test: ingest a folder, or search while others write.

``python -m tests.robustness.drivers.concurrent ingest DATA COLLECTION FOLDER DELAY``
``python -m tests.robustness.drivers.concurrent search DATA SECONDS MODE COLLECTION...``

MODE ``long`` keeps one Library open for the whole run (as the window does); ``fresh`` opens a
new one for every search (as the CLI does). The embedder is the instant fake, slowed by DELAY
seconds per batch so an ingest lasts long enough to overlap the others: the test is about
storage, and real Chroma and SQLite are used. Prints one JSON line: operations, clear
(``PagefoldError``) errors, other errors with their messages.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.library import Library
from tests.robustness.fakes import FakeEmbedder


def open_library(data: Path, delay: float = 0.0) -> Library:
    settings = Settings.load(data)
    settings.retrieval.use_reranker = False
    settings.retrieval.embedding_model = "fake-embedder"  # what new collections record
    library = Library(settings)
    fake = FakeEmbedder(delay_s=delay)
    library.embedder = lambda _name: fake  # type: ignore[method-assign]
    return library


def ingest(data: Path, collection: str, folder: Path, delay: float) -> dict[str, Any]:
    out: dict[str, Any] = {"ops": 1, "clear_errors": [], "other_errors": []}
    library = open_library(data, delay)
    try:
        report = library.ingest(collection, [folder])
        out["indexed"] = sum(1 for r in report.results if r.status == "indexed")
        out["failed"] = [r.message for r in report.results if r.status == "failed"]
    except PagefoldError as exc:
        out["clear_errors"].append(str(exc))
    except Exception:
        out["other_errors"].append(traceback.format_exc(limit=3))
    finally:
        library.close()
    return out


def _search_once(library: Library, names: list[str], word: str) -> None:
    available = {c.name for c in library.collections()}
    wanted = [n for n in names if n in available]
    if wanted:
        library.search(wanted, word, k=3)


def search(data: Path, seconds: float, mode: str, names: list[str]) -> dict[str, Any]:
    """Search marker words until ``seconds`` pass; in ``long`` mode, then check that every
    document indexed by the others is found by the dense arm of this same open Library."""
    out: dict[str, Any] = {"ops": 0, "clear_errors": [], "other_errors": []}
    library = open_library(data) if mode == "long" else None
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        word = f"zqmark{n % 40}"
        lib = library or open_library(data)
        try:
            _search_once(lib, names, word)
        except PagefoldError as exc:
            out["clear_errors"].append(str(exc))
        except Exception:
            out["other_errors"].append(traceback.format_exc(limit=3))
        finally:
            if library is None:
                lib.close()
        out["ops"] += 1
        time.sleep(0.05)
    if library is not None:
        out["dense_missing"] = dense_missing(library, names)
        library.vectors.reopen()  # what a fresh process sees: tells staleness from HNSW misses
        out["dense_missing_after_reopen"] = dense_missing(library, names)
        library.close()
    return out


def dense_missing(library: Library, names: list[str]) -> list[str]:
    """Indexed documents whose first passage the dense index cannot return at all.

    The query asks for as many neighbours as there are vectors, so HNSW's approximate ranking
    cannot hide a passage (k=5 missed one of 288 in about one run of five, also after a
    reopen), while a stale reader, which only holds the vectors it loaded, still misses the
    new ones (measured before the fix: 50 of 200 returned after another process added 150)."""
    fake = FakeEmbedder()
    missing: list[str] = []
    for name in names:
        col = library.collection(name)
        for doc in library.catalog.documents(col.id, status="indexed"):
            first = library.catalog.chunks(doc.id)[0]
            want = fake.embed_query(first.text)
            hits = library.vectors.query(col.id, want, library.vectors.count(col.id))
            if first.id not in {hit.chunk_id for hit in hits}:
                got = library.vectors.handle(col.id).get(ids=[first.id], include=["embeddings"])
                stored = [float(x) for x in got["embeddings"][0]] if got["ids"] else []
                cosine = sum(a * b for a, b in zip(want, stored, strict=False))
                missing.append(f"{doc.path} (stored vector cosine {cosine:.3f}, {len(hits)} hits)")
    return missing


def main(argv: list[str]) -> dict[str, Any]:
    role, data = argv[0], Path(argv[1])
    if role == "ingest":
        return ingest(data, argv[2], Path(argv[3]), float(argv[4]))
    return search(data, float(argv[2]), argv[3], argv[4:])


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), ensure_ascii=False))
