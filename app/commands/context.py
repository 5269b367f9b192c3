"""What every command handler receives: lazily opened core services, closed at exit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.config import Settings
    from app.core.library import Library


class CommandContext:
    """Opens the settings and the library on first use only: `--help` must stay instant."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = data_dir
        self._settings: Settings | None = None
        self._library: Library | None = None
        self.extras: dict[str, Any] = {}

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from app.core.config import Settings
            from app.core.logs import configure_logging
            from app.core.privacy import netguard

            self._settings = Settings.load(self._data_dir)
            configure_logging(self._settings.layout)
            netguard.install(self._settings)  # offline switch + network log, before any model
        return self._settings

    @property
    def library(self) -> Library:
        if self._library is None:
            from app.core.library import Library

            self._library = Library(self.settings)
        return self._library

    def close(self) -> None:
        for extra in self.extras.values():
            close = getattr(extra, "close", None)
            if callable(close):
                close()
        if self._library is not None:
            self._library.close()
        if self._settings is not None:
            from app.core.privacy import netguard

            netguard.uninstall()  # the process ends here; in-process callers get sockets back

    @staticmethod
    def fail(error: PagefoldError | str) -> int:
        print(f"pagefold: {error}", file=sys.stderr)
        return 1
