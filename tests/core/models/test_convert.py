"""A GGUF model is converted once at import into a safetensors folder that later loads use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.chat.factory import resolve_model
from app.core.config import Settings
from app.core.models.convert import MARKER, converted_folder, is_converted
from app.core.models.importer import import_model
from app.core.models.registry import ModelRegistry
from app.core.models.runtime import ModelRuntime
from tests.core.models.modelfiles import make_tiny_gguf


def test_a_gguf_that_cannot_be_converted_stays_installed_as_a_gguf(
    tmp_path: Path, settings: Settings
) -> None:
    """A header-only GGUF passes validation but has no weights: it is installed as before,
    nothing half-converted remains, and the runtime is given the GGUF file."""
    registry = ModelRegistry(settings.layout)
    broken = make_tiny_gguf(tmp_path / "broken.gguf")

    model = import_model(broken, registry, copy=True)

    assert [m.id for m in registry.installed()] == [model.id]
    assert not is_converted(registry, model)
    assert not list((registry.models_dir / "converted").glob("*"))
    spec = resolve_model(model.id, settings)
    assert spec.gguf_file == "broken.gguf"


@pytest.mark.slow
def test_import_converts_once_and_later_loads_use_the_folder(
    smollm2_gguf: Path, settings: Settings
) -> None:
    registry = ModelRegistry(settings.layout)
    stages: list[str] = []

    model = import_model(smollm2_gguf, registry, progress=lambda s, f: stages.append(s))

    folder = converted_folder(registry, model)
    assert stages == ["tokenizer", "weights", "writing", "done"]
    assert is_converted(registry, model) and (folder / MARKER).is_file()
    assert (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()
    spec = resolve_model(model.id, settings)
    assert spec.path == folder and spec.gguf_file is None

    runtime = ModelRuntime()
    try:
        info = runtime.load(spec)
        messages = [{"role": "user", "content": "What is the capital of France? One word."}]
        answer = "".join(runtime.stream(messages, max_new_tokens=12, temperature=0.0))
    finally:
        runtime.unload()
    assert "Paris" in answer
    assert info.context_length == 8192 and info.dtype == "float32"

    registry.remove(model.id)
    assert not folder.exists() and smollm2_gguf.exists()  # the user's file stays
