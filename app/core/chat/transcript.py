"""Conversations as JSON files: export one, import it back, with nothing lost.

Markdown export is for reading; JSON is for keeping and moving a conversation between machines.
Every stored field goes out (each answer's sources with their offsets, the cited numbers, the
model and the settings that wrote it, timings, a quick action's request), and import writes the
same rows back with their original dates, so exporting the import gives the same document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.core.errors import PagefoldError
from app.core.storage.conversations import ConversationStore, Message
from app.core.storage.passage import Passage

FORMAT = "pagefold-conversation"
VERSION = 1
_ROLES = ("user", "assistant", "system")


class TranscriptError(PagefoldError):
    """A file that is not a conversation exported by Pagefold (or is damaged)."""


def export_json(store: ConversationStore, conversation_id: int) -> dict[str, Any]:
    """The conversation and every message, as plain JSON data."""
    conversation = store.get(conversation_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": conversation.title,
        "collections": conversation.collections,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "messages": [_message_json(m) for m in store.messages(conversation_id)],
    }


def write_json(store: ConversationStore, conversation_id: int, target: Path) -> Path:
    text = json.dumps(export_json(store, conversation_id), ensure_ascii=False, indent=2)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def import_json(store: ConversationStore, data: Any) -> int:
    """Store an exported conversation as a new one; its id comes back.

    Everything is checked before the first row is written, so a damaged file adds nothing.
    """
    messages = _checked(data)
    conversation = store.create(
        str(data.get("title", "")), list(data.get("collections") or []), data.get("created_at")
    )
    for raw in messages:
        store.add_message(
            conversation.id,
            raw["role"],
            raw["content"],
            sources=[Passage.from_metadata(p.get("text", ""), p) for p in raw["sources"]],
            cited=raw["cited"],
            mode=raw["mode"],
            model=raw["model"],
            settings=raw["settings"],
            extra=raw["extra"],
            action=raw["action"],
            created_at=raw["created_at"],
        )
    return conversation.id


def read_json(store: ConversationStore, source: Path) -> int:
    """Import the conversation in ``source`` (a file written by ``write_json``)."""
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TranscriptError(f"{source} cannot be read: {exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TranscriptError(
            f"{source.name} is not valid JSON ({exc}); export the conversation again with "
            "`pagefold conversations export ID --json -o FILE`."
        ) from exc
    return import_json(store, data)


def _message_json(message: Message) -> dict[str, Any]:
    return {
        "role": message.role,
        "content": message.content,
        "created_at": message.created_at,
        "sources": [p.to_json() for p in message.sources],
        "cited": message.cited,
        "mode": message.mode,
        "model": message.model,
        "settings": message.settings,
        "extra": message.extra,
        "action": message.action,
    }


def _checked(data: Any) -> list[dict[str, Any]]:
    """The messages with every field defaulted and typed; a clear error for anything else."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TranscriptError(
            'This file is not a Pagefold conversation (no "format": "pagefold-conversation").'
        )
    if int(data.get("version", 0)) > VERSION:
        raise TranscriptError(
            f"This conversation was exported by a newer Pagefold (format version "
            f"{data['version']}); update Pagefold to import it."
        )
    raw = data.get("messages")
    if not isinstance(raw, list):
        raise TranscriptError("The file has no list of messages.")
    return [_checked_message(i, m) for i, m in enumerate(raw, start=1)]


def _checked_message(number: int, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or raw.get("role") not in _ROLES:
        raise TranscriptError(f"Message {number} in the file has no valid role.")
    sources = raw.get("sources") or []
    if not all(isinstance(p, dict) and "chunk_id" in p for p in sources):
        raise TranscriptError(f"Message {number} has a source without its passage details.")
    return {
        "role": raw["role"],
        "content": str(raw.get("content", "")),
        "created_at": raw.get("created_at"),
        "sources": sources,
        "cited": [int(n) for n in raw.get("cited") or []],
        "mode": str(raw.get("mode", "")),
        "model": str(raw.get("model", "")),
        "settings": dict(raw.get("settings") or {}),
        "extra": dict(raw.get("extra") or {}),
        "action": dict(raw.get("action") or {}),
    }
