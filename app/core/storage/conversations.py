"""Conversations and their messages in ``conversations.sqlite3`` in the data folder.

The store owns messages (the UI never touches SQLite): each answer is kept with the sources it
was given, the numbers it cited, the model and the settings that wrote it, so a conversation can
be re-checked page by page months later. A user turn that ran a quick action (a summary, a
translation) keeps what it ran, so a reopened conversation can run it again. WAL mode and one
transaction per change: a crash loses at most the message being written, never a conversation.

``PRAGMA user_version`` is the schema version; an older file is brought forward one version at
a time by ``_MIGRATIONS`` when it is opened.
"""

from __future__ import annotations

import builtins
import json
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.errors import NotFoundError
from app.core.storage.passage import Passage
from app.core.storage.sqlite import SQLiteStore, Step

SCHEMA_VERSION = 2
DEFAULT_TITLE = "New conversation"
TITLE_CHARS = 80

_SCHEMA = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    collections TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '[]',
    cited TEXT NOT NULL DEFAULT '[]',
    mode TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    extra TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL,
    action TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX conversations_updated ON conversations(updated_at);
"""


@dataclass
class Conversation:
    id: int
    title: str
    collections: list[str]
    created_at: float
    updated_at: float
    message_count: int = 0


@dataclass
class Message:
    id: int
    conversation_id: int
    role: str
    content: str
    created_at: float
    sources: list[Passage] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    mode: str = ""
    model: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # timings, language, stopped, ...
    # A user turn that ran a quick action: {"kind": "summarize" | "translate", "collection",
    # "document_id", "target_language"}; empty for a typed question.
    action: dict[str, Any] = field(default_factory=dict)


def action_label(kind: str, name: str, target_language: str | None = None) -> str:
    """The user's row for a quick action when the caller gives none (the window gives its own,
    in its language): "Summarize: report.pdf", "Translate to Korean: report.pdf"."""
    if kind == "summarize":
        return f"Summarize: {name}"
    targets = {"ko": "Translate to Korean", "en": "Translate to English"}
    return f"{targets.get(target_language or '', 'Translate')}: {name}"


class ConversationStore(SQLiteStore):
    """Thread-safe: one connection guarded by a lock, as the catalog does."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._migrate(_MIGRATIONS, SCHEMA_VERSION, self._newer, create=_SCHEMA)

    def _newer(self, version: int) -> str:
        return (
            f"The conversations at {self.path} were written by a newer Pagefold "
            f"(schema {version}); this version understands up to {SCHEMA_VERSION}."
        )

    # -- conversations ----------------------------------------------------------------------

    def create(
        self, title: str = "", collections: Sequence[str] = (), created_at: float | None = None
    ) -> Conversation:
        """``created_at`` keeps an imported conversation's date; new ones get now."""
        now = time.time() if created_at is None else created_at
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO conversations (title, collections, created_at, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (_title(title), _dump(list(collections)), now, now),
            )
        return self.get(int(cursor.lastrowid or 0))

    def list(self, collection: str | None = None) -> builtins.list[Conversation]:
        """Most recently active first; ``collection`` keeps those tied to it."""
        rows = self._query(_CONVERSATION_SELECT + " ORDER BY c.updated_at DESC, c.id DESC")
        found = [_conversation(r) for r in rows]
        return [c for c in found if collection is None or collection in c.collections]

    def get(self, conversation_id: int) -> Conversation:
        rows = self._query(_CONVERSATION_SELECT + " WHERE c.id=?", (conversation_id,))
        if not rows:
            raise NotFoundError(f"No conversation with id {conversation_id}.")
        return _conversation(rows[0])

    def rename(self, conversation_id: int, title: str) -> Conversation:
        self.get(conversation_id)
        with self.transaction() as db:
            db.execute(
                "UPDATE conversations SET title=? WHERE id=?", (_title(title), conversation_id)
            )
        return self.get(conversation_id)

    def set_collections(self, conversation_id: int, collections: Sequence[str]) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE conversations SET collections=? WHERE id=?",
                (_dump(list(collections)), conversation_id),
            )

    def delete(self, conversation_id: int) -> None:
        self.get(conversation_id)
        with self.transaction() as db:
            db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))

    def search(self, text: str) -> builtins.list[Conversation]:
        """Conversations whose title or any message contains ``text`` (case-insensitive).

        A substring match rather than FTS5: Korean words carry particles (서울은, 서울에서),
        which whole-word full-text tokens would miss.
        """
        pattern = (
            "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        rows = self._query(
            _CONVERSATION_SELECT
            + " WHERE c.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m"
            " WHERE m.conversation_id = c.id AND m.content LIKE ? ESCAPE '\\')"
            " ORDER BY c.updated_at DESC, c.id DESC",
            (pattern, pattern),
        )
        return [_conversation(r) for r in rows]

    # -- messages ---------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        sources: Sequence[Passage] = (),
        cited: Sequence[int] = (),
        mode: str = "",
        model: str = "",
        settings: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
        action: dict[str, Any] | None = None,
        created_at: float | None = None,
    ) -> Message:
        now = time.time() if created_at is None else created_at
        self.get(conversation_id)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO messages (conversation_id, role, content, sources, cited, mode, model,"
                " settings, extra, created_at, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    role,
                    content,
                    _dump([p.to_json() for p in sources]),
                    _dump(list(cited)),
                    mode,
                    model,
                    _dump(settings or {}),
                    _dump(extra or {}),
                    now,
                    _dump(action or {}),
                ),
            )
            db.execute("UPDATE conversations SET updated_at=? WHERE id=?", (now, conversation_id))
        return self.message(int(cursor.lastrowid or 0))

    def message(self, message_id: int) -> Message:
        rows = self._query("SELECT * FROM messages WHERE id=?", (message_id,))
        if not rows:
            raise NotFoundError(f"No message with id {message_id}.")
        return _message(rows[0])

    def messages(self, conversation_id: int) -> builtins.list[Message]:
        self.get(conversation_id)
        rows = self._query(
            "SELECT * FROM messages WHERE conversation_id=? ORDER BY id", (conversation_id,)
        )
        return [_message(r) for r in rows]

    def history(self, conversation_id: int) -> builtins.list[dict[str, str]]:
        """User and assistant turns as chat messages, oldest first (what a prompt needs)."""
        return [
            {"role": m.role, "content": m.content}
            for m in self.messages(conversation_id)
            if m.role in ("user", "assistant") and m.content.strip()
        ]

    def export_markdown(self, conversation_id: int) -> str:
        """The conversation as Markdown, each answer followed by the sources it cited."""
        conversation = self.get(conversation_id)
        lines = [f"# {conversation.title}", ""]
        if conversation.collections:
            lines += [f"Collections: {', '.join(conversation.collections)}", ""]
        for message in self.messages(conversation_id):
            lines += _message_markdown(message)
        return "\n".join(lines).rstrip() + "\n"


