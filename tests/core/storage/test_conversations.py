"""Conversations persist in SQLite: across a restart, with sources, searchable, exportable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import NotFoundError, PagefoldError
from app.core.storage.conversations import ConversationStore
from tests.core.chat.fakes import passage


def test_messages_and_sources_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    store = ConversationStore(path)
    conversation = store.create("Lighthouse questions", ["harbor", "ships"])
    store.add_message(conversation.id, "user", "When was it built?")
    store.add_message(
        conversation.id,
        "assistant",
        "In 1887 [1].",
        sources=[passage(1, "Built in 1887.", page=2)],
        cited=[1],
        mode="answer",
        model="SmolLM2",
        settings={"temperature": 0.2},
        extra={"timings": {"total_s": 1.5}},
    )
    store.close()

    reopened = ConversationStore(path)
    [again] = reopened.list()
    messages = reopened.messages(again.id)
    reopened.close()

    assert again.title == "Lighthouse questions"
    assert again.collections == ["harbor", "ships"]
    assert again.message_count == 2
    assert [m.role for m in messages] == ["user", "assistant"]
    answer = messages[1]
    assert answer.sources[0].page == 2 and answer.sources[0].text == "Built in 1887."
    assert answer.cited == [1]
    assert answer.model == "SmolLM2"
    assert answer.settings == {"temperature": 0.2}
    assert answer.extra["timings"]["total_s"] == 1.5
    assert answer.created_at >= messages[0].created_at


def test_schema_version_and_wal_mode(store: ConversationStore) -> None:
    assert store.schema_version == 2
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_quick_actions_turn_keeps_its_action_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    store = ConversationStore(path)
    conversation = store.create("Summaries", ["harbor"])
    action = {
        "kind": "translate",
        "collection": "harbor",
        "document_id": 4,
        "target_language": "ko",
    }
    store.add_message(conversation.id, "user", "한국어로 번역: Harbor.pdf", action=action)
    store.add_message(conversation.id, "user", "A typed question")
    store.close()

    reopened = ConversationStore(path)
    translated, typed = reopened.messages(conversation.id)
    reopened.close()

    assert translated.content == "한국어로 번역: Harbor.pdf" and translated.action == action
    assert typed.action == {}


# The messages table as schema version 1 created it (Pagefold before actions were kept).
V1_SCHEMA = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, collections TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL, updated_at REAL NOT NULL
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content TEXT NOT NULL, sources TEXT NOT NULL DEFAULT '[]', cited TEXT NOT NULL DEFAULT '[]',
    mode TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}', extra TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX conversations_updated ON conversations(updated_at);
PRAGMA user_version=1;
"""


def _v1_file(path: Path, turns: list[tuple[str, str, str, list[Any], dict[str, Any]]]) -> None:
    """A version 1 file with one conversation of (role, content, mode, sources, extra)."""
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("INSERT INTO conversations VALUES (1, 'Old chat', '[\"harbor\"]', 1.0, 2.0)")
    for role, content, mode, sources, extra in turns:
        db.execute(
            "INSERT INTO messages (conversation_id, role, content, sources, mode, extra,"
            " created_at) VALUES (1, ?, ?, ?, ?, ?, 1.5)",
            (role, content, json.dumps(sources), mode, json.dumps(extra)),
        )
    db.commit()
    db.close()


