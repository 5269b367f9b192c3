"""A LoRA attached to one collection changes that collection's answers and no other's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.chat.events import DoneEvent
from app.core.storage.conversations import ConversationStore
from tests.core.chat.fakes import FakeLibrary, passage
from tests.core.chat.lora_fixture import make_strong_lora

QUESTION = "What does the contract say about the harbor?"


@pytest.fixture(scope="module")
def tiny_and_lora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from tests.core.models.tinyllm import make_tiny_llama

    base = make_tiny_llama(tmp_path_factory.mktemp("tiny"), context_length=1024)
    return base, make_strong_lora(base, tmp_path_factory.mktemp("lora") / "legal-lora")


@pytest.fixture
def chat(
    settings: Any, tiny_and_lora: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Any, Any]]:
    from app.core.chat.backends import LocalBackend
    from app.core.chat.service import ChatService
    from app.core.models.adapters import AdapterRegistry
    from app.core.models.importer import import_model
    from app.core.models.registry import ModelRegistry
    from app.core.models.runtime import ModelRuntime
    from app.core.models.spec import spec_from_path

    # One fence tag for every request: the random per-request tag changes the prompt, and this
    # random tiny model answers each different prompt differently.
    monkeypatch.setattr("app.core.chat.prompts.new_tag", lambda _texts: "doc-5eed00")
    settings.generation.temperature = 0.0
    settings.generation.max_new_tokens = 12
    library = FakeLibrary(settings, [passage(1, "The harbor contract runs until 2030.")])
    for name in ("legal", "general"):
        library.add_document(name, f"{name}-notes", ["The harbor contract runs until 2030."])
    models = ModelRegistry(settings.layout)
    base = import_model(tiny_and_lora[0], models)
    adapters = AdapterRegistry(settings.layout, library.catalog, models)
    runtime = ModelRuntime()
    runtime.load(spec_from_path(base.path))
    store = ConversationStore(settings.layout.conversations_db)
    service = ChatService(library, store, LocalBackend(runtime), settings)
    yield service, adapters, runtime
    runtime.unload()
    store.close()
    library.close()


def _answer(service: Any, collection: str) -> str:
    # Each answer from a full prefill: a reused KV prefix computes the same logits in another
    # order, and this random tiny model has near-ties that flip on such differences.
    service.backend.runtime.prefix.clear()
    events = list(service.ask(QUESTION, [collection]))
    done = events[-1]
    assert isinstance(done, DoneEvent), events[-1]
    return done.answer.text


def test_the_attached_adapter_changes_answers_only_in_its_collection(
    chat: tuple[Any, Any, Any], tiny_and_lora: tuple[Path, Path]
) -> None:
    service, adapters, runtime = chat
    plain_legal, plain_general = _answer(service, "legal"), _answer(service, "general")
    assert plain_legal == plain_general  # same passages, same greedy model

    info = adapters.add(tiny_and_lora[1], adapters.models.installed()[0].id, name="Legal")
    adapters.set_for_collection("legal", info.id)

    runtime.prefix.remember([1, 2, 3], object())  # a cache from the plain model
    runtime.use_adapter(info.path)
    assert runtime.prefix.empty  # is never reused under the adapter's weights
    tuned = _answer(service, "legal")
    assert tuned != plain_legal
    assert runtime.info.adapter == str(info.path)
    assert _answer(service, "general") == plain_general  # the plain model again
    assert runtime.info.adapter == ""
    assert _answer(service, "legal") == tuned  # switching back reuses the loaded adapter

    adapters.set_for_collection("legal", None)
    assert _answer(service, "legal") == plain_legal
