"""Settings › Search: the reranker is chosen among the installed ones, and a collection's
embedding model is changed from the window, re-embedding it with progress (issue 17.3).

Real library (SQLite, Chroma on disk, MiniLM); the installed models are tiny random-weight
encoders imported from disk, as `pagefold models import` would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.models.importer import import_model
from app.core.models.registry import ModelRegistry
from app.ui.views.reembed_dialog import ReembedDialog
from app.ui.views.settings_dialog import SettingsDialog
from tests.core.encoders.docs import write_docs
from tests.core.encoders.tinyencoders import make_cross_encoder, make_embedder


@pytest.fixture
def real_library(settings: Any, tmp_path: Path) -> Iterator[Any]:
    from app.core.library import Library

    library = Library(settings)
    library.ingest("handbook", [write_docs(tmp_path / "docs")])
    registry = ModelRegistry(library.layout)
    make_cross_encoder(tmp_path / "tiny-reranker")
    make_embedder(tmp_path / "tiny-e5")
    import_model(tmp_path / "tiny-reranker", registry, name="Tiny reranker")
    import_model(tmp_path / "tiny-e5", registry, name="Tiny e5")
    yield library
    library.close()


def _dialog(qtbot: Any, window: Any) -> SettingsDialog:
    window.settings_actions.open_settings()
    dialog = window.findChildren(SettingsDialog)[-1]
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(1)
    return dialog


@pytest.mark.slow
def test_reranker_and_collection_embedder_are_chosen_in_settings(
    qtbot: Any, make_window: Any, real_library: Any, settings: Any
) -> None:
    window = make_window(library=real_library)
    qtbot.waitUntil(lambda: window.collections.names() == ["handbook"], timeout=20_000)
    dialog = _dialog(qtbot, window)
    choices = [dialog.reranker.itemData(i) for i in range(dialog.reranker.count())]
    assert choices == ["auto", "off", "tiny-reranker"]
    assert real_library.reranker_choice().model_id == "tiny-reranker"  # installed: used at once

    dialog.reranker.setCurrentIndex(dialog.reranker.findData("off"))
    combo = dialog.embedder_combos["handbook"]
    assert combo.findData("tiny-e5") >= 0
    combo.setCurrentIndex(combo.findData("tiny-e5"))
    changes = dialog.apply()
    assert changes["reranker"] == "off" and changes["embedders"] == {"handbook": "tiny-e5"}
    assert real_library.reranker_choice().folder is None

    reembed = window.findChildren(ReembedDialog)[-1]
    with qtbot.waitSignal(reembed.finished_with, timeout=60_000) as done:
        pass
    assert done.args[0] is not None and done.args[0].new_model == "tiny-e5"
    record = real_library.collection("handbook")
    assert (record.embedding_model, record.embedding_dim) == ("tiny-e5", 32)
    assert real_library.search("handbook", "telescope mount hex key", k=1)
