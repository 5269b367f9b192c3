"""Several processes opening the vector store of a new data folder at the same moment: Chroma
creates its tables on the first open, and two processes doing it at once failed with "table
collections already exists" (CI: two ingests started together on a fresh folder)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

PROCESSES = 6


def _open(root: str, start: object, errors: object) -> None:
    from app.core.storage.coordination import Coordinator
    from app.core.storage.vectors import VectorStore

    store = VectorStore(Path(root) / "chroma", coordinator=Coordinator(Path(root)))
    start.wait()  # type: ignore[attr-defined]
    try:
        store.has_staging(1)  # the first call opens the client, creating the tables
    except Exception as exc:
        errors.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]
    finally:
        store.close()


def test_processes_opening_a_new_vector_store_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    errors = ctx.Queue()
    for round_ in range(3):
        root = tmp_path / f"data-{round_}"
        start = ctx.Barrier(PROCESSES)
        procs = [
            ctx.Process(target=_open, args=(str(root), start, errors)) for _ in range(PROCESSES)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(120)
            assert proc.exitcode == 0
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
