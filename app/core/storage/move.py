"""Move a collection's vectors between the embedded store and a Chroma server, verified.

The order is what makes it safe: copy, verify, switch the catalog, and only then delete the
source. Until the switch the collection keeps working from the source, and any failure (a
mismatch, a server going away, a cancel) costs nothing but the partial copy, which is removed.
Call it through ``Library.move_collection``, which holds the write lane so no ingest interleaves.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from app.core.cancel import CancelToken
from app.core.errors import CancelledError, PagefoldError
from app.core.storage.catalog import Catalog
from app.core.storage.remote import (
    ServerConfig,
    ServerVectorStore,
    VectorServerError,
    backend_of,
    describe,
    with_backend,
)
from app.core.storage.routing import VectorStores
from app.core.storage.vectors import VectorStore

log = logging.getLogger(__name__)

MOVE_BATCH = 500
VERIFY_SAMPLE = 200
VECTOR_TOLERANCE = 1e-6  # far above float32 rounding, far below any real change

Destination = Literal["embedded"] | ServerConfig
MoveProgress = Callable[[int, int], None]


@dataclass
class MoveReport:
    collection: str
    source: str
    target: str
    vectors: int
    verified: bool
    sampled: int
    seconds: float
    source_removed: bool
    note: str = ""


class MoveVerificationError(PagefoldError):
    """The copy differs from the original; nothing was switched."""


def move_collection(
    catalog: Catalog,
    stores: VectorStores,
    name: str,
    to: Destination,
    verify: bool = True,
    progress: MoveProgress | None = None,
    cancel: CancelToken | None = None,
    batch: int = MOVE_BATCH,
) -> MoveReport:
    """Copy ``name``'s vectors to ``to``, verify the copy, switch, then delete the source copy."""
    started = time.perf_counter()
    col = catalog.collection(name)
    current = backend_of(col.options)
    target_config = _destination(to, current, col.name)
    source = stores.store(col)
    target = _prepared_target(stores, col.id, target_config)
    try:
        ids = sorted(source.ids(col.id))
        _copy(source, target, col.id, ids, batch, progress, cancel or CancelToken())
        sampled = _verify(source, target, col.id, ids) if verify else 0
    except BaseException:
        _discard(target, col.id)
        raise
    catalog.update_collection(col.id, options=with_backend(col.options, target_config))
    stores.forget(col.id)
    removed, note = _remove_source(source, col.id, current)
    return MoveReport(
        collection=col.name,
        source=describe(current),
        target=describe(target_config),
        vectors=len(ids),
        verified=verify,
        sampled=sampled,
        seconds=time.perf_counter() - started,
        source_removed=removed,
        note=note,
    )


def _destination(to: Destination, current: ServerConfig | None, name: str) -> ServerConfig | None:
    if to == "embedded":
        if current is None:
            raise PagefoldError(f'Collection "{name}" is already in the embedded store.')
        return None
    if not isinstance(to, ServerConfig):
        raise PagefoldError(f"Unknown destination {to!r}: use embedded or a server.")
    if to.same_server(current):
        raise PagefoldError(f'Collection "{name}" is already on the Chroma server at {to.address}.')
    return to if to.collection else to.with_new_collection_name()


def _prepared_target(stores: VectorStores, collection_id: int, config: ServerConfig | None) -> Any:
    """An empty target: the embedded name is ours alone, so a leftover from an earlier failed
    move is cleared; a server-side name may be someone else's, so a non-empty one is refused."""
    target = stores.open(config)
    if config is None:
        target.drop(collection_id)
        return target
    assert isinstance(target, ServerVectorStore)
    target.bind(collection_id, config.collection)
    if target.exists(collection_id) and target.count(collection_id):
        raise PagefoldError(
            f"The Chroma server at {config.address} already has a collection named "
            f'"{config.collection}" with vectors in it; Pagefold will not overwrite it.'
        )
    return target


def _copy(
    source: VectorStore,
    target: VectorStore,
    collection_id: int,
    ids: Sequence[str],
    batch: int,
    progress: MoveProgress | None,
    cancel: CancelToken,
) -> None:
    """Read by id in batches (offset paging is not stable across stores) and upsert."""
    handle = source.handle(collection_id)
    target.handle(collection_id)  # created even when there is nothing to copy
    for start in range(0, len(ids), batch):
        cancel.wait_if_paused()
        if cancel.cancelled:
            raise CancelledError("The move was cancelled; the collection stays where it was.")
        got = handle.get(ids=list(ids[start : start + batch]), include=["embeddings", "metadatas"])
        target.upsert(collection_id, got["ids"], got["embeddings"], got["metadatas"])
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids))


def _verify(
    source: VectorStore, target: VectorStore, collection_id: int, ids: Sequence[str]
) -> int:
    """Counts, the full id set, and a sample of vectors and metadata compared value by value."""
    count = target.count(collection_id)
    if count != len(ids):
        raise MoveVerificationError(_mismatch(f"{count} vectors arrived of {len(ids)}"))
    missing = set(ids) - target.ids(collection_id)
    if missing:
        example = min(missing)
        raise MoveVerificationError(_mismatch(f"{len(missing)} ids are missing, e.g. {example}"))
    picks = random.Random(collection_id).sample(list(ids), min(VERIFY_SAMPLE, len(ids)))
    if not picks:
        return 0
    want = _records(source, collection_id, picks)
    got = _records(target, collection_id, picks)
    for chunk_id in picks:
        if want[chunk_id][1] != got[chunk_id][1]:
            raise MoveVerificationError(_mismatch(f"the metadata of {chunk_id} differs"))
        if not _same_vector(want[chunk_id][0], got[chunk_id][0]):
            raise MoveVerificationError(_mismatch(f"the vector of {chunk_id} differs"))
    return len(picks)


def _same_vector(a: Any, b: Any) -> bool:
    """Equal up to float32 rounding: Chroma re-normalises cosine vectors on every insert,
    which moves a component by a few units in the last place (measured: at most 1.5e-8)."""
    import numpy as np

    return bool(a.shape == b.shape and np.max(np.abs(a - b), initial=0.0) <= VECTOR_TOLERANCE)


def _records(
    store: VectorStore, collection_id: int, ids: list[str]
) -> dict[str, tuple[Any, dict[str, Any]]]:
    import numpy as np

    got = store.handle(collection_id).get(ids=ids, include=["embeddings", "metadatas"])
    return {
        cid: (np.asarray(vector, dtype=np.float64), dict(meta or {}))
        for cid, vector, meta in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True)
    }


def _mismatch(why: str) -> str:
    return (
        f"The copy does not match the original ({why}). Nothing was changed: the collection "
        "stays where it was, and the partial copy was removed."
    )


def _discard(target: VectorStore, collection_id: int) -> None:
    try:
        target.drop(collection_id)
    except VectorServerError as exc:  # the server went away too: the name is unique, harmless
        log.warning("could not remove a partial copy: %s", exc)


def _remove_source(
    source: VectorStore, collection_id: int, current: ServerConfig | None
) -> tuple[bool, str]:
    """After the switch the source copy is surplus; failing to delete it loses nothing."""
    try:
        source.drop(collection_id)
    except VectorServerError as exc:
        where = current.address if current else "the data folder"
        log.warning("moved, but the old copy on %s stays: %s", where, exc)
        return False, f"The old copy on {where} could not be removed ({exc})."
    return True, ""
