"""The whole product path with nothing faked: a real PDF dropped on the window, indexed with
MiniLM into Chroma, a question answered by the real SmolLM2 model token by token, and the
answer's citation opening the built-in viewer at the cited page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from app.ui.models.roles import TextRole
from app.ui.services import Services
from tests.core.chat.harbor import CAT_FACT, CAT_PAGE, CAT_QUESTION, make_harbor_pdf
from tests.ui.test_indexing import drop

pytestmark = pytest.mark.slow


def test_dropped_pdf_to_streamed_cited_answer_to_the_page(
    qtbot: Any, make_window: Any, settings: Any, smollm2_gguf: Path, tmp_path: Path
) -> None:
    settings.generation.max_new_tokens = 48
    settings.generation.temperature = 0.0
    window = make_window(services=Services(settings))
    qtbot.waitUntil(lambda: not window.hub.busy("io"), timeout=30_000)

    with qtbot.waitSignal(window.indexing.finished, timeout=300_000) as indexed:
        assert drop(window, [make_harbor_pdf(tmp_path)])
    assert indexed.args[0].count("indexed") == 1
    qtbot.waitUntil(lambda: window.collections.rowCount() == 1, timeout=10_000)

    window.models.choose(str(smollm2_gguf))
    qtbot.waitUntil(lambda: not window.models.loading, timeout=600_000)
    assert "SmolLM2" in window.status.model.text() or "smollm2" in window.status.model.text()

    updates: list[int] = []
    window.chat.model.dataChanged.connect(
        lambda _a, _b, roles=None: updates.append(1) if roles == [TextRole] else None
    )
    edit = window.chat_page.composer.edit
    qtbot.keyClicks(edit, CAT_QUESTION)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=600_000)

    answer = window.chat.model.message(1)
    assert answer.state == "done", answer.status
    assert answer.mode == "answer"
    assert len(updates) > 3  # tokens arrived one by one
    assert CAT_FACT in answer.text
    cited_pages = {answer.sources[n - 1].page: n for n in answer.cited}
    assert CAT_PAGE in cited_pages
    window.chat_page.view.flush()
    html = window.chat_page.view.widget_at(1).text.toHtml()
    number = cited_pages[CAT_PAGE]
    assert f"cite:{number}" in html  # the [n] on screen is a link

    pdf = window.sources_pane.viewer.pdf
    with qtbot.waitSignal(pdf.highlighted, timeout=10_000) as hit:
        window.chat_page.view.widget_at(1).text.link_activated.emit(QUrl(f"cite:{number}"))
    assert hit.args[0] == CAT_PAGE
    assert pdf.current_page() == CAT_PAGE
    assert CAT_FACT in (pdf.phrase or "") or "Gull Island" in (pdf.phrase or "")
