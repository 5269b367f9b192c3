"""Change a collection's embedding model: embed every passage again, then swap.

Why staged: a collection of 10k passages takes minutes to re-embed on a CPU (e5-base about
2.5x e5-small), and the user should keep searching it meanwhile. The new vectors go into a
second Chroma collection; only when every passage has one do the catalog and the vectors switch
together. A cancel or a failure deletes the staged copy and leaves the old vectors and model
exactly as they were; a crash during the swap is finished at the next start (the pending model
is recorded in the collection's options first). Call it through ``Library.change_embedder``,
which holds the write lane.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.cancel import CancelToken
from app.core.errors import CancelledError, PagefoldError
from app.core.storage.catalog import ChunkRecord, CollectionRecord, DocStatus
from app.core.storage.remote import backend_of

if TYPE_CHECKING:
    from app.core.embeddings.base import Embedder
    from app.core.storage.catalog import Catalog
    from app.core.storage.vectors import VectorStore


class Library(Protocol):
    """What a re-embed needs of ``app.core.library.Library`` (a Protocol, so indexing stays
    below the library in the layers)."""

    catalog: Catalog
    vectors: VectorStore

    def collection(self, name: str) -> CollectionRecord: ...

    def embedder(self, model_name: str) -> Embedder: ...


log = logging.getLogger(__name__)

#: Passages per embedding call, as ingest uses.
BATCH = 32
#: Collection option naming the model of vectors being swapped in (cleared when done).
PENDING = "reembed_pending"

ReembedProgress = Callable[[int, int], None]  # (passages done, passages in all)


@dataclass
class ReembedReport:
    collection: str
    old_model: str
    new_model: str
    old_dimension: int | None
    new_dimension: int
    passages: int
    reparsed: int  # documents whose file was read again for the exact ingest text
    seconds: float


@dataclass
class _Item:
    chunk_id: str
    text: str
    metadata: dict[str, Any]


def reembed_collection(
    library: Library,
    name: str,
    model: str,
    progress: ReembedProgress | None = None,
    cancel: CancelToken | None = None,
) -> ReembedReport:
    """Embed ``name``'s passages with ``model`` into a staged copy; swap when complete."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    col = library.collection(name)
    if backend_of(col.options) is not None:
        raise PagefoldError(
            f'Collection "{col.name}" keeps its vectors on a Chroma server. Move it to this '
            "computer (`pagefold collections move NAME --to embedded`), change its embedding "
            "model, then move it back."
        )
    embedder = library.embedder(model)
    items, reparsed = _items(library, col)
    store = library.vectors
    staged = store.staging(col.id, fresh=True)
    try:
        _embed_into(staged, embedder, items, progress, cancel)
    except BaseException:
        store.drop_staging(col.id)
        raise
    pending = {"model": embedder.name, "dimension": embedder.dimension}
    library.catalog.update_collection(col.id, options={**col.options, PENDING: pending})
    store.swap_in_staging(col.id)  # a crash from here on is finished by recover_reembeds
    _commit(library, col.id)
    return ReembedReport(
        col.name,
        col.embedding_model,
        embedder.name,
        col.embedding_dim,
        embedder.dimension,
        len(items),
        reparsed,
        time.perf_counter() - started,
    )


def recover_reembeds(library: Library) -> int:
    """After a crash: finish a swap that had started, drop staged copies that had not.

    Returns how many collections needed it. Embedded collections only (server ones refuse
    re-embedding), so this never reaches for a server.
    """
    fixed = 0
    for col in library.catalog.collections():
        if backend_of(col.options) is not None:
            continue
        if PENDING in col.options:
            library.vectors.swap_in_staging(col.id)
            _commit(library, col.id)
            fixed += 1
        elif library.vectors.has_staging(col.id):
            library.vectors.drop_staging(col.id)
            fixed += 1
    return fixed


def _commit(library: Library, collection_id: int) -> None:
    """The catalog takes the model the swapped-in vectors were made with, in one transaction."""
    col = library.catalog.collection(collection_id)
    options = dict(col.options)
    pending = options.pop(PENDING)
    with library.catalog.transaction() as db:
        db.execute(
            "UPDATE collections SET embedding_model=?, embedding_dim=?, options=? WHERE id=?",
            (pending["model"], int(pending["dimension"]), json.dumps(options), collection_id),
        )


def _embed_into(
    staged: Any,
    embedder: Embedder,
    items: list[_Item],
    progress: ReembedProgress | None,
    cancel: CancelToken,
) -> None:
    """Shortest passages first, as ingest batches them (less padding per batch)."""
    lengths = embedder.token_lengths([i.text for i in items])
    order = sorted(range(len(items)), key=lengths.__getitem__)
    done = 0
    if progress:
        progress(0, len(items))
    for start in range(0, len(order), BATCH):
        cancel.wait_if_paused()
        if cancel.cancelled:
            raise CancelledError("Changing the embedding model was cancelled; nothing changed.")
        batch = [items[i] for i in order[start : start + BATCH]]
        vectors = embedder.embed_documents([i.text for i in batch])
        staged.upsert(
            ids=[i.chunk_id for i in batch],
            embeddings=[list(v) for v in vectors],
            metadatas=[i.metadata for i in batch],
        )
        done += len(batch)
        if progress:
            progress(done, len(items))


def _items(library: Library, col: CollectionRecord) -> tuple[list[_Item], int]:
    """Every indexed passage with the text ingest embedded for it."""
    items: list[_Item] = []
    reparsed = 0
    for doc in library.catalog.documents(col.id, status=DocStatus.INDEXED):
        chunks = library.catalog.chunks(doc.id)
        texts = _ingest_texts(col, doc.path, doc.content_hash, chunks)
        reparsed += texts is not None
        for n, chunk in enumerate(chunks):
            text = texts[n] if texts is not None else chunk.text
            meta = {"document_id": doc.id, "page": chunk.page, "ord": chunk.ord}
            items.append(_Item(chunk.id, text, meta))
    return items, reparsed


def _ingest_texts(
    col: CollectionRecord, path: str, digest: str, chunks: list[ChunkRecord]
) -> list[str] | None:
    """The exact texts ingest embedded (passage under its heading, without the overlap),
    from the file when it is unchanged; None, and the stored passage text is used, when the
    file is gone or changed or splits differently (the catalog keeps no heading)."""
    from app.core.indexing.pipeline import chunk_id, file_hash, parse_file

    file = Path(path)
    try:
        if not file.is_file() or file_hash(file) != digest:
            return None
        parsed = parse_file(file, col.chunk_tokens, col.chunk_overlap, None)
    except Exception as exc:  # an unreadable file still has its stored passages
        log.info("re-embedding %s from its stored passages: %s", path, exc)
        return None
    ids = [chunk_id(col.id, digest, c.index) for c in parsed.chunks]
    if ids != [c.id for c in chunks]:
        return None
    return list(parsed.embed_texts)
