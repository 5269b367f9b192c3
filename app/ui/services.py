"""Core services for the window: the core ``Session`` the CLI uses too, plus the seam where the
window's tests pass fakes of the same shape. Called only from worker threads.

The window is shown before any of this runs: ``Library`` opens SQLite (and later Chroma), the
chat service pulls in LangChain, the runtime pulls in torch.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from app.core.config import Settings
from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.chat.service import ChatService
    from app.core.models.adapters import AdapterRegistry
    from app.core.models.manager import ModelManager
    from app.core.models.runtime import ModelRuntime, RuntimeInfo
    from app.core.seams import ConversationStoreApi, WindowLibrary

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
        models: ModelManager | None = None,
    ) -> None:
        from app.core.session import Session

        self.settings = settings
        self.session = Session(settings, runtime=runtime)
        self._lock = threading.RLock()
        self._library = library
        self._conversations = conversations
        self._chat = chat
        self._chat_injected = chat is not None
        self._models = models
        self._backend_key = ""

    # -- lazily opened services (call from workers) ----------------------------------------

    def library(self) -> WindowLibrary:
        with self._lock:
            return self._library if self._library is not None else self.session.library()

    def conversations(self) -> ConversationStoreApi:
        with self._lock:
            if self._conversations is not None:
                return self._conversations
            return self.session.conversations()

    def runtime(self) -> ModelRuntime:
        return self.session.runtime()

    def models(self) -> ModelManager:
        """Model management (catalog, hardware, registry, downloads), shared with the CLI."""
        with self._lock:
            if self._models is None:
                self._models = self.session.models()
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
                # Fakes of the library and store come with a fake chat (above); a real chat
                # service is only ever built over the session's real library and store.
                self._chat = self.session.chat(self.session.resident_backend())
                self._backend_key = key
            return self._chat

    def _wanted_backend_key(self) -> str:
        net = self.settings.network
        if net.use_remote and net.remote_base_url:
            return f"remote:{net.remote_base_url}:{net.remote_model}"
        info = self.session.resident_model()
        return f"local:{info.source}:{info.quantization}" if info else "search-only"

    # -- model loading (model lane) --------------------------------------------------------

    def load_model(self, key: str) -> RuntimeInfo:
        """Load ``key`` (a folder, a .gguf file, an installed or catalog id); the runtime's
        info comes back for the status bar. The session's rule says what is already loaded."""
        return self.session.load_model(key)

    def unload_model(self) -> None:
        self.session.runtime().unload()

    def close(self) -> None:
        """Release files and memory; called after every worker has finished."""
        with self._lock:
            for service in (self._conversations, self._library, self.session):
                close = getattr(service, "close", None)
                if callable(close):
                    try:
                        close()
                    except Exception:
                        log.exception("closing %s failed", type(service).__name__)
