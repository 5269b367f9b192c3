"""Tools › Network log shows what the privacy guard recorded, newest first."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from app.core.privacy.netlog import read_network_log
from app.ui.views.network_log import NetworkLogDialog


def _write_log(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_the_log_lists_each_connection_with_its_reason(qtbot: Any, tmp_path: Path) -> None:
    from app.core.storage.layout import DataLayout

    layout = DataLayout(tmp_path)
    now = time.time()
    _write_log(
        layout.network_log,
        [
            {
                "time": now - 60,
                "action": "connect",
                "host": "huggingface.co",
                "port": 443,
                "purpose": "model download: Qwen/Qwen2.5-3B-Instruct",
                "allowed": True,
            },
            {
                "time": now,
                "action": "connect",
                "host": "203.0.113.9",
                "port": 80,
                "purpose": "unattributed",
                "allowed": False,
            },
        ],
    )
    events = read_network_log(layout)
    assert len(events) == 2
    dialog = NetworkLogDialog(events)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "203.0.113.9"  # newest first
    assert table.item(0, 4).text() == "refused"
    assert table.item(1, 3).text() == "model download: Qwen/Qwen2.5-3B-Instruct"


def test_an_empty_log_says_no_connection_was_made(qtbot: Any) -> None:
    dialog = NetworkLogDialog([])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert any(
        "no connection" in label.text()
        for label in dialog.findChildren(
            __import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel
        )
    )


def test_tools_menu_opens_the_log_from_the_window(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    window.action("network_log").trigger()  # Tools › Network log…
    qtbot.waitUntil(lambda: bool(window.findChildren(NetworkLogDialog)), timeout=5000)
    dialog = window.findChildren(NetworkLogDialog)[0]
    assert dialog.isVisible()
