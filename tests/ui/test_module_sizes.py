"""No module under ``app/ui`` grows past 400 lines (issue 18, item 6).

The main window had reached 801 lines and 59 methods, renaming, deleting and exporting
collections and conversations itself; split by responsibility, each module now reads in one
sitting. A module that grows past the limit fails here, naming itself and its length.
"""

from __future__ import annotations

from pathlib import Path

import app.ui

MAX_LINES = 400
UI_ROOT = Path(app.ui.__file__).resolve().parent


def ui_module_lengths() -> dict[str, int]:
    return {
        path.relative_to(UI_ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(UI_ROOT.rglob("*.py"))
    }


def test_the_check_sees_every_ui_module() -> None:
    lengths = ui_module_lengths()
    assert "main_window.py" in lengths
    assert "views/chat_page.py" in lengths  # nested packages are counted too
    assert lengths["main_window.py"] > 100  # it reads the files, not their names


def test_no_ui_module_is_over_400_lines() -> None:
    too_long = {name: n for name, n in ui_module_lengths().items() if n > MAX_LINES}
    assert not too_long, f"split these by responsibility (limit {MAX_LINES} lines): {too_long}"
