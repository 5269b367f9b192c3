"""Fakes with the shapes of the core services the window drives (fast, deterministic).

They use core's own record and event types, so a change of shape in core breaks these tests.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken
from app.core.chat.events import (
    Answer,
    AnswerMode,
    ConversationEvent,
    DoneEvent,
    SourcesEvent,
    StatusEvent,
    TokenEvent,
)
from app.core.embeddings.base import Embedder
from app.core.errors import NotFoundError
from app.core.indexing.events import (
    FileResult,
    FileStatus,
    IngestProgress,
    IngestReport,
)
from app.core.storage.catalog import CollectionRecord, DocumentRecord
from app.core.storage.passage import Passage


class FakeEmbedder(Embedder):
    """Hash-seeded unit vectors: stable, instant, meaningless (for wiring, not relevance)."""

    def __init__(self, name: str = "fake-embedder", dimension: int = 16) -> None:
        self.name = name
        self.dimension = dimension

    def _vector(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        raw = [b / 255.0 - 0.5 for b in digest[: self.dimension]]
        norm = sum(x * x for x in raw) ** 0.5 or 1.0
        return [x / norm for x in raw]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


class FakeLibrary:
    """Collections and documents in memory; ``ingest`` reports progress per file."""

    def __init__(self, step_delay: float = 0.0) -> None:
        self.warmed_up = False
        self.prepared: list[str] = []
        self._collections: dict[str, CollectionRecord] = {}
        self._documents: dict[str, list[DocumentRecord]] = {}
        self.step_delay = step_delay
        self.page_texts: dict[tuple[int, int], str] = {}
        self.ingest_calls: list[tuple[str, list[Path], dict[str, str] | None]] = []
        self.encrypted: dict[str, str] = {}  # path -> password that opens it
        self.closed = False

    def warm_up(self) -> None:
        self.warmed_up = True

    def prepare_search(self, name: str) -> None:
        self.prepared.append(name)

    def collections(self) -> list[CollectionRecord]:
        return list(self._collections.values())

    def create_collection(self, name: str, *_a: Any, **_k: Any) -> CollectionRecord:
        rec = CollectionRecord(len(self._collections) + 1, name, time.time(), "fake", 16, 256, 32)
        self._collections[name] = rec
        self._documents[name] = []
        return rec

    def rename_collection(self, name: str, new_name: str) -> None:
        rec = self._collections.pop(name)
        rec.name = new_name
        self._collections[new_name] = rec
        self._documents[new_name] = self._documents.pop(name)

    def set_collection_options(self, name: str, options: dict[str, object]) -> None:
        self._collections[name].options = dict(options)

    def delete_collection(self, name: str) -> None:
        if name not in self._collections:
            raise NotFoundError(f'No collection named "{name}".')
        del self._collections[name]
        del self._documents[name]

    def documents(self, name: str) -> list[DocumentRecord]:
        return list(self._documents[name])

    def remove_document(self, name: str, document_id: int) -> None:
        self._documents[name] = [d for d in self._documents[name] if d.id != document_id]
        self._collections[name].document_count = len(self._documents[name])

    def ingest(
        self,
        name: str,
        paths: list[Path],
        progress: Any = None,
        cancel: CancelToken | None = None,
        passwords: dict[str, str] | None = None,
        **_kwargs: Any,
    ) -> IngestReport:
        self.ingest_calls.append((name, list(paths), passwords))
        if name not in self._collections:
            self.create_collection(name)
        report = IngestReport(collection=name)
        files = [
            f for p in paths for f in (sorted(Path(p).iterdir()) if Path(p).is_dir() else [Path(p)])
        ]
        for i, path in enumerate(files):
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                report.results.append(FileResult(str(path), FileStatus.CANCELLED))
                continue
            for step in range(4):
                if progress:
                    progress(
                        IngestProgress(
                            "embedding", i, len(files), current=str(path), current_fraction=step / 4
                        )
                    )
                time.sleep(self.step_delay)
            report.results.append(self._index_one(name, path, passwords or {}))
        if progress:
            progress(IngestProgress("done", len(files), len(files)))
        return report

    def refresh(
        self, name: str, progress: Any = None, cancel: CancelToken | None = None
    ) -> IngestReport:
        """Files gone from disk are dropped; the rest are unchanged."""
        report = IngestReport(collection=name)
        for doc in list(self._documents[name]):
            if not Path(doc.path).exists():
                self.remove_document(name, doc.id)
                report.results.append(FileResult(doc.path, FileStatus.REMOVED, "gone from disk"))
            else:
                report.results.append(FileResult(doc.path, FileStatus.UNCHANGED))
        return report

    def _index_one(self, name: str, path: Path, passwords: dict[str, str]) -> FileResult:
        key = str(path)
        if key in self.encrypted and passwords.get(key) != self.encrypted[key]:
            return FileResult(key, FileStatus.FAILED, "This PDF is protected by a password.")
        if path.suffix.lower() not in (".pdf", ".txt", ".md"):
            return FileResult(key, FileStatus.FAILED, f"{path.suffix} files are not supported.")
        doc_id = sum(len(d) for d in self._documents.values()) + 1
        now = time.time()
        self._documents[name].append(
            DocumentRecord(
                doc_id,
                self._collections[name].id,
                key,
                path.suffix[1:],
                path.stem,
                "h",
                1,
                now,
                1,
                2,
                "indexed",
                "",
                now,
                now,
            )
        )
        self._collections[name].document_count = len(self._documents[name])
        return FileResult(key, FileStatus.INDEXED, "", 1, 2, doc_id)

    def page_text(self, document_id: int, page: int) -> str:
        return self.page_texts.get((document_id, page), "")

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeConversation:
    id: int
    title: str
    collections: list[str]
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)


@dataclass
class FakeMessage:
    id: int
    role: str
    content: str
    sources: list[Passage] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    action: dict[str, Any] = field(default_factory=dict)  # as core's Message.action


class FakeConversationStore:
    """Conversations and messages in memory, with the store's method names."""

    def __init__(self) -> None:
        self._conversations: dict[int, FakeConversation] = {}
        self._messages: dict[int, list[FakeMessage]] = {}
        self._lock = threading.Lock()

    def create(self, title: str, collections: list[str]) -> FakeConversation:
        with self._lock:
            cid = max(self._conversations, default=0) + 1
            conv = FakeConversation(cid, title, list(collections))
            self._conversations[cid] = conv
            self._messages[cid] = []
            return conv

    def list(self) -> list[FakeConversation]:
        return sorted(self._conversations.values(), key=lambda c: -c.updated_at)

    def get(self, conversation_id: int) -> FakeConversation:
        return self._conversations[conversation_id]

    def rename(self, conversation_id: int, title: str) -> None:
        self._conversations[conversation_id].title = title

    def set_collections(self, conversation_id: int, collections: list[str]) -> None:
        self._conversations[conversation_id].collections = list(collections)

    def delete(self, conversation_id: int) -> None:
        self._conversations.pop(conversation_id, None)
        self._messages.pop(conversation_id, None)

    def search(self, text: str) -> list[FakeConversation]:
        low = text.lower()
        return [
            c
            for c in self.list()
            if low in c.title.lower() or any(low in m.content.lower() for m in self._messages[c.id])
        ]

    def messages(self, conversation_id: int) -> list[FakeMessage]:
        return list(self._messages.get(conversation_id, []))

    def add(
        self,
        conversation_id: int,
        role: str,
        content: str,
        sources: list[Passage] | None = None,
        cited: list[int] | None = None,
        action: dict[str, Any] | None = None,
    ) -> None:
        with self._lock:
            msgs = self._messages[conversation_id]
            msgs.append(
                FakeMessage(
                    len(msgs) + 1,
                    role,
                    content,
                    list(sources or []),
                    list(cited or []),
                    dict(action or {}),
                )
            )
            self._conversations[conversation_id].updated_at = time.time()

    def export_markdown(self, conversation_id: int) -> str:
        conv = self._conversations[conversation_id]
        body = "\n\n".join(f"**{m.role}**: {m.content}" for m in self._messages[conversation_id])
        return f"# {conv.title}\n\n{body}\n"


