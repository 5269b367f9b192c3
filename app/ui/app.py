"""Start the desktop app: QApplication, logging, translations, theme, then the main window.

Only Qt and light core modules are imported before the window shows; the library, the chat
stack and the model runtime open later, in workers (see ``services.py``).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.storage.layout import default_data_dir
from app.ui.i18n import Translations
from app.ui.icons import app_icon
from app.ui.theme import ThemeManager, apply_font

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("Pagefold")
    QCoreApplication.setApplicationName("Pagefold")
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("pagefold")
    return app


def load_settings() -> tuple[Settings, str | None]:
    """The user's settings, or the defaults plus the reason the file could not be used."""
    data_dir = _chosen_data_dir()
    try:
        return Settings.load(data_dir), None
    except PagefoldError as exc:
        root = data_dir or Path(os.environ.get("PAGEFOLD_HOME") or default_data_dir())
        return Settings(data_dir=root), str(exc)


def _chosen_data_dir() -> Path | None:
    """A data folder picked in Settings applies unless PAGEFOLD_HOME says otherwise."""
    if os.environ.get("PAGEFOLD_HOME"):
        return None
    from app.ui.views.settings_dialog import DATA_DIR_KEY, user_settings

    value = user_settings().value(DATA_DIR_KEY)
    return Path(str(value)) if value else None


def setup_logging(settings: Settings) -> None:
    """Tracebacks go to ``logs/pagefold.log`` in the data folder; users see messages."""
    logs = settings.layout.logs_dir
    try:
        logs.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            settings.layout.log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)


def build_window(
    settings: Settings, app: QApplication, services: object | None = None
) -> MainWindow:
    """Translations, font, theme and the main window (not yet shown)."""
    from app.ui.main_window import MainWindow
    from app.ui.services import Services

    translations = Translations()
    language = translations.apply(settings.ui.language)
    apply_font(app, language)
    theme = ThemeManager(app, settings.ui.theme)
    theme.apply()
    return MainWindow(
        settings, services if isinstance(services, Services) else None, translations, theme
    )


def run_gui(
    argv: Sequence[str] | None = None, on_shown: Callable[[object], None] | None = None
) -> int:
    """Open the window and run until it closes; ``on_shown`` lets benchmarks time start-up."""
    app = create_application(argv)
    settings, problem = load_settings()
    setup_logging(settings)
    from app.core.privacy import netguard

    netguard.install(settings)  # the offline switch and the network log, before any worker runs
    from app.core.documents.korean import analyse_in_child_process

    analyse_in_child_process()  # Kiwi's loader would freeze the window for up to 1.7 s
    window = build_window(settings, app)
    window.show()
    if problem:
        QMessageBox.warning(
            window,
            "Pagefold",
            problem
            + "\n\n"
            + QCoreApplication.translate("App", "Pagefold started with default settings."),
        )
    if on_shown is not None:
        on_shown(window)
    return int(app.exec())
