"""Answers from the real chat pipeline, for ``pagefold eval --model``.

The chat service is given a throwaway conversation store in a temporary folder: evaluation
questions must not appear in the user's conversation history.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import ModelError
from app.core.evaluation.answers import ChatAnswerer

if TYPE_CHECKING:
    from app.core.library import Library


def open_chat_answerer(
    library: Library, model: str, collection: str, stack: contextlib.ExitStack
) -> ChatAnswerer:
    """Load ``model`` (a folder, a .gguf file or an installed model's id) and answer with it."""
    from app.core.chat.backends import LocalBackend
    from app.core.models.runtime import get_runtime
    from app.core.models.spec import spec_from_path

    runtime = get_runtime()
    info = runtime.load(spec_from_path(_model_path(library, model)))
    stack.callback(runtime.unload)
    return chat_answerer(library, LocalBackend(runtime), collection, stack, name=info.name)


def chat_answerer(
    library: Library, backend: Any, collection: str, stack: contextlib.ExitStack, name: str = ""
) -> ChatAnswerer:
    """A ``ChatAnswerer`` over any chat backend (the window passes the one it already has)."""
    from app.core.chat.service import ChatService
    from app.core.storage.conversations import ConversationStore

    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pagefold-eval-chat-")))
    store = ConversationStore(folder / "conversations.sqlite3")
    stack.callback(getattr(store, "close", lambda: None))
    service = ChatService(library, store, backend)
    return ChatAnswerer(lambda question: service.ask(question, [collection]), name=name)


def _model_path(library: Library, model: str) -> Path:
    path = Path(model).expanduser()
    if path.exists():
        return path
    from app.core.models.registry import ModelRegistry

    registry = ModelRegistry(library.layout)
    found = registry.find(model) or registry.find_by_catalog_id(model)
    if found is None:
        raise ModelError(
            f'No model at "{model}": give a model folder, a .gguf file or the id of an '
            "installed model (pagefold models list)."
        )
    return found.weights_path
