"""Tagging a collection's documents, and turning a tag filter into document ids for search.

A document is represented by the mean of its first ``SUMMARY_CHUNKS`` passage vectors, read back
from the vector store (nothing is re-embedded unless the store lacks them): the opening of a
document says most about what kind of document it is (title, parties, abstract, attendees).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from app.core.errors import NotFoundError, PagefoldError
from app.core.storage.catalog import Catalog, CollectionRecord, DocStatus

if TYPE_CHECKING:
    from app.core.embeddings.base import Embedder
    from app.core.indexing.events import IngestReport
    from app.core.storage.vectors import VectorStore
    from app.core.tagging.classifier import LabelClassifier

log = logging.getLogger(__name__)

SUMMARY_CHUNKS = 8

Tags = dict[int, list[tuple[str, float]]]


class TaggedLibrary(Protocol):
    """What tagging needs of ``app.core.library.Library``. A Protocol, not the class: the
    library tags new documents after an ingest, so tagging sits below it and cannot import it.
    """

    catalog: Catalog

    def collection(self, name: str | int) -> CollectionRecord: ...

    def embedder(self, model_name: str) -> Embedder: ...

    def vectors_for(self, col: CollectionRecord | int) -> VectorStore: ...


def set_labels(library: TaggedLibrary, name: str, labels: Sequence[str]) -> list[str]:
    """Store a collection's labels (an empty list clears them); returns them cleaned.

    Labels the collection's embedding model cannot read (Korean for an English-only model) are
    refused before anything is stored.
    """
    from app.core.tagging.classifier import check_readable

    col = library.collection(name)
    if labels:
        check_readable(library.embedder(col.embedding_model), labels)
    return library.catalog.set_labels(col.id, labels)


def tag_collection(library: TaggedLibrary, name: str, labels: Sequence[str] | None = None) -> Tags:
    """(Re)tag every indexed document of ``name``; ``labels`` first replace the stored ones.

    Returns each document's automatic tags, best first (an empty list: no label fits).
    """
    col = library.collection(name)
    if labels is not None:
        set_labels(library, name, labels)
    if not library.catalog.labels(col.id):
        raise PagefoldError(
            f'Collection "{col.name}" has no labels yet. Name some first, for example: '
            f'pagefold tags labels "{col.name}" contract report "research paper"'
        )
    documents = [d.id for d in library.catalog.documents(col.id, DocStatus.INDEXED)]
    return tag_documents(library, col, documents)


def tag_documents(
    library: TaggedLibrary, col: CollectionRecord, document_ids: Sequence[int]
) -> Tags:
    """Classify the given documents into the collection's labels and store the tags."""
    labels = library.catalog.labels(col.id)
    if not labels or not document_ids:
        return {}
    from app.core.tagging.classifier import LabelClassifier

    embedder = library.embedder(col.embedding_model)
    classifier = LabelClassifier(embedder, labels)
    found: Tags = {}
    for doc_id in document_ids:
        found[doc_id] = _tag_one(library, col, embedder, classifier, doc_id)
    return found


def tag_after_ingest(library: TaggedLibrary, col: CollectionRecord, report: IngestReport) -> Tags:
    """Tag the documents an ingest just indexed, when the collection has labels."""
    from app.core.indexing.events import FileStatus

    if not library.catalog.labels(col.id):
        return {}
    new = [r.document_id for r in report.results if r.status == FileStatus.INDEXED]
    return tag_documents(library, col, [d for d in new if d is not None])


def tagged_ids(
    catalog: Catalog,
    collection_id: int,
    tags: Sequence[str],
    document_ids: Sequence[int] | None = None,
    strict: bool = True,
) -> list[int]:
    """Documents carrying any of ``tags`` (within ``document_ids`` when given).

    With ``strict``, a tag the collection does not know is an error naming the ones it does
    (a typo should not look like "no results"); otherwise it matches nothing.
    """
    if strict:
        known = set(catalog.tag_names(collection_id))
        unknown = [t for t in tags if " ".join(t.split()) not in known]
        if unknown:
            col = catalog.collection(collection_id)
            have = ", ".join(sorted(known)) or "none yet"
            raise NotFoundError(
                f'Collection "{col.name}" has no tag {", ".join(unknown)} (its tags: {have}).'
            )
    ids = {d for tag in tags for d in catalog.documents_with_tag(collection_id, tag)}
    if document_ids:
        ids &= {int(d) for d in document_ids}
    return sorted(ids)


def _tag_one(
    library: TaggedLibrary,
    col: CollectionRecord,
    embedder: Embedder,
    classifier: LabelClassifier,
    doc_id: int,
) -> list[tuple[str, float]]:
    vector = document_vector(library, col, embedder, doc_id)
    tags = classifier.classify(vector) if vector is not None else []
    library.catalog.set_document_tags(doc_id, tags, source="auto")
    return tags


def document_vector(
    library: TaggedLibrary, col: CollectionRecord, embedder: Embedder, doc_id: int
) -> list[float] | None:
    """Mean of the document's first passage vectors; ``None`` for a document with no text."""
    import numpy as np

    chunks = library.catalog.chunks(doc_id)[:SUMMARY_CHUNKS]
    if not chunks:
        return None
    vectors = _stored_vectors(library, col, [c.id for c in chunks])
    if len(vectors) < len(chunks):  # e.g. a vector server that lost some: embed the text again
        vectors = embedder.embed_documents([c.text for c in chunks])
    mean: list[float] = np.mean(np.asarray(vectors, dtype=np.float64), axis=0).tolist()
    return mean


def _stored_vectors(library: TaggedLibrary, col: CollectionRecord, ids: list[str]) -> list[Any]:
    try:
        got = library.vectors_for(col).handle(col.id).get(ids=ids, include=["embeddings"])
    except Exception:  # the store is only a shortcut; re-embedding always works
        log.warning("reading stored vectors of %s failed; embedding again", col.name, exc_info=True)
        return []
    embeddings = got.get("embeddings")
    return [] if embeddings is None else list(embeddings)
