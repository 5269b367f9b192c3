"""The Chroma persistent store, always with vectors we compute ourselves.

Chroma is used directly (not through ``langchain_chroma``) because ingestion embeds in its own
batches and needs delete-by-document and id listing for crash recovery. A collection is created
with ``embedding_function=None`` so Chroma can never fall back to its default model (which would
download weights at run time), and telemetry is off.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError
from app.core.storage.failures import translate

if TYPE_CHECKING:
    from app.core.storage.chroma_reader import ChromaReader
    from app.core.storage.coordination import Coordinator

log = logging.getLogger(__name__)


@dataclass
class VectorHit:
    chunk_id: str
    distance: float


STAGING_SUFFIX = "-staging"


#: Chroma's HNSW search breadth (its default is 100). Why: at 100 the dense arm's 40 candidates
#: missed about 1% of the true 40 nearest on the evaluation's own collections (1.7k passages;
#: 400: none), and as each process rebuilds the graph from Chroma's log, the same question got
#: another top 10 in another process (21 of 240 questions), which moved the evaluation's rows
#: by a question or two between runs. The cost at 100k passages is a few milliseconds a query
#: (``benchmarks/vector_recall.py``, which also shows recall on random vectors, a worst case).
EF_SEARCH = 400
#: Tries at widening while Chroma, applying its log to the index it opens, holds the database
#: (2 test runs in 25 found it locked at the first try): 0.1 s, 0.2 s ... apart, 3.6 s at most.
_WIDEN_TRIES = 9


def _chroma_name(collection_id: int) -> str:
    return f"pagefold-{collection_id}"


def _open(client: Any, name: str) -> Any:
    """The collection, created if new, searching ``EF_SEARCH`` wide.

    A new collection, or one an earlier version made, is widened with ``modify``; Chroma applies
    that when a process next loads the index (one already loaded keeps its breadth). Why not a
    ``configuration`` at creation: Chroma then records the embedding function as "legacy"
    instead of none, and none is what keeps its downloading default away."""
    col = client.get_or_create_collection(
        name=name, embedding_function=None, metadata={"hnsw:space": "cosine"}
    )
    hnsw = (getattr(col, "configuration_json", None) or {}).get("hnsw") or {}
    if hnsw.get("ef_search", EF_SEARCH) >= EF_SEARCH:
        return col
    for attempt in range(_WIDEN_TRIES):
        try:
            col.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
            break
        except Exception as exc:  # best effort: searching narrower beats failing the search
            if "locked" in str(exc) and attempt + 1 < _WIDEN_TRIES:
                time.sleep(0.1 * (attempt + 1))  # Chroma applying its log holds the database
                continue
            log.warning("could not widen the search of collection %s: %s", name, exc)
            return col
    log.info("collection %s: HNSW ef_search %s -> %s", name, hnsw["ef_search"], EF_SEARCH)
    # Opened again: the modified object shows its embedding function as "legacy" (the stored
    # collection still has none).
    return client.get_or_create_collection(
        name=name, embedding_function=None, metadata={"hnsw:space": "cosine"}
    )


class VectorStore:
    """One Chroma client for the data folder; one Chroma collection per Pagefold collection.

    With a ``coordinator`` (the Library always gives one), every call runs in the data folder's
    cross-process vector lane, writes bump its generation, and a generation written by another
    process reopens the client first: Chroma's embedded reader otherwise keeps serving the HNSW
    index it loaded (measured: 50 of 200 vectors found after another process added 150).
    """

    def __init__(
        self, path: Path, client: Any = None, coordinator: Coordinator | None = None
    ) -> None:
        self.path = path
        self._client = client
        self._owns_client = client is None
        self._lock = threading.Lock()
        self._collections: dict[int, Any] = {}
        self._reader: ChromaReader | None = None
        self._coordinator = coordinator
        self._generation: int | None = None

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                # In the cross-process lane (re-entrant within a process): Chroma creates its
                # tables when the first client opens a new folder, and two processes doing that
                # at once failed with "table collections already exists" (CI, two ingests
                # starting together on a fresh data folder).
                lane = self._coordinator.vector_lane() if self._coordinator else None
                with lane or contextlib.nullcontext():
                    self._client = _persistent_client(self.path)
                self._reader = None  # from now on reads see this client's writes
            return self._client

    @contextlib.contextmanager
    def _lane(self, write: bool = False) -> Iterator[None]:
        """Run one Chroma call in the cross-process lane, on a client that is up to date."""
        co = self._coordinator
        try:
            if co is None:
                yield
                return
            with co.vector_lane():
                current = co.generation()
                if self._generation is not None and current != self._generation:
                    self.reopen()
                self._generation = current
                yield
                if write:
                    self._generation = co.bump_generation()
        except Exception as exc:
            error = translate(exc, "vector store (chroma folder)", raised_by_store=True)
            if error is None or error is exc:
                raise
            log.warning("vector store failure", exc_info=exc)
            raise error from exc

    def close(self) -> None:
        """Release the Chroma client: Chroma shares one engine per folder and process, and an
        engine left open keeps serving what it loaded, even to a client opened later."""
        self.reopen()

    def reopen(self) -> None:
        """Forget the client and its collection handles; the next call opens them afresh."""
        with self._lock:
            self._collections.clear()
            self._reader = None  # it may hold the segments it loaded; read them afresh
            if self._owns_client and self._client is not None:
                with contextlib.suppress(Exception):
                    self._client.close()
                self._client = None

    def handle(self, collection_id: int) -> Any:
        """The Chroma collection object (for checks and tools; prefer the methods here)."""
        with self._lane():
            return self._collection(collection_id)

    def _collection(self, collection_id: int) -> Any:
        if collection_id not in self._collections:
            self._collections[collection_id] = _open(self.client, _chroma_name(collection_id))
        return self._collections[collection_id]

    def upsert(
        self,
        collection_id: int,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        """Idempotent: chunk ids are deterministic, so a re-run after a crash overwrites."""
        if ids:
            with self._lane(write=True):
                self._collection(collection_id).upsert(
                    ids=list(ids), embeddings=[list(v) for v in vectors], metadatas=list(metadatas)
                )

    def query(
        self,
        collection_id: int,
        vector: Sequence[float],
        k: int,
        document_ids: Sequence[int] | None = None,
    ) -> list[VectorHit]:
        """The ``k`` nearest, nearest first. Equally near ones (the same text in several
        documents, such as a help page header 29 of the evaluation's HTML pages share) come
        by id, picked from twice ``k`` found, so a tie of up to ``k`` more passages is broken
        the same way in every process."""
        hits = self._nearest(collection_id, vector, 2 * k, document_ids)
        return sorted(hits, key=lambda hit: (hit.distance, hit.chunk_id))[:k]

    def _nearest(
        self,
        collection_id: int,
        vector: Sequence[float],
        k: int,
        document_ids: Sequence[int] | None,
    ) -> list[VectorHit]:
        where: dict[str, Any] | None = None
        if document_ids:
            where = {"document_id": {"$in": [int(d) for d in document_ids]}}
        with self._lane():
            if self._client is None:  # a process that only searches never loads the full client
                hits = self._read(collection_id, vector, k, where)
                if hits is not None:
                    return hits
            col = self._collection(collection_id)
            count = col.count()
            if count == 0:
                return []
            result = col.query(
                query_embeddings=[list(vector)],
                n_results=min(k, count),
                where=where,
                include=["distances"],
            )
        return [
            VectorHit(chunk_id=cid, distance=float(dist))
            for cid, dist in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def _read(
        self, collection_id: int, vector: Sequence[float], k: int, where: dict[str, Any] | None
    ) -> list[VectorHit] | None:
        """The query through ``ChromaReader``; None where it cannot answer (no such
        collection yet, bindings missing), and the full client is used instead."""
        reader = self._usable_reader()
        if reader is None:
            return None
        try:
            name = _chroma_name(collection_id)
            if (reader.search_breadth(name) or EF_SEARCH) < EF_SEARCH:
                return None  # made by an earlier version: the full client widens it, once
            count = reader.count(name)
            if count == 0:
                return []
            ids, distances = reader.query(name, vector, min(k, count), where)
        except Exception:  # the bindings raise their own types; the client path still works
            log.debug("reading Chroma without its client failed", exc_info=True)
            return None
        return [VectorHit(c, d) for c, d in zip(ids, distances, strict=True)]

    def _usable_reader(self) -> ChromaReader | None:
        from app.core.storage.chroma_reader import ChromaReader

        with self._lock:
            if self._reader is None:
                self._reader = ChromaReader(self.path)
            reader = self._reader
        return reader if reader.available() else None

    def delete_document(self, collection_id: int, document_id: int) -> None:
        """One delete by document id, not a scan."""
        with self._lane(write=True):
            self._collection(collection_id).delete(where={"document_id": int(document_id)})

    def delete_ids(self, collection_id: int, ids: Sequence[str]) -> None:
        if ids:
            with self._lane(write=True):
                self._collection(collection_id).delete(ids=list(ids))

    def ids(self, collection_id: int) -> set[str]:
        found: set[str] = set()
        offset, page = 0, 5000
        with self._lane():
            col = self._collection(collection_id)
            while True:
                batch = col.get(include=[], limit=page, offset=offset)["ids"]
                found.update(batch)
                if len(batch) < page:
                    return found
                offset += page

    def count(self, collection_id: int) -> int:
        """Through the Rust reader while this process has not opened the full client: search
        checks the count before each query, and the client costs a search process ~2.7 s."""
        with self._lane():
            reader = self._usable_reader() if self._client is None else None
            if reader is not None:
                try:
                    return reader.count(_chroma_name(collection_id))
                except Exception:  # the bindings raise their own types; the client still works
                    log.debug("counting without Chroma's client failed", exc_info=True)
            return int(self._collection(collection_id).count())

    def drop(self, collection_id: int) -> None:
        with self._lane(write=True):
            self._collections.pop(collection_id, None)
            with contextlib.suppress(Exception):
                self.client.delete_collection(_chroma_name(collection_id))

    # -- staging: build a replacement beside the live vectors, then swap ---------------------

    def staging(self, collection_id: int, fresh: bool = False) -> Any:
        """A second Chroma collection for ``collection_id``, filled while search goes on."""
        name = _chroma_name(collection_id) + STAGING_SUFFIX
        if fresh:
            with contextlib.suppress(Exception):
                self.client.delete_collection(name)
        return _open(self.client, name)

    def drop_staging(self, collection_id: int) -> None:
        with contextlib.suppress(Exception):
            self.client.delete_collection(_chroma_name(collection_id) + STAGING_SUFFIX)

    def swap_in_staging(self, collection_id: int) -> None:
        """The staged vectors become the collection's; the old ones are deleted.

        Renames, not copies: Chroma renames a collection in one metadata write. Resumable: run
        again after a crash at any step, it finishes the swap (``reembed.recover_reembeds``).
        """
        live = _chroma_name(collection_id)
        staged, retired = live + STAGING_SUFFIX, live + "-retired"
        have = self._collection_names()
        self._collections.pop(collection_id, None)
        if staged in have:
            if live in have:
                if retired in have:
                    self.client.delete_collection(retired)
                self.client.get_collection(live).modify(name=retired)
            self.client.get_collection(staged).modify(name=live)
        with contextlib.suppress(Exception):
            self.client.delete_collection(retired)

    def has_staging(self, collection_id: int) -> bool:
        return _chroma_name(collection_id) + STAGING_SUFFIX in self._collection_names()

    def _collection_names(self) -> set[str]:
        return {getattr(c, "name", c) for c in self.client.list_collections()}


def _persistent_client(path: Path) -> Any:
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover - packaging error
        raise PagefoldError("The vector database (chromadb) is not installed.") from exc
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    )
