"""Conversations persist in SQLite: across a restart, with sources, searchable, exportable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.chat.conversations import ConversationStore
from app.core.errors import NotFoundError
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
    assert store.schema_version == 1
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


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
