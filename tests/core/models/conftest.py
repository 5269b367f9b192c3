"""Fixtures for the model runtime: a tiny random Llama folder and the real SmolLM2 runtime."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.models.tinyllm import make_tiny_llama


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Hugging Face folder (config.json, model.safetensors, ChatML tokenizer), built once."""
    return make_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture
def runtime() -> Iterator:  # type: ignore[type-arg]
    from app.core.models.runtime import ModelRuntime

    rt = ModelRuntime()
    yield rt
    rt.unload()
