"""The Library: collections, ingestion and search behind one facade for the CLI, UI and chat.

Index writes (SQLite + Chroma) go through one lock, the "write lane", so two ingests never
interleave their changes; searches read concurrently. Heavy pieces (Chroma, embedders) open on
first use. Other processes on the same data folder are kept apart by ``coordination``: a
collection's documents are written only under its lease, and recovery only touches collections
no live process holds.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.cancel import CancelToken
from app.core.config import Settings
from app.core.errors import EmbeddingMismatchError, ModelError, NotFoundError, PagefoldError
from app.core.indexing.events import (
    FileResult,
    FileStatus,
    IngestReport,
    ProgressCallback,
)
from app.core.storage.catalog import Catalog, CollectionRecord, DocStatus, DocumentRecord
from app.core.storage.coordination import coordinator
from app.core.storage.failures import CorruptStoreError, DamagedCollectionError
from app.core.storage.passage import Passage
from app.core.storage.routing import VectorStores
from app.core.storage.vectors import VectorStore

if TYPE_CHECKING:
    from app.core.embeddings.base import Embedder
    from app.core.embeddings.cache import VectorCache
    from app.core.embeddings.query import QueryEmbedder
    from app.core.indexing.reembed import ReembedProgress, ReembedReport
    from app.core.retrieval.hybrid import HybridSearcher
    from app.core.retrieval.languages import QueryRewriter
    from app.core.retrieval.reranker_choice import RerankerChoice
    from app.core.retrieval.retriever import PagefoldRetriever
    from app.core.storage.move import Destination, MoveProgress, MoveReport

log = logging.getLogger(__name__)

INTERRUPTED_NOTE = "interrupted; the next ingest or refresh redoes it"


class Library:
    """All of a user's collections in one data folder."""

    def __init__(self, settings: Settings, vector_client: Any = None) -> None:
        self.settings = settings
        self.layout = settings.layout.ensure()
        self.catalog = Catalog(self.layout.catalog_db)
        self.coordinator = coordinator(self.layout.root)
        self.vectors = VectorStore(
            self.layout.chroma_dir, client=vector_client, coordinator=self.coordinator
        )
        self.stores = VectorStores(self.vectors, self.catalog)  # per collection: embedded or server
        self._write_lane = threading.RLock()
        self._searcher: HybridSearcher | None = None
        self._searcher_lock = threading.Lock()
        self._reranker_folder: Path | None = None
        self._recovered = False

    def close(self) -> None:
        self.catalog.close()
        self.vectors.close()

    def warm_up(self) -> None:
        """Load now what the first ingest or search would otherwise load in the middle of it.

        Why: Chroma's first collection use imports its configuration modules (jsonschema and
        the schema registry), which held the GIL long enough to freeze the window for 140 ms
        mid-indexing. The window calls this in a worker once it is on screen, as does nothing
        else: the CLI pays only for what a command uses.
        """
        import chromadb.utils.embedding_functions  # noqa: F401  (what collection use imports)

        from app.core.documents import loaders, splitter  # noqa: F401
        from app.core.retrieval import hybrid, lexical  # noqa: F401

        _ = self.vectors.client
        self.embedder(self.settings.retrieval.embedding_model)

    # -- collections ------------------------------------------------------------------------

    def collections(self) -> list[CollectionRecord]:
        return self.catalog.collections()

    def collection(self, name: str | int) -> CollectionRecord:
        return self.catalog.collection(name)

    def create_collection(
        self,
        name: str,
        embedding_model: str | None = None,
        chunk_tokens: int | None = None,
        chunk_overlap: int | None = None,
    ) -> CollectionRecord:
        r = self.settings.retrieval
        with self._write_lane:
            return self.catalog.create_collection(
                name,
                embedding_model or r.embedding_model,
                chunk_tokens or r.chunk_tokens,
                r.chunk_overlap if chunk_overlap is None else chunk_overlap,
            )

    def rename_collection(self, name: str, new_name: str) -> None:
        with self._write_lane:
            self.catalog.rename_collection(self.collection(name).id, new_name)

    def set_collection_options(self, name: str, options: dict[str, object]) -> None:
        """Replace the collection's catalog options (a temporary flag, a vector backend)."""
        with self._write_lane:
            self.catalog.update_collection(self.collection(name).id, options=dict(options))

    def delete_collection(self, name: str) -> None:
        """Vectors first, then the catalog row: a crash in between leaves no orphan vectors."""
        col = self.collection(name)
        with self._write_lane, self.coordinator.lease(col.id):
            self.vectors_for(col).drop(col.id)
            self.catalog.delete_collection(col.id)
            self._lexical_dir_remove(col.id)
            self._invalidate(col.id)

    def set_chunking(self, name: str, chunk_tokens: int, chunk_overlap: int | None = None) -> None:
        """Change a collection's passage size; its documents are re-split at the next refresh.

        Old passages stay searchable until each document is re-indexed, so nothing disappears
        while the refresh runs.
        """
        from app.core.config import RetrievalSettings

        col = self.collection(name)
        overlap = col.chunk_overlap if chunk_overlap is None else chunk_overlap
        overlap = min(overlap, chunk_tokens // 2)
        try:
            RetrievalSettings(chunk_tokens=chunk_tokens, chunk_overlap=overlap)
        except ValueError as exc:
            raise PagefoldError(f"Passage size {chunk_tokens} is not allowed: {exc}") from exc
        with self._write_lane, self.catalog.transaction() as db:
            self.catalog.update_collection(col.id, chunk_tokens=chunk_tokens, chunk_overlap=overlap)
            db.execute(  # forget size/mtime/hash so the next refresh re-indexes every document
                "UPDATE documents SET mtime=-1, content_hash='' WHERE collection_id=?", (col.id,)
            )

    def documents(self, name: str | int) -> list[DocumentRecord]:
        """A collection's documents; one left ``indexing`` by a process that is gone reads
        ``interrupted``, with a note that the next ingest or refresh redoes it."""
        col = self.collection(name)
        docs = self.catalog.documents(col.id)
        if any(d.status == DocStatus.INDEXING for d in docs) and not self._in_progress(col.id):
            for doc in docs:
                if doc.status == DocStatus.INDEXING:
                    doc.status, doc.error = DocStatus.INTERRUPTED, INTERRUPTED_NOTE
        return docs

    def _in_progress(self, collection_id: int) -> bool:
        """Is a live process (this one included) writing the collection now?"""
        if self.coordinator.owner(collection_id) is not None:
            return True
        with self.coordinator.try_lease(collection_id) as free:
            return not free

    def vectors_for(self, col: CollectionRecord | int) -> VectorStore:
        """The store holding a collection's vectors: the embedded one, or its Chroma server."""
        return self.stores.store(col)

    def move_collection(
        self,
        name: str,
        to: Destination,
        verify: bool = True,
        progress: MoveProgress | None = None,
        cancel: CancelToken | None = None,
    ) -> MoveReport:
        """Copy a collection's vectors to ``to``, verify, switch, then delete the old copy."""
        from app.core.storage.move import move_collection

        with self._write_lane, self.coordinator.lease(self.collection(name).id):
            self._recover_once()
            return move_collection(self.catalog, self.stores, name, to, verify, progress, cancel)

    def change_embedder(
        self,
        name: str,
        model: str,
        progress: ReembedProgress | None = None,
        cancel: CancelToken | None = None,
    ) -> ReembedReport:
        """Re-embed a collection with ``model``; old vectors serve until the new ones are all
        in (``indexing/reembed.py``)."""
        from app.core.indexing.reembed import reembed_collection

        with self._write_lane:
            self._recover_once()
            return reembed_collection(self, name, model, progress, cancel)

    # -- ingestion --------------------------------------------------------------------------

    def ingest(
        self,
        name: str,
        paths: Sequence[Path],
        include: Sequence[str] = (),
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        passwords: dict[str, str] | None = None,
        create: bool = True,
        follow_folders: bool = True,
        force: bool = False,
    ) -> IngestReport:
        """Add files and folders; unchanged files cost a stat call, changed ones are re-indexed.

        Files with more text than ``indexing.max_text_chars`` are skipped (``error_kind``
        "too_long") unless ``force``."""
        from app.core.indexing.scan import scan_paths  # loads every loader: not for a search

        col = self.catalog.find_collection(name)
        if col is None:
            if not create:
                raise NotFoundError(f'No collection named "{name}".')
            col = self.create_collection(name)
        scan = scan_paths(paths, include, self.settings.indexing.follow_outside_links)
        report = IngestReport(collection=col.name)
        report.results.extend(
            FileResult(str(p), FileStatus.FAILED, why) for p, why in scan.problems
        )
        report.results.extend(
            FileResult(str(p), FileStatus.SKIPPED, why) for p, why in scan.skipped
        )
        with self._write_lane, self.coordinator.lease(col.id):
            self._recover_once()
            if follow_folders:
                for path in paths:
                    if Path(path).is_dir():
                        self.catalog.add_folder(col.id, str(Path(path).absolute()), list(include))
            limit = None if force else self.settings.indexing.max_text_chars
            self._run_ingest(col, scan.files, report, progress, cancel, passwords, limit)
        return report

    def refresh(
        self, name: str, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
    ) -> IngestReport:
        """Re-scan followed folders and known files: new and changed files are indexed,
        files gone from disk are dropped, unchanged files cost one stat call each."""
        from app.core.indexing.scan import scan_paths

        col = self.collection(name)
        report = IngestReport(collection=col.name)
        with self._write_lane, self.coordinator.lease(col.id):
            self._recover_once()
            files: list[Path] = []
            for folder, include in self.catalog.folders(col.id):
                if Path(folder).is_dir():
                    scan = scan_paths(
                        [Path(folder)], include, self.settings.indexing.follow_outside_links
                    )
                    files.extend(scan.files)
            known = {Path(d.path) for d in self.catalog.documents(col.id)}
            for doc in self.catalog.documents(col.id):
                path = Path(doc.path)
                if not path.exists():
                    self._remove(col, doc)
                    report.results.append(
                        FileResult(doc.path, FileStatus.REMOVED, "gone from disk")
                    )
            files.extend(p for p in known if p.exists() and p not in set(files))
            limit = self.settings.indexing.max_text_chars
            self._run_ingest(col, files, report, progress, cancel, None, limit)
        return report

    @contextlib.contextmanager
    def write_lane(self, collection_id: int) -> Iterator[None]:
        """This process's write lane plus the collection's lease across processes."""
        with self._write_lane, self.coordinator.lease(collection_id):
            yield

    def drop_lexical(self, collection_id: int) -> None:
        """Delete the saved BM25 index; the next search (or ``prepare_search``) rebuilds it."""
        self._lexical_dir_remove(collection_id)
        self._invalidate(collection_id)

    def _mark_missing_vectors(self, col: CollectionRecord) -> int:
        """Documents indexed in the catalog whose vectors are gone (a deleted or damaged
        ``chroma`` folder) are re-indexed by this run instead of being called unchanged.
        One count when nothing is missing; the id lists only when something is."""
        store = self.vectors_for(col)
        expected = self.catalog.collection(col.id).chunk_count
        if not expected or store.count(col.id) >= expected:
            return 0
        present = store.ids(col.id)
        marked = 0
        for doc in self.catalog.documents(col.id, status=DocStatus.INDEXED):
            if not set(self.catalog.chunk_ids(doc.id)) <= present:
                self.catalog.upsert_document(col.id, doc.path, mtime=-1.0, content_hash="")
                marked += 1
        log.warning("%s: %d documents had lost their vectors; re-indexing them", col.name, marked)
        return marked

    def _run_ingest(
        self,
        col: CollectionRecord,
        files: list[Path],
        report: IngestReport,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
        passwords: dict[str, str] | None,
        max_text_chars: int | None = None,
    ) -> None:
        from app.core.indexing.pipeline import Ingestor

        if files:
            self._mark_missing_vectors(col)
        embedder, cache = self._cached_embedder(col) if files else (None, None)
        vectors = self.vectors_for(col)
        ingestor = Ingestor(
            self.catalog, vectors, col, embedder, progress, cancel, passwords, max_text_chars
        )
        try:
            ingestor.run(files, report)
        except BaseException:
            self._recovered = False  # e.g. a full disk: the next run first finishes the clean-up
            raise
        finally:
            self._invalidate(col.id)
            if cache is not None:
                cache.close()
        try:  # tags are a nicety: a tagging failure never fails the ingest
            from app.core.tagging.service import tag_after_ingest

            tag_after_ingest(self, col, report)
        except Exception:
            log.exception("tagging the new documents of %s failed", col.name)

    def remove_document(self, name: str, document_id: int) -> None:
        """Immediate: one vector delete by document id, then the catalog rows."""
        col = self.collection(name)
        with self._write_lane, self.coordinator.lease(col.id):
            doc = self.catalog.document(document_id)
            if doc.collection_id != col.id:
                raise NotFoundError(f"Document {document_id} is not in collection {col.name}.")
            self._remove(col, doc)
            self._invalidate(col.id)

    def _remove(self, col: CollectionRecord, doc: DocumentRecord) -> None:
        self.catalog.set_status(doc.id, "removing")
        self.vectors_for(col).delete_document(col.id, doc.id)
        self.catalog.delete_document(doc.id)

    # -- crash recovery ---------------------------------------------------------------------

    def _recover_once(self) -> None:
        """Before each write: two catalog lookups when nothing was interrupted, and a crash
        of another process since the last run is cleaned up too."""
        self._recovered = True
        self.recover()

    def recover(self) -> dict[str, int]:
        """Bring catalog and vectors back into agreement after a crash.

        Documents caught mid-indexing lose their partial vectors and go back to pending (the
        next ingest or refresh redoes them); half-removed documents finish being removed;
        vectors whose chunk the catalog does not list as indexed are deleted. Only collections
        whose lease this process can take are touched: a document another live process is
        indexing is work in progress, not a crash (issue 19: treating it as one lost it).
        """
        stats = {"redone": 0, "removed": 0, "orphans": 0, "busy": 0, "reembeds": 0}
        with self._write_lane:
            interrupted = self.catalog.documents_in_state(DocStatus.INDEXING)
            removing = self.catalog.documents_in_state("removing")
            for cid in sorted({d.collection_id for d in [*interrupted, *removing]}):
                with self.coordinator.try_lease(cid) as ours:
                    if not ours:
                        stats["busy"] += 1
                        continue
                    self._recover_collection(cid, interrupted, removing, stats)
            from app.core.indexing.reembed import recover_reembeds

            stats["reembeds"] = recover_reembeds(self)
        if any(stats.values()):
            log.warning("recovered after an interrupted run: %s", stats)
        return stats

    def _recover_collection(
        self,
        cid: int,
        interrupted: list[DocumentRecord],
        removing: list[DocumentRecord],
        stats: dict[str, int],
    ) -> None:
        """Called under the collection's lease, with documents found before it was taken:
        each is re-read, since the process that held the lease may have finished it."""
        for doc in (d for d in interrupted if d.collection_id == cid):
            if self._status(doc.id) != DocStatus.INDEXING:
                continue
            self.vectors_for(cid).delete_document(cid, doc.id)
            with self.catalog.transaction():
                self.catalog.replace_chunks(doc.id, [])
                self.catalog.set_status(doc.id, DocStatus.PENDING, INTERRUPTED_NOTE)
            stats["redone"] += 1
        for doc in (d for d in removing if d.collection_id == cid):
            if self._status(doc.id) != "removing":
                continue
            self.vectors_for(cid).delete_document(cid, doc.id)
            self.catalog.delete_document(doc.id)
            stats["removed"] += 1
        stats["orphans"] += self._delete_orphans(cid)

    def _status(self, document_id: int) -> str | None:
        try:
            return self.catalog.document(document_id).status
        except NotFoundError:
            return None

    def _delete_orphans(self, cid: int) -> int:
        """Vectors of chunks the catalog does not list as indexed (caller holds the lease)."""
        vectors = self.vectors_for(cid)
        orphans = vectors.ids(cid) - self.catalog.indexed_chunk_ids(cid)
        vectors.delete_ids(cid, sorted(orphans))
        return len(orphans)

    def consistency(self, name: str) -> dict[str, int]:
        """Counts a test or a reviewer can check: catalog and vector store must agree."""
        col = self.collection(name)
        catalog_ids = self.catalog.indexed_chunk_ids(col.id)
        vector_ids = self.vectors_for(col).ids(col.id)
        return {
            "catalog_chunks": len(catalog_ids),
            "vectors": len(vector_ids),
            "orphan_vectors": len(vector_ids - catalog_ids),
            "missing_vectors": len(catalog_ids - vector_ids),
        }

    # -- search -----------------------------------------------------------------------------

    def search(
        self,
        collections: str | Sequence[str],
        query: str,
        k: int | None = None,
        document_ids: Sequence[int] | None = None,
        tags: Sequence[str] | None = None,
        rewrite: QueryRewriter | None = None,
    ) -> list[Passage]:
        """Hybrid search over one or more collections, merged by score; ``tags`` limits it to
        documents carrying any of them; ``rewrite`` (a loaded model) also searches with the
        question translated into a collection's language (``retrieval.languages``)."""
        from app.core.retrieval.query import check_query, has_words

        names = [collections] if isinstance(collections, str) else list(collections)
        if not query.strip():
            raise PagefoldError("Type a question or some words to search for.")
        query = check_query(query)  # before any tokenisation: 100 KB used to cost 58 s
        if not has_words(query):
            return []  # punctuation alone matches nothing (not table-of-contents dot lines)
        k = k or self.settings.retrieval.k
        passages: list[Passage] = []
        for name in names:
            col = self.collection(name)
            ids = document_ids
            if tags:
                from app.core.tagging.service import tagged_ids

                ids = tagged_ids(self.catalog, col.id, tags, document_ids, strict=len(names) == 1)
                if not ids:
                    continue
            try:
                self._check_vectors(col)
                found = self.searcher.search(
                    col,
                    query,
                    self._query_embedder(col),
                    k=k,
                    candidates=self.settings.retrieval.candidates,
                    document_ids=ids,
                    rewrite=rewrite,
                )
            except CorruptStoreError as exc:
                if isinstance(exc, DamagedCollectionError):
                    raise
                raise DamagedCollectionError(str(exc), col.name) from exc
            for p in found:
                p.collection = col.name
            passages.extend(found)
        passages.sort(key=lambda p: p.score, reverse=True)
        return passages[:k]

    def _check_vectors(self, col: CollectionRecord) -> None:
        """Fewer vectors than indexed passages means a damaged or deleted store: say so rather
        than search on keywords alone (issue 19). One count per collection searched."""
        have = self.vectors_for(col).count(col.id)
        if have < col.chunk_count:
            raise DamagedCollectionError(
                f'Collection "{col.name}" has lost vectors: {col.chunk_count - have} of '
                f"{col.chunk_count} passages have none, so search would miss them. Repair it "
                f'(in the window, or `pagefold collections repair "{col.name}"`): only what is '
                "missing is embedded again.",
                col.name,
            )

    def prepare_search(self, name: str) -> None:
        """Build the collection's BM25 index now, after an ingest, rather than at the next
        search: at 100k passages the rebuild takes ~23 s, which the first question after an
        ingest would otherwise spend on "Searching…". The window calls this in its indexing
        worker once a batch is done; a search that comes first simply builds it itself. The
        word bridge for questions in the other language (``retrieval.bridge``; ~2 ms a word)
        is built here too."""
        col = self.collection(name)
        self.searcher.prepare(col.id, self._query_embedder(col) if col.chunk_count else None)

    def retriever(
        self,
        collections: str | Sequence[str],
        k: int | None = None,
        document_ids: Sequence[int] | None = None,
        tags: Sequence[str] | None = None,
        rewrite: QueryRewriter | None = None,
    ) -> PagefoldRetriever:
        from app.core.retrieval.retriever import PagefoldRetriever

        def search(query: str) -> list[Passage]:
            return self.search(
                collections, query, k=k, document_ids=document_ids, tags=tags, rewrite=rewrite
            )

        return PagefoldRetriever(search=search)

    @property
    def searcher(self) -> HybridSearcher:
        with self._searcher_lock:
            if self._searcher is None:
                from app.core.retrieval.hybrid import HybridSearcher

                self._searcher = HybridSearcher(self.catalog, self.stores, self.layout)
            self._sync_reranker(self._searcher)
            return self._searcher

    def reranker_choice(self) -> RerankerChoice:
        """The reranker the settings name, resolved against the installed models now."""
        from app.core.retrieval.reranker_choice import resolve

        r = self.settings.retrieval
        return resolve(r.reranker, self.layout, r.use_reranker)

    def _sync_reranker(self, searcher: HybridSearcher) -> None:
        """Load the chosen reranker when the choice changed (a download, a setting)."""
        from app.core.retrieval.rerank import load_reranker

        folder = self.reranker_choice().folder
        if folder != self._reranker_folder:
            self._reranker_folder = folder
            searcher.reranker = load_reranker(folder)

    def page_text(self, document_id: int, page: int) -> str:
        return self.catalog.page_text(document_id, page)

    # -- embeddings -------------------------------------------------------------------------

    def embedder(self, model_name: str) -> Embedder:
        """A built-in model, an installed embedding model's id, or a folder path."""
        from app.core.embeddings.factory import load_embeddings
        from app.core.models.registry import ModelRegistry

        model = ModelRegistry(self.layout).find(model_name)
        if model is not None and model.kind == "embedding":
            return load_embeddings(model_name, folder=model.path)
        try:
            return load_embeddings(model_name)
        except ModelError as exc:
            raise _not_downloaded(model_name) or exc from None

    def _query_embedder(self, col: CollectionRecord) -> QueryEmbedder:
        """For questions: a cheaper engine with the same vectors where there is one (the
        searcher checks the name and dimension against the collection's)."""
        from app.core.embeddings.factory import query_engine

        cheap = query_engine(col.embedding_model) if col.embedding_dim else None
        return cheap or self._embedder_for(col)

    def _cached_embedder(self, col: CollectionRecord) -> tuple[Embedder, VectorCache | None]:
        """The collection's embedder behind the content-hash vector cache (identical passages
        embed once); the plain embedder when the cache cannot be opened."""
        from app.core.embeddings.cache import CachedEmbedder, VectorCache

        embedder = self._embedder_for(col)
        try:
            cache = VectorCache(self.layout.vector_cache_db)
        except (OSError, sqlite3.Error):
            log.warning("vector cache unavailable; embedding every passage", exc_info=True)
            return embedder, None
        return CachedEmbedder(embedder, cache), cache

    def embedder_for(self, col: CollectionRecord) -> Embedder:
        return self._embedder_for(col)

    def _embedder_for(self, col: CollectionRecord) -> Embedder:
        """The collection's own model; its name and dimension are recorded on first use."""
        embedder = self.embedder(col.embedding_model)
        if col.embedding_dim is None:
            self.catalog.set_embedding(col.id, embedder.name, embedder.dimension)
            col.embedding_dim = embedder.dimension
        elif col.embedding_dim != embedder.dimension:
            raise EmbeddingMismatchError(
                f'Collection "{col.name}" was built with {col.embedding_model} '
                f"({col.embedding_dim} dimensions) but that model now gives {embedder.dimension}. "
                "Re-create the collection to use another embedding model."
            )
        return embedder

    # -- internals --------------------------------------------------------------------------

    def _invalidate(self, collection_id: int) -> None:
        if self._searcher is not None:
            self._searcher.invalidate(collection_id)

    def _lexical_dir_remove(self, collection_id: int) -> None:
        import shutil

        shutil.rmtree(self.layout.lexical_index(collection_id), ignore_errors=True)


def _not_downloaded(name: str) -> ModelError | None:
    """A catalog embedder named by id that is not installed yet: say how to get it."""
    from app.core.models.catalog import find_entry, load_catalog

    try:
        entry = find_entry(load_catalog(), name)
    except PagefoldError:
        return None
    if entry.kind != "embedding":
        return None
    return ModelError(
        f'The embedding model "{entry.id}" is not downloaded yet: `pagefold models download '
        f"{entry.id}` (or Models › Download in the window), then choose it again."
    )