def test_a_version_1_file_is_migrated_and_its_quick_actions_get_labels(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    harbor = passage(1, "Ships leave at noon.", document_id=7, title="Harbor").to_json()
    harbor["collection"] = "harbor"
    unnamed = {**harbor, "collection": ""}  # sources from before they named their collection
    _v1_file(
        path,
        [
            ("user", "Summarize document 7", "", [], {}),
            ("assistant", "- Ships leave at noon [1].", "summary", [harbor], {"language": "en"}),
            ("user", "Translate document 7", "", [], {}),
            ("assistant", "배는 정오에 떠난다.", "translation", [harbor], {"language": "ko"}),
            ("user", "Summarize document 7", "", [], {}),  # typed, answered as a question
            ("assistant", "It says ships leave [1].", "answer", [harbor], {}),
            ("user", "Translate document 7", "", [], {}),
            ("assistant", "Ships leave.", "translation", [unnamed], {"language": "en"}),
            ("user", "Summarize document 7", "", [], {}),  # the action failed: no answer
        ],
    )

    store = ConversationStore(path)
    messages = store.messages(1)
    assert store.schema_version == 2
    store.close()

    users = [m for m in messages if m.role == "user"]
    assert [m.content for m in users] == [
        "Summarize: Harbor.pdf",
        "Translate to Korean: Harbor.pdf",
        "Summarize document 7",
        "Translate document 7",
        "Summarize document 7",
    ]
    assert users[0].action == {
        "kind": "summarize",
        "collection": "harbor",
        "document_id": 7,
        "target_language": None,
    }
    assert users[1].action["kind"] == "translate" and users[1].action["target_language"] == "ko"
    assert [m.action for m in users[2:]] == [{}, {}, {}]
    assert messages[1].sources[0].page == 1 and messages[1].mode == "summary"  # still readable


def test_a_migrated_file_takes_new_turns_and_is_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    _v1_file(path, [("user", "An old question", "", [], {})])
    ConversationStore(path).close()

    store = ConversationStore(path)
    action = {"kind": "summarize", "collection": "harbor", "document_id": 1}
    store.add_message(1, "user", "Summarize: Harbor.pdf", action=action)
    old, new = store.messages(1)
    store.close()

    assert old.content == "An old question" and old.action == {}
    assert new.action == action
    ConversationStore(tmp_path / "fresh.sqlite3").close()
    assert _columns(path) == _columns(tmp_path / "fresh.sqlite3")  # migrated = created new


def _columns(path: Path) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(path)
    columns = [tuple(row) for row in db.execute("PRAGMA table_info(messages)")]
    db.close()
    return columns


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()

    with pytest.raises(PagefoldError, match="newer Pagefold"):
        ConversationStore(path)


def test_rename_delete_and_most_recent_first(store: ConversationStore) -> None:
    first = store.create("first", ["a"])
    second = store.create("second", ["b"])
    store.add_message(first.id, "user", "newer activity")

    assert [c.id for c in store.list()] == [first.id, second.id]
    assert [c.id for c in store.list(collection="b")] == [second.id]

    store.rename(second.id, "  a   better\nname ")
    assert store.get(second.id).title == "a better name"

    store.delete(first.id)
    assert [c.id for c in store.list()] == [second.id]
    with pytest.raises(NotFoundError):
        store.messages(first.id)


def test_search_finds_korean_words_inside_longer_words(store: ConversationStore) -> None:
    korean = store.create("수도 질문", ["docs"])
    store.add_message(korean.id, "assistant", "서울은 대한민국의 수도입니다 [1].")
    english = store.create("Ferry times", ["docs"])
    store.add_message(english.id, "user", "When do ferries leave? 100% sure_ok")

    assert [c.id for c in store.search("서울")] == [korean.id]  # 서울 inside 서울은
    assert [c.id for c in store.search("FERRIES")] == [english.id]
    assert [c.id for c in store.search("ferry")] == [english.id]  # title match
    assert [c.id for c in store.search("100%")] == [english.id]  # % is literal, not a wildcard
    assert [c.id for c in store.search("sure_ok")] == [english.id]
    assert store.search("s_l") == []  # _ is literal too ("ferries leave" has "s l")
    assert store.search("nothing like this") == []


def test_export_markdown_lists_turns_and_cited_pages(store: ConversationStore) -> None:
    conversation = store.create("Harbor", ["harbor"])
    store.add_message(conversation.id, "user", "When was the lighthouse built?")
    store.add_message(
        conversation.id,
        "assistant",
        "It was built in 1887 [2].",
        sources=[
            passage(1, "Ferries.", page=3),
            passage(2, "Built in 1887.", page=2, title="Notes"),
        ],
        cited=[2],
        model="SmolLM2",
    )

    markdown = store.export_markdown(conversation.id)

    assert markdown.startswith("# Harbor\n")
    assert "Collections: harbor" in markdown
    assert "## You · " in markdown and "When was the lighthouse built?" in markdown
    assert "## Pagefold (SmolLM2) · " in markdown and "It was built in 1887 [2]." in markdown
    assert "2. Notes, p. 2 — /docs/Notes.pdf" in markdown
    assert "p. 3" not in markdown  # uncited sources are not listed


def test_a_long_first_question_makes_a_short_title(store: ConversationStore) -> None:
    conversation = store.create("word " * 100)
    assert len(conversation.title) <= 80 and conversation.title.endswith("…")
    assert store.create("").title == "New conversation"
