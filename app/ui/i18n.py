"""UI language: Qt translators for Pagefold's strings and Qt's own (dialog buttons, menus).

Korean and English are the two first-class languages; "system" follows the OS locale. Switching
installs new translators, which sends every widget a LanguageChange event: widgets re-set their
texts in ``retranslate()``, so no restart is needed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.ui.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("en", "ko")


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a settings value of "system", "ko" or "en"."""
    if setting in SUPPORTED:
        return setting
    locale = system or QLocale.system()
    return "ko" if locale.language() == QLocale.Language.Korean else "en"


class Translations:
    """Owns the installed translators so a switch can remove the previous ones."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, setting: str) -> str:
        """Install translators for ``setting``; returns the language actually shown."""
        language = resolve_language(setting)
        app = QCoreApplication.instance()
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(QLocale(language))
        if language != "en" and app is not None:
            self._load(app, f"pagefold_{language}", str(resource_path("translations")))
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._load(app, f"qtbase_{language}", qt_dir)
        self.language = language
        return language

    def _load(self, app: QCoreApplication, name: str, folder: str) -> None:
        translator = QTranslator(app)
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            self._installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
