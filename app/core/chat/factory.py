"""Choose what writes answers from the settings: remote server, local model, or nothing.

"Nothing" is a valid answer: with no model configured Pagefold runs in search-only mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.chat.backends import ChatBackend, LocalBackend, OpenAICompatibleBackend
from app.core.config import Settings
from app.core.errors import ModelError
from app.core.models.runtime import ModelRuntime, get_runtime
from app.core.models.spec import ModelSpec, spec_from_path
from app.core.secrets import read_secret
from app.core.storage.conversations import ConversationStore

API_KEY_ENV = "PAGEFOLD_REMOTE_API_KEY"
KEYRING_SERVICE = "pagefold"
KEYRING_USER = "remote-endpoint"


def make_backend(
    settings: Settings, model: str | None = None, runtime: ModelRuntime | None = None
) -> ChatBackend | None:
    """The backend the settings ask for; ``model`` (a path or an installed id) overrides them.

    The local model is loaded into the process-wide runtime unless it is already resident.
    """
    remote = remote_backend(settings) if model is None else None
    if remote is not None:
        return remote
    wanted = model or settings.generation.model or default_model_id()
    if not wanted:
        return None
    spec = resolve_model(wanted, settings)
    spec.quantization = settings.generation.quantization
    runtime = runtime or get_runtime()
    runtime.ensure(spec)
    return LocalBackend(runtime)


def remote_backend(settings: Settings) -> OpenAICompatibleBackend | None:
    """The OpenAI-compatible server the settings turn on, or None (nothing goes out then)."""
    network = settings.network
    if not (network.use_remote and network.remote_base_url):
        return None
    return OpenAICompatibleBackend(
        network.remote_base_url, network.remote_model, api_key=remote_api_key()
    )


def resolve_model(value: str, settings: Settings) -> ModelSpec:
    """A model folder, a .gguf file, or the id of a model installed with ``pagefold models``."""
    path = Path(value).expanduser()
    if path.exists():
        return spec_from_path(path)
    installed = _installed(value, settings)
    if installed is not None:
        return installed
    raise ModelError(
        f'No model "{value}": give a model folder, a .gguf file, or the id of an installed '
        "model (`pagefold models list`)."
    )


def default_model_id() -> str:
    """The LLM inside an air-gapped build, when the settings name no model ("" otherwise)."""
    from app.core.models.bundled import default_llm

    bundled = default_llm()
    return bundled.id if bundled is not None else ""


def open_conversations(settings: Settings) -> ConversationStore:
    return ConversationStore(settings.layout.conversations_db)


def remote_api_key() -> str | None:
    """From the environment, else the system keyring; never from a settings file."""
    return read_secret(KEYRING_SERVICE, KEYRING_USER, env=API_KEY_ENV)


def _installed(model_id: str, settings: Settings) -> ModelSpec | None:
    try:
        from app.core.models.registry import ModelRegistry
    except ImportError:  # the model manager is optional for the runtime
        return None
    registry: Any = ModelRegistry(settings.layout)
    found = registry.find(model_id) or registry.find_by_catalog_id(model_id)
    if found is None:
        return None
    from app.core.models.convert import convert_or_keep_gguf, needs_conversion, spec_for

    if needs_conversion(found):  # installed before GGUF files were converted at import
        convert_or_keep_gguf(registry, found)
    return spec_for(registry, found)
