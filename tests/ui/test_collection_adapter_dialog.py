"""A collection's settings show its LoRA adapter and attach or detach one, as the CLI does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def tiny_and_lora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from tests.core.chat.lora_fixture import make_strong_lora
    from tests.core.models.tinyllm import make_tiny_llama

    base = make_tiny_llama(tmp_path_factory.mktemp("tiny"))
    return base, make_strong_lora(base, tmp_path_factory.mktemp("lora") / "legal-lora")


def test_collection_settings_attach_and_detach_the_adapter(
    qtbot: Any, make_window: Any, settings: Any, tiny_and_lora: tuple[Path, Path]
) -> None:
    from app.core.library import Library
    from app.core.models.adapters import AdapterRegistry
    from app.core.models.importer import import_model
    from app.core.models.registry import ModelRegistry

    library = Library(settings)
    for name in ("legal", "general"):
        library.catalog.create_collection(name, "intfloat/multilingual-e5-small", 256, 32)
    base = import_model(tiny_and_lora[0], ModelRegistry(settings.layout))
    cli_side = AdapterRegistry(settings.layout, library.catalog)
    info = cli_side.add(tiny_and_lora[1], base.id, name="Legal LoRA")
    cli_side.set_for_collection("legal", info.id)  # `pagefold models adapters attach`

    window = make_window(library=library)
    dialog = window.collection_actions.open_settings("legal")
    qtbot.waitUntil(lambda: dialog.adapter_box.count() == 2, timeout=5000)
    assert dialog.current.text() == "Legal LoRA"
    assert dialog.adapter_box.currentData() == info.id

    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.detach_button.click()
    assert cli_side.for_collection("legal") is None
    assert "plain model" in dialog.current.text()

    other = window.collection_actions.open_settings("general")
    qtbot.waitUntil(lambda: other.adapter_box.count() == 2, timeout=5000)
    other.adapter_box.setCurrentIndex(other.adapter_box.findData(info.id))
    with qtbot.waitSignal(other.changed, timeout=5000):
        other.attach()
    assert cli_side.for_collection("general").id == info.id
    assert cli_side.for_collection("legal") is None
    library.close()
