"""Which vector store holds each collection: the embedded one, or the Chroma server it names.

The Library keeps one router; the ingestor gets the resolved store of its collection, and the
searcher (shared by all collections) gets the router itself, which has the ``VectorStore``
interface and forwards each call by collection id. Collections on the same server share one
HTTP client.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from app.core.storage.catalog import Catalog, CollectionRecord
from app.core.storage.remote import ServerConfig, ServerVectorStore, backend_of
from app.core.storage.vectors import VectorHit, VectorStore

Connect = Callable[[ServerConfig], ServerVectorStore]


class VectorStores(VectorStore):
    """Maps a collection to its store; itself a ``VectorStore`` that routes by collection id."""

    def __init__(
        self, embedded: VectorStore, catalog: Catalog, connect: Connect = ServerVectorStore
    ) -> None:
        super().__init__(embedded.path)
        self.embedded = embedded
        self.catalog = catalog
        self._connect = connect
        self._servers: dict[ServerConfig, ServerVectorStore] = {}
        self._routes: dict[int, tuple[str, VectorStore]] = {}
        self._route_lock = threading.Lock()

    @property
    def client(self) -> Any:
        return self.embedded.client

    def store(self, collection: CollectionRecord | int) -> VectorStore:
        """The store for ``collection`` as its catalog options say now."""
        if not isinstance(collection, CollectionRecord):
            collection = self.catalog.collection(collection)
        config = backend_of(collection.options)
        key = repr(config)
        with self._route_lock:
            cached = self._routes.get(collection.id)
            if cached is not None and cached[0] == key:
                return cached[1]
            store = self.embedded if config is None else self._server(config, collection.id)
            self._routes[collection.id] = (key, store)
            return store

    def open(self, config: ServerConfig | None) -> VectorStore:
        """The store for a backend that no collection may use yet (the target of a move)."""
        if config is None:
            return self.embedded
        with self._route_lock:
            return self._server(config, None)

    def forget(self, collection_id: int) -> None:
        """Drop the cached route after the collection's backend changed."""
        with self._route_lock:
            self._routes.pop(collection_id, None)

    def _server(self, config: ServerConfig, collection_id: int | None) -> ServerVectorStore:
        server = replace(config, collection="")  # one client per server, not per collection
        if server not in self._servers:
            self._servers[server] = self._connect(server)
        store = self._servers[server]
        if collection_id is not None:
            store.bind(collection_id, config.collection)
        return store

    # -- the VectorStore interface, forwarded ------------------------------------------------

    def handle(self, collection_id: int) -> Any:
        return self.store(collection_id).handle(collection_id)

    def upsert(
        self,
        collection_id: int,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        self.store(collection_id).upsert(collection_id, ids, vectors, metadatas)

    def query(
        self,
        collection_id: int,
        vector: Sequence[float],
        k: int,
        document_ids: Sequence[int] | None = None,
    ) -> list[VectorHit]:
        return self.store(collection_id).query(collection_id, vector, k, document_ids)

    def delete_document(self, collection_id: int, document_id: int) -> None:
        self.store(collection_id).delete_document(collection_id, document_id)

    def delete_ids(self, collection_id: int, ids: Sequence[str]) -> None:
        self.store(collection_id).delete_ids(collection_id, ids)

    def ids(self, collection_id: int) -> set[str]:
        return self.store(collection_id).ids(collection_id)

    def count(self, collection_id: int) -> int:
        return self.store(collection_id).count(collection_id)

    def drop(self, collection_id: int) -> None:
        self.store(collection_id).drop(collection_id)
        self.forget(collection_id)