_CONVERSATION_SELECT = (
    "SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id)"
    " AS message_count FROM conversations c"
)


def _message_markdown(message: Message) -> list[str]:
    when = datetime.fromtimestamp(message.created_at).strftime("%Y-%m-%d %H:%M")
    who = "You" if message.role == "user" else "Pagefold"
    if message.model:
        who += f" ({message.model})"
    lines = [f"## {who} · {when}", "", message.content.strip(), ""]
    numbers = message.cited or list(range(1, len(message.sources) + 1))
    shown = [(n, message.sources[n - 1]) for n in numbers if 0 < n <= len(message.sources)]
    if shown and message.role == "assistant":
        lines += ["Sources:", ""]
        lines += [f"{n}. {_where(p)}" for n, p in shown]
        lines.append("")
    return lines


def _where(passage: Passage) -> str:
    title = passage.title or Path(passage.path).name
    page = f", p. {passage.page}" if passage.page > 0 else ""
    return f"{title}{page} — {passage.path}"


def _title(title: str) -> str:
    clean = " ".join(title.split())
    if len(clean) > TITLE_CHARS:
        clean = clean[: TITLE_CHARS - 1].rstrip() + "…"
    return clean or DEFAULT_TITLE


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        collections=json.loads(row["collections"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        message_count=row["message_count"],
    )


def _message(row: sqlite3.Row) -> Message:
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        role=row["role"],
        content=row["content"],
        created_at=row["created_at"],
        sources=[Passage.from_metadata(p.get("text", ""), p) for p in json.loads(row["sources"])],
        cited=json.loads(row["cited"]),
        mode=row["mode"],
        model=row["model"],
        settings=json.loads(row["settings"]),
        extra=json.loads(row["extra"]),
        action=json.loads(row["action"]),
    )


# -- migrations -------------------------------------------------------------------------------

_V1_REQUEST = re.compile(r"(Summarize|Translate) document (\d+)")
_V1_KINDS = {"Summarize": ("summarize", "summary"), "Translate": ("translate", "translation")}


def _v1_to_v2(db: sqlite3.Connection) -> None:
    """Version 1 kept a quick action's user turn as "Summarize document 12": it gains the
    ``action`` column, and such turns followed by their summary or translation get the label
    the window shows and the action, read back from the answer's sources and language."""
    db.execute("ALTER TABLE messages ADD COLUMN action TEXT NOT NULL DEFAULT '{}'")
    rows = db.execute(
        "SELECT u.id, u.content, a.mode, a.sources, a.extra FROM messages u"
        " JOIN messages a ON a.id = (SELECT MIN(n.id) FROM messages n"
        " WHERE n.conversation_id = u.conversation_id AND n.id > u.id)"
        " WHERE u.role = 'user' AND a.role = 'assistant'"
        " AND a.mode IN ('summary', 'translation')"
    ).fetchall()
    for message_id, content, mode, sources, extra in rows:
        found = _V1_REQUEST.fullmatch(content.strip())
        if found is None or _V1_KINDS[found[1]][1] != mode:
            continue
        first = (json.loads(sources) or [{}])[0]
        if not first.get("collection") or int(first.get("document_id") or 0) != int(found[2]):
            continue  # sources written before they named their collection: cannot be re-run
        kind = _V1_KINDS[found[1]][0]
        target = json.loads(extra).get("language") if kind == "translate" else None
        action = {
            "kind": kind,
            "collection": first["collection"],
            "document_id": int(found[2]),
            "target_language": target,
        }
        name = Path(str(first.get("path", ""))).name or str(first.get("title") or found[2])
        label = action_label(kind, name, target)
        db.execute(
            "UPDATE messages SET content=?, action=? WHERE id=?",
            (label, _dump(action), message_id),
        )


#: ``_MIGRATIONS[n]`` brings a version ``n - 1`` file to version ``n``; a new file is created
#: at the latest version from ``_SCHEMA``, and version 1 files are the oldest there are.
_MIGRATIONS: dict[int, Step] = {2: _v1_to_v2}
