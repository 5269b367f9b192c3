"""The real Chroma store on disk: upsert idempotence, delete by document, no default embedder,
and a search wide enough to find the nearest passages."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import numpy as np

from app.core.storage.vectors import EF_SEARCH, VectorStore


def _vec(i: int) -> list[float]:
    v = [0.0] * 8
    v[i % 8] = 1.0
    return v


def test_upsert_is_idempotent_and_query_ranks_by_cosine(tmp_path: Path) -> None:
    store = VectorStore(tmp_path / "chroma")
    ids = [f"c1-{i}" for i in range(6)]
    meta = [{"document_id": 1 if i < 3 else 2, "page": i + 1, "ord": i} for i in range(6)]
    store.upsert(1, ids, [_vec(i) for i in range(6)], meta)
    store.upsert(1, ids, [_vec(i) for i in range(6)], meta)  # a re-run after a crash
    assert store.count(1) == 6
    hits = store.query(1, _vec(4), k=2)
    assert hits[0].chunk_id == "c1-4"
    assert hits[0].distance < hits[1].distance
    only_doc1 = store.query(1, _vec(4), k=6, document_ids=[1])
    assert {h.chunk_id for h in only_doc1} == {"c1-0", "c1-1", "c1-2"}


def test_delete_document_and_reopen(tmp_path: Path) -> None:
    store = VectorStore(tmp_path / "chroma")
    store.upsert(
        7,
        ["a", "b", "c"],
        [_vec(0), _vec(1), _vec(2)],
        [
            {"document_id": 1, "page": 1, "ord": 0},
            {"document_id": 2, "page": 1, "ord": 0},
            {"document_id": 2, "page": 2, "ord": 1},
        ],
    )
    store.delete_document(7, 2)
    assert store.ids(7) == {"a"}
    reopened = VectorStore(tmp_path / "chroma")
    assert reopened.ids(7) == {"a"}
    assert reopened.query(8, _vec(0), k=3) == []  # an empty collection answers, never errors


def test_collections_are_created_without_an_embedding_function(tmp_path: Path) -> None:
    store = VectorStore(tmp_path / "chroma")
    store.upsert(1, ["a"], [_vec(0)], [{"document_id": 1, "page": 1, "ord": 0}])
    col = store.handle(1)
    # Chroma's default would download an ONNX model at run time: it must never be attached.
    assert col._embedding_function is None
    assert col.configuration_json["embedding_function"] is None
    settings = store.client.get_settings()
    assert settings.anonymized_telemetry is False


def _random_unit(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((n, 384)).astype(np.float32)
    unit: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit


def _recall(store: VectorStore, vectors: np.ndarray, queries: np.ndarray) -> float:
    """Share of the exact 40 nearest that a search for 40 returns (the dense arm's candidates)."""
    found = [[h.chunk_id for h in store.query(1, q.tolist(), k=40)] for q in queries]
    return _share_of_exact(vectors, queries, found)


def _share_of_exact(vectors: np.ndarray, queries: np.ndarray, found: list[list[str]]) -> float:
    hits = 0
    for query, ids in zip(queries, found, strict=True):
        hits += len({f"c{i}" for i in np.argsort(-(vectors @ query))[:40]} & set(ids))
    return hits / (40 * len(queries))


def _fill(col: Any, vectors: np.ndarray) -> None:
    col.add(
        ids=[f"c{i}" for i in range(len(vectors))],
        embeddings=vectors,
        metadatas=[{"document_id": 1, "page": 1, "ord": i} for i in range(len(vectors))],
    )


def test_the_nearest_passages_are_found_and_older_collections_are_widened(tmp_path: Path) -> None:
    """Chroma's default HNSW breadth (100) returned about two thirds of the 40 nearest among
    5,000 random vectors; Pagefold's collections search wider, and a collection an earlier
    version made is widened at its first search, for every later process."""
    vectors, queries = _random_unit(4000, 1), _random_unit(20, 2)
    old = tmp_path / "old"
    with multiprocessing.get_context("spawn").Pool(1) as earlier:  # an earlier version's run
        assert earlier.apply(_made_narrow, (old,)) < 0.85, "Chroma's default breadth misses"

    store = VectorStore(tmp_path / "new")
    _fill(store.handle(1), vectors)
    assert store.handle(1).configuration_json["hnsw"]["ef_search"] == EF_SEARCH
    assert _recall(store, vectors, queries) > 0.95

    searched = VectorStore(old)  # the first search after the update widens it
    assert _recall(searched, vectors, queries) > 0.95
    searched.close()
    with multiprocessing.get_context("spawn").Pool(1) as later:  # Chroma keeps loaded indexes
        assert later.apply(_recall_of, (old,)) > 0.95, "a later process searches wider"


def _made_narrow(folder: Path) -> float:
    """A collection as an earlier Pagefold made it (Chroma's defaults); its recall then."""
    import chromadb

    vectors, queries = _random_unit(4000, 1), _random_unit(20, 2)
    narrow = chromadb.PersistentClient(str(folder)).create_collection(
        "pagefold-1", metadata={"hnsw:space": "cosine"}
    )
    _fill(narrow, vectors)
    found = [narrow.query(query_embeddings=[q], n_results=40)["ids"][0] for q in queries]
    return _share_of_exact(vectors, queries, found)


def _recall_of(folder: Path) -> float:
    return _recall(VectorStore(folder), _random_unit(4000, 1), _random_unit(20, 2))