class FakeChatService:
    """Streams scripted answers token by token, honouring the cancel token like core does.

    ``ask`` answers ``answer``; ``summarize`` and ``translate`` (whole documents, like core's
    quick actions) write ``summary`` and ``translation`` over the same passages, and store the
    turn as core does: a new chat (no ``conversation_id``) creates its conversation and says so
    first with a ``ConversationEvent``; the user's turn is the label the window passed, with
    the action."""

    def __init__(
        self,
        store: FakeConversationStore,
        passages: list[Passage],
        answer: str = "Seoul is the capital [1].",
        token_delay: float = 0.0,
    ) -> None:
        self.store = store
        self.passages = passages
        self.answer = answer
        self.summary = "- Seoul is the capital of South Korea [1].\n- A census ran in 2020 [2]."
        self.translation = "서울은 대한민국의 수도입니다."
        self.token_delay = token_delay
        self.questions: list[tuple[str, list[str], Any]] = []
        self.actions: list[tuple[str, str, int, str | None, Any]] = []  # kind, collection, ...
        self.labels: list[str | None] = []  # the label each action was given
        self.stopped: list[str] = []  # the mode of each stream that ended on its cancel token
        self.search_only = False
        self.started = threading.Event()

    def tokens(self, text: str | None = None) -> list[str]:
        words = (self.answer if text is None else text).split(" ")
        return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]

    def ask(
        self,
        question: str,
        collections: list[str],
        conversation_id: Any = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[Any]:
        self.questions.append((question, list(collections), conversation_id))
        self.started.set()
        yield StatusEvent("Searching your documents…")
        yield from self._answer(
            self.answer, "answer", question, conversation_id, cancel, scope=list(collections)
        )

    def summarize(
        self,
        collection: str,
        document_id: int,
        cancel: CancelToken | None = None,
        conversation_id: Any = None,
        label: str | None = None,
    ) -> Iterator[Any]:
        self.actions.append(("summarize", collection, document_id, None, conversation_id))
        self.labels.append(label)
        self.started.set()
        action = _action("summarize", collection, document_id, None)
        request = label or f"Summarize: document {document_id}"
        yield from self._answer(
            self.summary, "summary", request, conversation_id, cancel, action, [collection]
        )

    def translate(
        self,
        text: str | None = None,
        *,
        collection: str | None = None,
        document_id: int | None = None,
        target_language: str | None = None,
        cancel: CancelToken | None = None,
        conversation_id: Any = None,
        label: str | None = None,
    ) -> Iterator[Any]:
        assert text is None, "the window translates whole documents"
        self.actions.append(
            ("translate", str(collection), int(document_id or 0), target_language, conversation_id)
        )
        self.labels.append(label)
        self.started.set()
        action = _action("translate", str(collection), int(document_id or 0), target_language)
        request = label or f"Translate: document {document_id}"
        yield from self._answer(
            self.translation, "translation", request, conversation_id, cancel, action,
            [str(collection)],
        )  # fmt: skip

    def _answer(
        self,
        answer: str,
        mode: AnswerMode,
        request: str,
        conversation_id: Any,
        cancel: CancelToken | None,
        action: dict[str, Any] | None = None,
        scope: list[str] | None = None,
    ) -> Iterator[Any]:
        if conversation_id is None:
            conversation_id = self.store.create(request[:80], scope or []).id
            yield ConversationEvent(conversation_id, created=True)
        self.store.add(conversation_id, "user", request, action=action)
        yield SourcesEvent(list(self.passages))
        text = ""
        stopped = False
        for token in self.tokens(answer):
            if cancel is not None and cancel.cancelled:
                stopped = True
                self.stopped.append(mode)
                break
            time.sleep(self.token_delay)
            text += token
            yield TokenEvent(token)
        cited = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text)})
        if text or not stopped:
            self.store.add(conversation_id, "assistant", text, self.passages, cited)
        yield DoneEvent(
            Answer(
                text,
                list(self.passages),
                cited,
                mode=mode,
                model="fake",
                stopped=stopped,
                conversation_id=conversation_id,
            )
        )


