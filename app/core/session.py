"""One data folder's core objects, opened on first use: the session the CLI, the window, the
self-test and the benchmarks all go through.

Why one object: the CLI (``commands/context.py``) and the window (``ui/services.py``) had each
put the library, the conversation store and the model backend together their own way, and
their "is this model already loaded?" checks disagreed (one compared the adapter and the
quantization, the other only the file), so the window kept a 4-bit model when 8-bit was asked
for. Nothing here is opened before it is asked for, so ``pagefold --help`` and the window's
first paint cost nothing: ``Library`` opens SQLite and Chroma, the chat service LangChain, the
runtime torch. Every getter is thread-safe; the window calls them from its workers.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.config import Settings

if TYPE_CHECKING:
    from app.core.chat.backends import ChatBackend
    from app.core.chat.service import ChatService
    from app.core.library import Library
    from app.core.models.manager import ModelManager
    from app.core.models.runtime import ModelRuntime, RuntimeInfo
    from app.core.storage.conversations import ConversationStore


class Session:
    """The library, the conversation store, the model runtime and model management."""

    def __init__(self, settings: Settings, *, runtime: ModelRuntime | None = None) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._library: Library | None = None
        self._conversations: ConversationStore | None = None
        self._runtime = runtime

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Session:
        """Settings from ``data_dir`` (else ``PAGEFOLD_HOME``, else the platform's folder)."""
        return cls(Settings.load(data_dir))

    def library(self) -> Library:
        with self._lock:
            if self._library is None:
                from app.core.library import Library

                self._library = Library(self.settings)
            return self._library

    def conversations(self) -> ConversationStore:
        with self._lock:
            if self._conversations is None:
                from app.core.storage.conversations import ConversationStore

                self._conversations = ConversationStore(self.settings.layout.conversations_db)
            return self._conversations

    def runtime(self) -> ModelRuntime:
        """The process-wide runtime (one resident model per process) unless one was given."""
        with self._lock:
            if self._runtime is None:
                from app.core.models.runtime import get_runtime

                self._runtime = get_runtime()
            return self._runtime

    def models(self) -> ModelManager:
        from app.core.models.manager import ModelManager

        return ModelManager(self.settings)

    def load_model(self, key: str) -> RuntimeInfo:
        """``key`` (a folder, a .gguf file, an installed or catalog id) resident, with the
        settings' quantization; a model already resident that way is not loaded again."""
        from app.core.chat.factory import resolve_model

        spec = resolve_model(key, self.settings)
        spec.quantization = self.settings.generation.quantization
        return self.runtime().ensure(spec)

    def resident_model(self) -> RuntimeInfo | None:
        """The model resident now, without starting a runtime (which would import torch)."""
        runtime = self._runtime
        return runtime.info if runtime is not None and runtime.loaded else None

    def backend(self, model: str | None = None) -> ChatBackend | None:
        """What writes answers: the remote server the settings name, else ``model`` or the
        settings' model (loaded if need be), else None (search-only mode)."""
        from app.core.chat.factory import make_backend

        return make_backend(self.settings, model, self.runtime())

    def resident_backend(self) -> ChatBackend | None:
        """The backend as it stands, loading nothing: the remote server, the resident local
        model, or None. The window loads models itself, with progress and a Cancel button."""
        from app.core.chat.backends import LocalBackend
        from app.core.chat.factory import remote_backend

        remote = remote_backend(self.settings)
        if remote is not None:
            return remote
        runtime = self._runtime
        if runtime is not None and runtime.loaded:
            return LocalBackend(runtime)
        return None

    def chat(self, backend: ChatBackend | None) -> ChatService:
        """The chat service of this session's library and conversations over ``backend``."""
        from app.core.chat.service import ChatService

        return ChatService(self.library(), self.conversations(), backend, self.settings)

    def close(self) -> None:
        """Release the files; the resident model stays (it belongs to the process)."""
        with self._lock:
            store, library = self._conversations, self._library
            self._conversations = self._library = None
        if store is not None:
            store.close()
        if library is not None:
            library.close()
