"""A model imported from the CLI while the window is open appears in the picker and manager."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.core.models.tinyllm import make_tiny_llama

    return make_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))


def _picker_labels(window: Any) -> list[str]:
    box = window.chat_page.header.model_box
    return [box.itemText(i) for i in range(box.count())]


def test_a_model_imported_by_the_cli_appears_within_seconds(
    qtbot: Any, make_window: Any, settings: Any, tiny_model: Path, fake_library: Any
) -> None:
    from app.ui.services import Services

    window = make_window(services=Services(settings, library=fake_library))
    qtbot.waitUntil(lambda: window._started and not window.hub.busy(), timeout=10000)
    window.models.open_manager()
    manager = window.models._manager
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=20000)
    assert not any("Pocket model" in label for label in _picker_labels(window))

    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    argv = ["--data-dir", str(settings.layout.root), "models", "import", str(tiny_model)]
    done = subprocess.run(
        [sys.executable, "-m", "app", *argv, "--name", "Pocket model"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: "Pocket model" in _picker_labels(window), timeout=5000)
    qtbot.waitUntil(lambda: [m.name for m in manager._installed] == ["Pocket model"], timeout=10000)

    model_id = window.models.installed[0].id
    argv = ["--data-dir", str(settings.layout.root), "models", "remove", model_id]
    removed = subprocess.run(
        [sys.executable, "-m", "app", *argv], env=env, capture_output=True, text=True, timeout=120
    )
    assert removed.returncode == 0, removed.stderr
    qtbot.waitUntil(lambda: "Pocket model" not in _picker_labels(window), timeout=5000)
