"""Ingestion: hash, parse, split, embed (batched), store, with progress and cancel.

Parsing runs one file ahead of embedding in a background thread, so the CPU-bound embedder is
never idle waiting for the parser. Each document moves ``indexing`` → ``indexed`` (or ``failed``)
and its chunks, tokens and vectors are written under deterministic ids, so an interrupted run is
redone idempotently (see ``recover``). One bad file never stops the batch.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.core.documents.model import ChunkSpan, ParsedDocument
from app.core.errors import CancelledError, DocumentError, PagefoldError
from app.core.indexing.events import (
    CancelToken,
    FileResult,
    FileStatus,
    IngestProgress,
    IngestReport,
    ProgressCallback,
)
from app.core.storage.catalog import Catalog, ChunkRecord, CollectionRecord, DocStatus
from app.core.storage.vectors import VectorStore

log = logging.getLogger(__name__)

EMBED_BATCH = 32
HASH_BLOCK = 1 << 20


@dataclass
class _Parsed:
    doc: ParsedDocument
    chunks: list[ChunkSpan]
    tokens: list[str]


def file_hash(path: Path) -> str:
    """BLAKE2b of the content: identical files are indexed once, renames cost nothing."""
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as fh:
        while block := fh.read(HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def chunk_id(collection_id: int, content_hash: str, index: int) -> str:
    """Deterministic: re-running an interrupted ingest overwrites instead of duplicating."""
    return f"c{collection_id}-{content_hash[:20]}-{index:05d}"


def parse_file(path: Path, chunk_tokens: int, overlap: int, password: str | None) -> _Parsed:
    """Load, split and tokenize one file (runs in the parser thread)."""
    from app.core.documents.loaders import load_document
    from app.core.documents.splitter import split_document
    from app.core.retrieval.tokenize import lexical_tokens

    doc = load_document(path, password=password)
    chunks = split_document(doc, chunk_tokens=chunk_tokens, overlap=overlap)
    if not chunks:
        raise DocumentError(f"{path.name}: no text found to index.")
    tokens = [" ".join(lexical_tokens(c.text)) for c in chunks]
    return _Parsed(doc, chunks, tokens)


class Ingestor:
    """Indexes files into one collection; owned by the Library's single write lane."""

    def __init__(
        self,
        catalog: Catalog,
        vectors: VectorStore,
        collection: CollectionRecord,
        embedder: object,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        passwords: dict[str, str] | None = None,
    ) -> None:
        self.catalog = catalog
        self.vectors = vectors
        self.collection = collection
        self.embedder = embedder
        self.progress = progress or (lambda _p: None)
        self.cancel = cancel or CancelToken()
        self.passwords = passwords or {}
        self._state = IngestProgress("scanning", 0, 0)

    # -- public -----------------------------------------------------------------------------

    def run(self, files: Sequence[Path], report: IngestReport) -> IngestReport:
        started = time.perf_counter()
        self._state = IngestProgress("parsing", 0, len(files))
        self._emit()
        todo = self._triage(files, report)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefold-parse") as pool:
            for path, record_hash, future in self._parse_ahead(pool, todo):
                if self.cancel.cancelled:
                    future.cancel()
                    report.results.append(FileResult(str(path), FileStatus.CANCELLED))
                    report.cancelled = True
                    continue
                report.results.append(self._index_one(path, record_hash, future))
                self._state.files_done += 1
                self._emit()
        report.cancelled = report.cancelled or self.cancel.cancelled
        report.seconds += time.perf_counter() - started
        self._state.phase = "done"
        self._emit()
        return report

    # -- steps ------------------------------------------------------------------------------

    def _triage(self, files: Sequence[Path], report: IngestReport) -> list[tuple[Path, str]]:
        """Cheap checks first: unchanged files (same size and mtime, or same hash) are skipped."""
        todo: list[tuple[Path, str]] = []
        for path in files:
            self.cancel.wait_if_paused()
            result = self._triage_one(path)
            if isinstance(result, FileResult):
                report.results.append(result)
                self._state.files_done += 1
                self._emit()
            else:
                todo.append((path, result))
        return todo

    def _triage_one(self, path: Path) -> FileResult | str:
        key = str(path)
        try:
            stat = path.stat()
            if not path.is_file():
                raise DocumentError(f"{path.name}: not a regular file.")
            if not os.access(path, os.R_OK):
                raise DocumentError(f"{path.name}: permission denied (cannot read the file).")
            record = self.catalog.document_by_path(self.collection.id, key)
            if (
                record is not None
                and record.status == DocStatus.INDEXED
                and record.size == stat.st_size
                and record.mtime == stat.st_mtime
            ):
                return FileResult(
                    key, FileStatus.UNCHANGED, "", record.pages, record.chunks, record.id
                )
            digest = file_hash(path)
        except DocumentError as exc:
            return self._fail(key, str(exc))
        except OSError as exc:
            return self._fail(key, f"{path.name}: cannot read the file ({exc.strerror or exc}).")
        if (
            record is not None
            and record.status == DocStatus.INDEXED
            and record.content_hash == digest
        ):
            self.catalog.upsert_document(
                self.collection.id, key, size=stat.st_size, mtime=stat.st_mtime
            )
            return FileResult(key, FileStatus.UNCHANGED, "", record.pages, record.chunks, record.id)
        twin = self.catalog.indexed_with_hash(self.collection.id, digest, other_than=key)
        if twin is not None:
            doc_id = self.catalog.upsert_document(
                self.collection.id,
                key,
                content_hash=digest,
                size=stat.st_size,
                mtime=stat.st_mtime,
                status=DocStatus.DUPLICATE,
                error=f"same content as {Path(twin.path).name}",
            )
            return FileResult(
                key, FileStatus.DUPLICATE, f"same content as {twin.path}", document_id=doc_id
            )
        return digest

    def _parse_ahead(
        self, pool: ThreadPoolExecutor, todo: list[tuple[Path, str]]
    ) -> Iterator[tuple[Path, str, Future[_Parsed]]]:
        """Keep one parse running ahead of the file being embedded."""
        col = self.collection
        futures: list[Future[_Parsed]] = []

        def submit(i: int) -> None:
            if i < len(todo) and not self.cancel.cancelled:
                path = todo[i][0]
                password = self.passwords.get(str(path))
                futures.append(
                    pool.submit(parse_file, path, col.chunk_tokens, col.chunk_overlap, password)
                )

        submit(0)
        for i, (path, digest) in enumerate(todo):
            submit(i + 1)
            if i >= len(futures):  # cancelled before this file was submitted
                futures.append(Future())
            yield path, digest, futures[i]

    def _index_one(self, path: Path, digest: str, future: Future[_Parsed]) -> FileResult:
        key = str(path)
        self._state.current, self._state.current_fraction = path.name, 0.0
        self._emit()
        try:
            parsed = future.result()
        except PagefoldError as exc:
            return self._fail(key, str(exc))
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the batch
            log.exception("unexpected error parsing %s", path)
            return self._fail(key, f"{path.name}: could not be read ({type(exc).__name__}: {exc}).")
        try:
            return self._store(path, digest, parsed)
        except CancelledError:
            self._roll_back(key)
            return FileResult(key, FileStatus.CANCELLED, "stopped before it was fully indexed")
        except OSError as exc:
            log.exception("storage error on %s", path)
            raise PagefoldError(
                f"Indexing stopped: cannot write to the data folder ({exc})."
            ) from exc
        except Exception as exc:  # noqa: BLE001 - e.g. an embedder error on odd text
            log.exception("unexpected error indexing %s", path)
            return self._fail(
                key, f"{path.name}: could not be indexed ({type(exc).__name__}: {exc})."
            )

    def _store(self, path: Path, digest: str, parsed: _Parsed) -> FileResult:
        key, col = str(path), self.collection
        stat = path.stat() if path.exists() else None
        doc_id = self.catalog.upsert_document(
            col.id,
            key,
            status=DocStatus.INDEXING,
            error="",
            kind=parsed.doc.kind,
            title=parsed.doc.title or path.stem,
        )
        old_ids = set(self.catalog.chunk_ids(doc_id))
        records = [
            ChunkRecord(
                chunk_id(col.id, digest, c.index),
                doc_id,
                c.index,
                c.page,
                c.start,
                c.end,
                c.text,
                tok,
            )
            for c, tok in zip(parsed.chunks, parsed.tokens, strict=True)
        ]
        self.catalog.replace_chunks(doc_id, records)
        self.vectors.delete_ids(col.id, sorted(old_ids - {r.id for r in records}))
        self._embed_and_upsert(doc_id, records)
        with self.catalog.transaction():
            self.catalog.upsert_document(
                col.id,
                key,
                status=DocStatus.INDEXED,
                error="",
                content_hash=digest,
                size=stat.st_size if stat else 0,
                mtime=stat.st_mtime if stat else 0.0,
                pages=len(parsed.doc.pages),
                chunks=len(records),
            )
        warning = "; ".join(parsed.doc.warnings)
        return FileResult(
            key, FileStatus.INDEXED, warning, len(parsed.doc.pages), len(records), doc_id
        )

    def _embed_and_upsert(self, doc_id: int, records: list[ChunkRecord]) -> None:
        embed = self.embedder.embed_documents  # type: ignore[attr-defined]
        for start in range(0, len(records), EMBED_BATCH):
            self.cancel.wait_if_paused()
            if self.cancel.cancelled:
                raise CancelledError("cancelled")
            batch = records[start : start + EMBED_BATCH]
            vectors = embed([r.text for r in batch])
            meta = [{"document_id": doc_id, "page": r.page, "ord": r.ord} for r in batch]
            self.vectors.upsert(self.collection.id, [r.id for r in batch], vectors, meta)
            self._state.current_fraction = min(1.0, (start + len(batch)) / len(records))
            self._state.chunks_done += len(batch)
            self._emit()

    def _roll_back(self, key: str) -> None:
        """Undo a half-written document so no partial index stays visible; redone next time."""
        doc = self.catalog.document_by_path(self.collection.id, key)
        if doc is None:
            return
        self.vectors.delete_ids(self.collection.id, self.catalog.chunk_ids(doc.id))
        with self.catalog.transaction():
            self.catalog.replace_chunks(doc.id, [])
            self.catalog.set_status(doc.id, DocStatus.PENDING, "indexing was cancelled")

    def _fail(self, key: str, message: str) -> FileResult:
        doc = self.catalog.document_by_path(self.collection.id, key)
        if doc is not None and doc.status == DocStatus.INDEXED:
            # A previously indexed file that now fails keeps its old, still valid index.
            return FileResult(
                key, FileStatus.FAILED, message + " (previous version kept)", document_id=doc.id
            )
        doc_id = self.catalog.upsert_document(
            self.collection.id, key, status=DocStatus.FAILED, error=message
        )
        stale = self.catalog.chunk_ids(doc_id)
        if stale:  # a half-indexed earlier attempt: its vectors go with it
            self.vectors.delete_ids(self.collection.id, stale)
            self.catalog.replace_chunks(doc_id, [])
        return FileResult(key, FileStatus.FAILED, message, document_id=doc_id)

    def _emit(self) -> None:
        try:
            self.progress(self._state)
        except Exception:  # noqa: BLE001 - a broken progress callback must not stop indexing
            log.exception("progress callback failed")
