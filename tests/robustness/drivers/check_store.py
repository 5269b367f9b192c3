"""Restart after a kill: check the data folder as found, recover, check again; print JSON.

Run as ``python -m tests.robustness.drivers.check_store DATA_DIR COLLECTION`` in a fresh process,
as the app would start after a crash. Before recovery only what must hold at every instant is
checked (SQLite files whole, nothing marked indexed without all its vectors); after recovery,
catalog and Chroma must agree exactly.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def sqlite_ok(path: Path) -> bool:
    if not path.exists():
        return True
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return bool(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        db.close()


def indexed_state(library: Any, name: str) -> dict[str, Any]:
    """Per indexed document: do all its chunks have vectors? Any (document, ord) twice?"""
    col = library.collection(name)
    store = library.vectors_for(col) if hasattr(library, "vectors_for") else library.vectors
    got = store.handle(col.id).get(include=["metadatas"])
    vector_ids = set(got["ids"])
    places = Counter((m["document_id"], m["ord"]) for m in got["metadatas"])
    docs = library.documents(name)
    indexed = [d for d in docs if d.status == "indexed"]
    without = [
        d.path
        for d in indexed
        if len(library.catalog.chunk_ids(d.id)) != d.chunks
        or not set(library.catalog.chunk_ids(d.id)) <= vector_ids
    ]
    return {
        "indexed": sorted(d.path for d in indexed),
        "indexed_without_vectors": without,
        "duplicate_chunks": sum(n - 1 for n in places.values() if n > 1),
        "states": dict(Counter(d.status for d in docs)),
        "vectors": len(vector_ids),
    }


def main(data_dir: str, name: str) -> dict[str, Any]:
    from app.core.config import Settings
    from app.core.library import Library

    settings = Settings.load(Path(data_dir))
    layout = settings.layout
    result: dict[str, Any] = {
        "catalog_ok": sqlite_ok(layout.catalog_db),
        "chroma_sqlite_ok": sqlite_ok(layout.chroma_dir / "chroma.sqlite3"),
    }
    library = Library(settings)
    try:
        if library.catalog.find_collection(name) is None:
            result["collection"] = False
            return result
        result["collection"] = True
        result["before"] = indexed_state(library, name)
        result["recovered"] = library.recover()
        result["after"] = indexed_state(library, name)
        result["consistency"] = library.consistency(name)
        result["catalog_ok_after"] = library.catalog.integrity_ok()
    finally:
        library.close()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2]), ensure_ascii=False))
