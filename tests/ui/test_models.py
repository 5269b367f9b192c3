"""Item models, Markdown rendering and snippet highlighting, without a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.core.storage.passage import Passage
from app.ui.highlight import highlight_html, query_terms, snippet
from app.ui.markdown import MarkdownRenderer, citation_numbers
from app.ui.models.chat import ChatMessage, ChatModel
from app.ui.models.collections import CollectionListModel
from app.ui.models.conversations import ConversationListModel
from app.ui.models.roles import (
    CitedRole,
    CountRole,
    IdRole,
    NumberRole,
    PassageRole,
    ProgressRole,
    StateRole,
    SubtitleRole,
)
from app.ui.models.sources import SourceListModel
from tests.ui.fakes import FakeConversationStore, FakeLibrary


def test_collection_model_shows_counts_and_keeps_indexing_state(qapp: Any) -> None:
    library = FakeLibrary()
    library.create_collection("Papers").document_count = 3
    library.create_collection("Contracts")
    model = CollectionListModel()
    model.set_collections(library.collections())
    assert model.rowCount() == 2
    first = model.index(0)
    assert (first.data(), first.data(CountRole), first.data(SubtitleRole)) == (
        "Papers",
        3,
        "3 document(s)",
    )
    model.set_state("Contracts", "indexing", 0.4)
    model.set_collections(library.collections())  # a refresh keeps the state
    second = model.index(1)
    assert (second.data(StateRole), second.data(ProgressRole)) == ("indexing", 0.4)


def test_conversation_model_renames_in_place_and_asks_to_persist(qapp: Any) -> None:
    store = FakeConversationStore()
    conv = store.create("Draft", [])
    model = ConversationListModel()
    model.set_conversations(store.list())
    renamed: list[tuple[Any, str]] = []
    model.rename_requested.connect(lambda cid, title: renamed.append((cid, title)))
    index = model.index(0)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "  Final  ")
    assert renamed == [(conv.id, "Final")]
    assert index.data() == "Final" and index.data(IdRole) == conv.id
    assert not model.setData(index, "   ")  # an empty title is refused


def test_source_model_numbers_and_marks_cited_sources(qapp: Any) -> None:
    passages = [Passage(f"c{i}", f"text {i}", 1, "/d/a.pdf", "A", i, 0, 6) for i in (4, 9)]
    model = SourceListModel()
    model.set_sources(passages, "text", cited=[2])
    assert [model.index(r).data(NumberRole) for r in range(2)] == [1, 2]
    assert [model.index(r).data(CitedRole) for r in range(2)] == [False, True]
    assert model.index(1).data(PassageRole).page == 9
    assert model.passage(2) is passages[1] and model.passage(3) is None


def test_chat_model_streams_and_truncates(qapp: Any) -> None:
    model = ChatModel()
    model.append(ChatMessage("user", "q1"))
    row = model.append(ChatMessage("assistant", state="streaming"))
    changes: list[Any] = []
    model.dataChanged.connect(lambda a, b, roles: changes.append(roles))
    for token in ("Seo", "ul", " [1]"):
        model.append_text(row, token)
    assert model.message(row).text == "Seoul [1]"
    assert len(changes) == 3
    model.truncate(0)
    assert model.rowCount() == 0


def test_markdown_citations_become_links_and_html_is_escaped() -> None:
    rendered = MarkdownRenderer().render(
        "Seoul [1][2], see [3, 5-6].\n\n<script>x</script>\n\n```py\nprint('<b>')\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    html = rendered.html
    for n in (1, 2, 3, 5, 6):
        assert f'href="cite:{n}"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert rendered.code_blocks == ["print('<b>')"]
    assert 'href="copy:0"' in html
    assert "<table" in html and "<td>1</td>" in html
    assert "`[4]`" not in html
    assert citation_numbers("1, 3-4") == [1, 3, 4]


def test_markdown_code_keeps_brackets_literal() -> None:
    html = MarkdownRenderer().render("Use `arr[1]` here").html
    assert "cite:1" not in html and "arr[1]" in html


def test_highlight_matches_korean_stems_and_english_words() -> None:
    terms = query_terms("한국의 수도는 어디인가요? What is the capital")
    assert "수도" in terms and "한국" in terms and "capital" in terms
    assert "the" not in terms
    html = highlight_html("서울은 한국의 수도입니다. The Capital <city>", terms, "x")
    assert '<span style="x">수도</span>' in html
    assert '<span style="x">Capital</span>' in html
    assert "&lt;city&gt;" in html


def test_snippet_centres_on_the_first_match() -> None:
    text = "filler " * 200 + "the keeper's cat Biscuit " + "filler " * 200
    cut = snippet(text, ["biscuit"], width=120)
    assert "Biscuit" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 124
