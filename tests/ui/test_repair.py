"""Issue 19, point 2: a search in the window that finds a damaged collection offers the repair.

Real services (Library on Chroma and SQLite, MiniLM, the chat service in search-only mode): a
collection's vectors are deleted behind the window's back, a question is asked, the window shows
core's message with a Repair button, and Repair re-embeds what was missing off the GUI thread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.health import check
from app.ui.services import Services

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_a_search_on_a_damaged_collection_offers_the_repair(
    qtbot: Any, make_window: Any, settings: Any, tmp_path: Path
) -> None:
    window = make_window(services=Services(settings))
    qtbot.waitUntil(lambda: not window.hub.busy("io"), timeout=30_000)
    library = window.services.library()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "harbour.txt").write_text(
        "The harbour ferry leaves at seven. Tickets cost four euros at the kiosk.", "utf-8"
    )
    library.ingest("Harbour", [docs])
    col = library.collection("Harbour")
    library.vectors.drop(col.id)  # the vectors are gone; the catalog still lists the passage
    window.refresh_collections()
    qtbot.waitUntil(lambda: window.collections.rowCount() == 1, timeout=10_000)

    window.chat.collections = ["Harbour"]
    with qtbot.waitSignal(window.chat.damaged, timeout=60_000) as damaged:
        window.chat.ask("When does the ferry leave?")
    assert damaged.args[0] == "Harbour"
    qtbot.waitUntil(lambda: window.repair_offer.box is not None, timeout=5000)
    box = window.repair_offer.box
    assert "lost vectors" in box.text()
    qtbot.waitExposed(box)
    if os.environ.get("PAGEFOLD_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "repair-offer-window.png"))
        box.grab().save(str(SHOTS / "repair-offer.png"))

    repair = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    with qtbot.waitSignal(window.repair_offer.repaired, timeout=120_000) as done:
        qtbot.mouseClick(repair, Qt.MouseButton.LeftButton)
    assert "1 passages re-embedded" in done.args[0]
    assert check(library, "Harbour").ok
    assert library.search("Harbour", "ferry")
