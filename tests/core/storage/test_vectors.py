"""The real Chroma store on disk: upsert idempotence, delete by document, no default embedder."""

from __future__ import annotations

from pathlib import Path

from app.core.storage.vectors import VectorStore


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
