"""Core services for the window, opened lazily and only ever from worker threads.

The window is shown before any of this runs: ``Library`` opens SQLite (and later Chroma), the
chat service pulls in LangChain, the runtime pulls in torch. Tests pass fakes with the same shape
through the constructor, the seam for every flow the UI drives.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, cast

from app.core.config import Settings
from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.chat.backends import ChatBackend
    from app.core.chat.service import ChatService
    from app.core.models.adapters import AdapterRegistry
    from app.core.models.runtime import ModelRuntime, RuntimeInfo
    from app.core.seams import ConversationStoreApi, WindowLibrary
    from app.core.storage.conversations import ConversationStore
    from app.ui.model_api import ModelApi

log = logging.getLogger(__name__)


class Services:
    """Holds the library, the conversation store, the chat service and the model runtime."""

    def __init__(
        self,
        settings: Settings,
        *,
        library: WindowLibrary | None = None,
        conversations: ConversationStoreApi | None = None,
        chat: ChatService | None = None,
        runtime: ModelRuntime | None = None,
        models: ModelApi | None = None,
    ) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._library = library
        self._conversations = conversations
        self._chat = chat
        self._chat_injected = chat is not None
        self._runtime = runtime
        self._models = models
        self._backend_key = ""

    # -- lazily opened services (call from workers) ----------------------------------------

    def library(self) -> WindowLibrary:
        with self._lock:
            if self._library is None:
                from app.core.library import Library

                self._library = Library(self.settings)
            return self._library

    def conversations(self) -> ConversationStoreApi:
        with self._lock:
            if self._conversations is None:
                from app.core.storage.conversations import ConversationStore

                self._conversations = ConversationStore(self.settings.layout.conversations_db)
            return self._conversations

    def runtime(self) -> ModelRuntime:
        with self._lock:
            if self._runtime is None:
                from app.core.models.runtime import get_runtime

                self._runtime = get_runtime()
            return self._runtime

    def models(self) -> ModelApi:
        """The model-manager facade (catalog, hardware, registry, downloads)."""
        with self._lock:
            if self._models is None:
                from app.ui.model_api import ModelApi

                self._models = ModelApi(self.settings)
            return self._models

    def adapters(self) -> AdapterRegistry:
        """LoRA adapters and the collection each is attached to (the library's catalog)."""
        from app.core.library import Library
        from app.core.models.adapters import AdapterRegistry

        library = self.library()
        if not isinstance(library, Library):  # the window's test fakes keep no catalog
            raise PagefoldError("LoRA adapters need a library on disk.")
        return AdapterRegistry(self.settings.layout, library.catalog)

    def chat(self) -> ChatService:
        """The chat service for the backend the settings choose now (rebuilt on change)."""
        with self._lock:
            if self._chat_injected and self._chat is not None:
                return self._chat
            key = self._wanted_backend_key()
            if self._chat is None or key != self._backend_key:
                from app.core.chat.service import ChatService

                # Fakes of the library and store come with a fake chat (above); a real chat
                # service is only ever built over the real store.
                store = cast("ConversationStore", self.conversations())
                self._chat = ChatService(self.library(), store, self._backend(), self.settings)
                self._backend_key = key
            return self._chat

    def _wanted_backend_key(self) -> str:
        net, gen = self.settings.network, self.settings.generation
        if net.use_remote and net.remote_base_url:
            return f"remote:{net.remote_base_url}:{net.remote_model}"
        runtime = self._runtime
        loaded = runtime is not None and getattr(runtime, "loaded", False)
        return f"local:{gen.model}" if loaded else "search-only"

    def _backend(self) -> ChatBackend | None:
        net = self.settings.network
        if net.use_remote and net.remote_base_url:
            from app.core.chat.backends import OpenAICompatibleBackend
            from app.core.chat.factory import remote_api_key

            return OpenAICompatibleBackend(
                net.remote_base_url, net.remote_model, api_key=remote_api_key()
            )
        runtime = self._runtime
        if runtime is not None and getattr(runtime, "loaded", False):
            from app.core.chat.backends import LocalBackend

            return LocalBackend(runtime)
        return None

    # -- model loading (model lane) --------------------------------------------------------

    def load_model(self, key: str) -> RuntimeInfo:
        """Load ``key`` (a folder, a .gguf file, an installed or catalog id); the runtime's
        info comes back for the status bar. An already resident model is not reloaded."""
        from app.core.chat.factory import resolve_model

        spec = resolve_model(key, self.settings)
        spec.quantization = self.settings.generation.quantization
        runtime = self.runtime()
        info = runtime.info
        if info is not None and info.source == spec.display:
            return info
        return runtime.load(spec)

    def unload_model(self) -> None:
        if self._runtime is not None:
            self._runtime.unload()

    def close(self) -> None:
        """Release files and memory; called after every worker has finished."""
        with self._lock:
            for service in (self._conversations, self._library):
                close = getattr(service, "close", None)
                if callable(close):
                    try:
                        close()
                    except Exception:
                        log.exception("closing %s failed", type(service).__name__)
