"""The model picker and the status bar: which model answers, loading it off the GUI thread."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.services import Services
from app.ui.views.chat_page import MANAGE, SEARCH_ONLY, ChatHeader
from app.ui.views.status_bar import StatusBar
from app.ui.workers import TaskHub, user_message

log = logging.getLogger(__name__)
HARDWARE_DELAY_MS = 1500


def describe_device(hw: Any) -> str:
    if getattr(hw, "backend", "cpu") == "cpu":
        return "CPU"
    name = getattr(hw, "gpu_name", None) or str(hw.backend).upper()
    vram = getattr(hw, "vram_bytes", 0)
    return f"{name} · {vram / 1024**3:.0f} GB" if vram else str(name)


class ModelController(QObject):
    """Keeps the picker, the settings and the runtime in agreement."""

    models_changed = Signal(list)  # installed models
    hardware_ready = Signal(object)
    model_loaded = Signal(object)  # runtime info, or None for search-only
    loading_started = Signal(str, object)  # model name, expected seconds (None: unknown)
    loading_finished = Signal()

    def __init__(
        self,
        services: Services,
        hub: TaskHub,
        header: ChatHeader,
        status: StatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.header = header
        self.status = status
        self.installed: list[Any] = []
        self.hardware: Any = None
        self.loading = False
        self.loading_name = ""
        self._manager: Any = None
        self._load_token: Any = None  # the CancelToken of the load in progress
        self._load_seconds: dict[str, float] = {}  # measured this session: the bar's scale
        header.model_chosen.connect(self.choose)

    @property
    def settings(self) -> Any:
        return self.services.settings

    def start(self) -> None:
        """After the window shows: hardware, installed models, then the remembered model."""
        self.refresh()
        self._watch_registry()
        # torch is imported to look at the GPU: later, so it does not compete with start-up
        QTimer.singleShot(HARDWARE_DELAY_MS, self._detect_hardware)
        remembered = self.settings.generation.model
        if remembered:
            self._load(remembered)
        else:  # an air-gapped build answers with the model inside it
            self.hub.call("io", _bundled_default, on_result=self._load_default)

    def _load_default(self, model_id: str) -> None:
        if model_id and not self.settings.generation.model and not self.loading:
            self._load(model_id)

    def _watch_registry(self) -> None:
        """Models imported or removed from the CLI show up here within a second."""
        from app.core.models.registry import REGISTRY_FILE
        from app.ui.registry_watcher import RegistryWatcher

        try:
            self.watcher = RegistryWatcher(self.settings.layout.models_dir, REGISTRY_FILE, self)
        except OSError as exc:  # a read-only data folder: the picker refreshes on restart
            log.warning("cannot watch the models folder: %s", exc)
            return
        self.watcher.changed.connect(self._on_registry_changed)

    def _on_registry_changed(self) -> None:
        self.refresh()
        if self._manager is not None and self._manager.isVisible():
            self._manager.refresh()

    def _detect_hardware(self) -> None:
        self.hub.call(
            "io",
            lambda: self.services.models().hardware(),
            on_result=self._on_hardware,
            on_error=self._on_hardware_error,
        )

    def refresh(self) -> None:
        self.hub.call(
            "io",
            lambda: self.services.models().installed(),
            on_result=self._on_installed,
            on_error=lambda e: log.warning("%s", e),
        )

    def _on_installed(self, models: list[Any]) -> None:
        self.installed = models
        self._sync_picker()
        self.models_changed.emit(models)

    def _sync_picker(self) -> None:
        entries = [(m.id, m.name) for m in self.installed]
        current = self.settings.generation.model or SEARCH_ONLY
        if current != SEARCH_ONLY and current not in {k for k, _ in entries}:
            entries.append((current, current.rsplit("/", 1)[-1]))
        net = self.settings.network
        if net.use_remote and net.remote_base_url:
            entries.append(
                (
                    "remote",
                    self.tr("Remote: %1").replace("%1", net.remote_model or net.remote_base_url),
                )
            )
            current = "remote"
        self.header.set_models(entries, current)

    def _on_hardware(self, hw: Any) -> None:
        self.hardware = hw
        self.status.set_device(describe_device(hw))
        self.hardware_ready.emit(hw)

    def _on_hardware_error(self, error: BaseException) -> None:
        log.warning("hardware detection failed: %s", error)
        self.status.set_device("CPU")

    def choose(self, key: str) -> None:
        if key == MANAGE:
            self.open_manager()
        elif key == SEARCH_ONLY:
            self.settings.generation.model = ""
            self.hub.call("io", self.settings.save)
            self.hub.call(
                "model", self.services.unload_model, on_result=lambda _r: self._on_loaded(None)
            )
        elif key == "remote":
            return
        else:
            self._load(key)

    def _load(self, key: str) -> None:
        from app.core.cancel import CancelToken

        if self._load_token is not None:
            self._load_token.cancel()
        token = self._load_token = CancelToken()
        self.loading = True
        self.loading_name = key.rsplit("/", 1)[-1]
        self.status.set_model(self.tr("Loading %1…").replace("%1", self.loading_name))
        self.loading_started.emit(self.loading_name, self._load_seconds.get(key))
        self.hub.call(
            "model",
            self._load_unless_cancelled,
            key,
            token,
            on_result=lambda info: self._on_loaded(info, key) if not token.cancelled else None,
            on_error=lambda error: self._on_load_error(error) if not token.cancelled else None,
        )

    def _load_unless_cancelled(self, key: str, token: Any) -> Any:
        """Model lane: a load cannot be interrupted inside transformers, so a cancelled one
        is unloaded as soon as it ends, before any question queued behind it runs."""
        info = self.services.load_model(key)
        if token.cancelled:
            self.services.unload_model()
            return None
        return info

    def cancel_load(self) -> None:
        """Give up the load in progress: the window is back to search-only at once."""
        if self._load_token is None or not self.loading:
            return
        self._load_token.cancel()
        self._load_token = None
        self.settings.generation.model = ""
        self.hub.call("io", self.settings.save)
        self._on_loaded(None)

    def _on_loaded(self, info: Any, key: str = "") -> None:
        if self.loading:
            self.loading_finished.emit()
        self.loading = False
        self.loading_name = ""
        seconds = float(getattr(info, "load_seconds", 0.0) or 0.0)
        if seconds > 0:
            self._load_seconds[key] = seconds
        if info is None:
            self.status.set_model("")
        else:
            self.settings.generation.model = key
            self.hub.call("io", self.settings.save)
            device = getattr(info, "device", "")
            self.status.set_model(
                f"{info.name} · {device} {getattr(info, 'dtype', '')}".strip(),
                int(getattr(info, "memory_bytes", 0) or 0),
            )
        self._sync_picker()
        self.model_loaded.emit(info)

    def _on_load_error(self, error: BaseException) -> None:
        if self.loading:
            self.loading_finished.emit()
        self.loading = False
        self.loading_name = ""
        log.error("model load failed", exc_info=error)
        self.settings.generation.model = ""
        self.status.set_model("")
        self._sync_picker()
        parent = self.parent()
        QMessageBox.warning(
            parent if isinstance(parent, QWidget) else None,
            "Pagefold",
            user_message(error) + "\n\n" + self.tr("Pagefold stays in search-only mode."),
        )

    def open_manager(self) -> None:
        from app.ui.views.model_manager import ModelManagerDialog

        parent = self.parent()
        if self._manager is None:
            self._manager = ModelManagerDialog(
                self.services, self.hub, parent if isinstance(parent, QWidget) else None
            )
            self._manager.installed_changed.connect(self.refresh)
            self._manager.use_model.connect(self._load)
        self._manager.show()
        self._manager.raise_()
        self._manager.refresh()

    def cancel(self) -> None:
        if self._manager is not None:
            self._manager.cancel()


def _bundled_default() -> str:
    from app.core.chat.factory import default_model_id

    return default_model_id()
