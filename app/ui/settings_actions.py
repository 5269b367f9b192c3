"""Settings and the Tools menu: the settings dialog and what its changes set off, the
evaluation dialog, the network log.

Kept out of the main window (issue 18). Saving the settings file and recording a collection's
new passage size run in worker lanes (``io`` and ``index``); only the language, theme and the
network guard change on the GUI thread, because they are Qt or process state, not disk.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.core.config import Settings
from app.core.errors import PagefoldError
from app.ui.i18n import Translations
from app.ui.model_controller import ModelController
from app.ui.models.collections import CollectionListModel
from app.ui.services import Services
from app.ui.theme import ThemeManager, apply_font
from app.ui.workers import TaskHub


class SettingsActions(QObject):
    """Opens the settings, evaluation and network-log dialogs; applies what Settings changed."""

    def __init__(
        self,
        settings: Settings,
        services: Services,
        hub: TaskHub,
        collections: CollectionListModel,
        models: ModelController,
        parent: QWidget,
        translations: Translations | None = None,
        theme: ThemeManager | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._services = services
        self._hub = hub
        self._collections = collections
        self._models = models
        self._window = parent
        self._translations = translations
        self._theme = theme

    def open_settings(self) -> None:
        from app.ui.views.settings_dialog import SettingsDialog

        records = [self._collections.record(n) for n in self._collections.names()]
        dialog = SettingsDialog(self._settings, records, self._window)
        dialog.applied.connect(self.apply)
        dialog.open()

    def open_evaluation(self) -> None:
        """Tools › Evaluate: the evaluation dialog runs on its own worker lane."""
        from app.ui.views.evaluate_dialog import EvaluateDialog

        dialog = EvaluateDialog(self._services.library, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_network_log(self) -> None:
        """Tools › Network log: read in the io lane (disk), shown when read."""
        from app.core.privacy.netlog import read_network_log
        from app.ui.views.network_log import NetworkLogDialog

        def show(events: Any) -> None:
            dialog = NetworkLogDialog(list(events), self._window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self._hub.call("io", read_network_log, self._settings.layout, on_result=show)

    def apply(self, changes: dict[str, Any]) -> None:
        """What the settings dialog changed: saved, and each change takes effect now."""
        self._hub.call("io", self._settings.save)
        if "language" in changes and self._translations is not None:
            language = self._translations.apply(self._settings.ui.language)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_font(app, language)
        if "theme" in changes and self._theme is not None:
            self._theme.apply(self._settings.ui.theme)
        for name, tokens in changes.get("chunk_sizes", {}).items():
            self._hub.call("index", self._set_chunk_size, name, tokens)
        for name, model in changes.get("embedders", {}).items():
            from app.ui.views.reembed_dialog import ReembedDialog

            ReembedDialog(self._services, self._hub, name, model, self._window).open()
        if "network" in changes:
            self._reinstall_network_guard()
            self._models.refresh()

    def _reinstall_network_guard(self) -> None:
        """The guard read the offline switch when it was installed; a change in Settings must
        take effect now, not at the next start (a user who turns offline on expects it)."""
        from app.core.privacy import netguard

        if netguard.installed():  # installed by the app at start; tests may run without it
            netguard.install(self._settings)

    def _set_chunk_size(self, name: str, tokens: int) -> None:
        """Worker side: core records the new size; it applies at the next indexing."""
        library = self._services.library()
        setter = getattr(library, "set_chunking", None)
        if not callable(setter):
            raise PagefoldError(
                self.tr(
                    "This version cannot change a collection's passage size "
                    "yet; create a new collection with the size you want."
                )
            )
        setter(name, tokens)
