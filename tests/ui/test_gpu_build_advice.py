"""A CPU-only build on a machine with an NVIDIA card says how to get the CUDA build."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.core.models.hardware import Hardware
from tests.ui.fakes import FakeModelApi

NVIDIA_ON_CPU_BUILD = Hardware(
    None, 0, "cpu", 16 * 1024**3, notes=["NVIDIA present"], nvidia_without_cuda=True
)


class CpuBuildWithNvidia(FakeModelApi):
    def hardware(self) -> Any:
        return NVIDIA_ON_CPU_BUILD


def _shot(widget: Any, name: str) -> None:
    """Saved when PAGEFOLD_SCREENSHOTS names a folder (docs/screenshots for the docs)."""
    folder = os.environ.get("PAGEFOLD_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def test_welcome_and_model_manager_offer_the_cuda_build(qtbot: Any, make_window: Any) -> None:
    window = make_window(welcome_done=False, models=CpuBuildWithNvidia())
    qtbot.waitUntil(lambda: "NVIDIA" in window.welcome.machine_text.text())
    assert "CUDA build" in window.welcome.machine_text.text()
    qtbot.wait(300)  # the wrapped label's new height is laid out
    _shot(window, "gpu-build-welcome.png")

    window.models.open_manager()
    dialog = window.models._manager
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "CUDA build" in dialog.hardware.text(), timeout=5000)
    qtbot.wait(300)
    _shot(dialog, "gpu-build-model-manager.png")


def test_no_advice_without_an_nvidia_card(qtbot: Any, make_window: Any) -> None:
    window = make_window(welcome_done=False)
    qtbot.waitUntil(lambda: "16 GB of RAM" in window.welcome.machine_text.text())
    assert "CUDA" not in window.welcome.machine_text.text()
