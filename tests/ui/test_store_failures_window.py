"""Issue 19, point 3, in the window: store failures in a window action show core's message
with advice (the catalog under the collection list, the vectors under a search-only question).
The failures are the ones ``tests/robustness/test_store_failures.py`` injects in the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.robustness.test_store_failures import (
    CHROMA_FAILURES,
    SQLITE_FAILURES,
    FailingConnection,
    fail_chroma,
)


def test_every_failure_in_a_window_action(
    qtbot: Any, make_window: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's collection list (catalog) and a search-only question (vectors)."""
    from app.ui.services import Services

    window = make_window(services=Services(settings))
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=30_000)
    library = window.services.library()
    library.create_collection("c")
    real_db = library.catalog._db
    for error, advice in SQLITE_FAILURES:
        library.catalog._db = FailingConnection(real_db, error)
        shown = len(window.errors)
        window.refresh_collections()
        # The refresh may show the previous failure once more (two lists reload): wait for
        # this failure's own advice among the new messages.
        qtbot.waitUntil(
            lambda shown=shown, advice=advice: any(advice in e for e in window.errors[shown:]),
            timeout=10_000,
        )
        assert all("Traceback" not in e for e in window.errors[shown:])
    library.catalog._db = real_db
    window.chat.collections = ["c"]
    library.ingest("c", [_doc(settings)])
    for error, advice in CHROMA_FAILURES:
        with monkeypatch.context() as patch:
            fail_chroma(patch, error)
            library.vectors.reopen()
            window.chat.ask("When does the ferry leave?")
            qtbot.waitUntil(lambda: not window.chat.busy, timeout=30_000)
        answer = window.chat.model.message(window.chat.model.rowCount() - 1)
        assert answer.state == "error" and advice in answer.status, answer.status
        assert "Traceback" not in answer.status


def _doc(settings: Any) -> Path:
    path = Path(settings.layout.root) / "ferry.txt"
    path.write_text("The ferry leaves the harbour at seven o'clock.", "utf-8")
    return path