def _action(kind: str, collection: str, document_id: int, target: str | None) -> dict[str, Any]:
    """What core keeps with a quick action's user turn (``Message.action``)."""
    return {
        "kind": kind,
        "collection": collection,
        "document_id": document_id,
        "target_language": target,
    }


@dataclass
class FakeHardware:
    gpu_name: str | None = None
    vram_bytes: int = 0
    backend: str = "cpu"
    ram_bytes: int = 16 * 1024**3

    def describe(self) -> str:
        return "no usable GPU, 16 GB RAM"


class FakeModelApi:
    """No models installed, a CPU-only machine, an empty catalog."""

    def __init__(self) -> None:
        self.installed_models: list[Any] = []

    def installed(self, kind: str | None = "llm") -> list[Any]:
        return [m for m in self.installed_models if kind is None or m.kind == kind]

    def hardware(self) -> FakeHardware:
        return FakeHardware()

    def catalog(self) -> list[Any]:
        return []

    def fits(self) -> list[Any]:
        return []

    def recommended(self) -> Any:
        return None


def write_notes(folder: Path, count: int, prefix: str = "note") -> list[Path]:
    """``count`` small text files ("note 0", "note 1", ...) for the fake library to index."""
    files = []
    for i in range(count):
        path = folder / f"{prefix}{i}.txt"
        path.write_text(f"note {i}", encoding="utf-8")
        files.append(path)
    return files
