"""Citations: a [n] opens the built-in viewer at the cited page with the passage highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl

from app.core.storage.passage import Passage
from app.ui.views.pdf_viewer import best_phrase, phrase_candidates


def _answer(qtbot: Any, window: Any) -> None:
    window.chat.ask("What is the capital of Korea?")
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    window.chat_page.view.flush()


def test_clicking_a_citation_opens_the_pdf_at_its_page_with_the_passage_found(
    qtbot: Any, window: Any, sample_pdf: Path
) -> None:
    _answer(qtbot, window)
    widget = window.chat_page.view.widget_at(1)
    with qtbot.waitSignal(window.sources_pane.viewer.pdf.highlighted, timeout=5000) as hit:
        widget.text.link_activated.emit(QUrl("cite:1"))
    page, phrase = hit.args
    pdf = window.sources_pane.viewer.pdf
    assert window.sources_pane.isVisible()
    assert window.sources_pane.viewer.isVisible()
    assert pdf.path == str(sample_pdf)
    assert page == 2
    assert pdf.highlight_page() == 2
    assert pdf.current_page() == 2
    assert phrase.startswith("Seoul is the capital")
    assert phrase.endswith("ten million people.")  # the whole passage, not a lone word
    assert window.sources_pane.list.currentIndex().row() == 0


def test_a_second_citation_moves_to_its_own_page(qtbot: Any, window: Any) -> None:
    _answer(qtbot, window)
    window.sources_controller.open_citation(1, 1)
    pdf = window.sources_pane.viewer.pdf
    qtbot.waitUntil(lambda: pdf.highlight_page() == 2, timeout=5000)
    with qtbot.waitSignal(pdf.highlighted, timeout=5000) as hit:
        window.sources_controller.open_citation(1, 2)
    assert hit.args[0] == 3
    assert pdf.current_page() == 3


def test_clicking_a_source_card_opens_it(qtbot: Any, window: Any) -> None:
    _answer(qtbot, window)
    window.sources_controller.set_visible(True)
    view = window.sources_pane.list
    qtbot.waitUntil(lambda: window.sources.rowCount() == 2)
    rect = view.visualRect(window.sources.index(1))
    with qtbot.waitSignal(window.sources_pane.viewer.pdf.highlighted, timeout=5000) as hit:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert hit.args[0] == 3


def test_the_sources_show_document_page_and_marked_words(qtbot: Any, window: Any) -> None:
    from app.ui.models.roles import SnippetRole, SubtitleRole

    _answer(qtbot, window)
    window.sources_controller.set_visible(True)
    index = window.sources.index(0)
    assert index.data() == "[1] Capitals"
    assert index.data(SubtitleRole) == "page 2"
    snippet = index.data(SnippetRole)
    assert "capital</span>" in snippet and "Korea</span>" in snippet


def test_a_text_source_opens_at_the_passage_selected(
    qtbot: Any, window: Any, tmp_path: Path, fake_library: Any, fake_chat: Any
) -> None:
    notes = tmp_path / "notes.md"
    page_text = "# Notes\n\nIntro line.\n\nThe treaty was signed in Busan in 1876.\n\nEnd."
    notes.write_text(page_text, encoding="utf-8")
    start = page_text.index("The treaty")
    end = start + len("The treaty was signed in Busan in 1876.")
    fake_library.page_texts[(7, 1)] = page_text
    fake_chat.passages = [
        Passage("n1", page_text[start:end], 7, str(notes), "Notes", 1, start, end, 0.7)
    ]
    fake_chat.answer = "Signed in Busan [1]."
    _answer(qtbot, window)
    window.sources_controller.open_citation(1, 1)
    text_view = window.sources_pane.viewer.text
    qtbot.waitUntil(lambda: text_view.passage == (start, end), timeout=5000)
    assert window.sources_pane.viewer.stack.currentWidget() is text_view
    assert text_view.selected_passage() == "The treaty was signed in Busan in 1876."


def test_a_citation_without_a_source_says_so(qtbot: Any, window: Any) -> None:
    _answer(qtbot, window)
    window.sources_controller.open_citation(1, 9)
    assert "no source [9]" in window.status.currentMessage()
    assert not window.sources_pane.viewer.isVisible()


def test_phrases_fall_back_to_shorter_ones() -> None:
    passage = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
    assert phrase_candidates(passage)[0] == passage
    page = "… gamma delta epsilon zeta\r\neta theta …"  # extraction differs elsewhere
    assert best_phrase(passage, page) == "gamma delta epsilon zeta eta"
    assert best_phrase(passage, "nothing in common") is None
