"""What every command handler receives: the core session (opened lazily), closed at exit.

The session (``app.core.session.Session``) is the same object the window uses; this adds only
what belongs to a CLI process: logging to the data folder and the network guard, installed
before any model or server is touched."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.config import Settings
    from app.core.library import Library
    from app.core.session import Session
    from app.core.storage.conversations import ConversationStore


class CommandContext:
    """Opens the settings and the library on first use only: `--help` must stay instant."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = data_dir
        self._session: Session | None = None
        self.extras: dict[str, Any] = {}

    @property
    def session(self) -> Session:
        if self._session is None:
            from app.core.logs import configure_logging
            from app.core.privacy import netguard
            from app.core.session import Session

            self._session = Session.open(self._data_dir)
            configure_logging(self._session.settings.layout)
            netguard.install(self._session.settings)  # offline switch + network log, first
        return self._session

    @property
    def settings(self) -> Settings:
        return self.session.settings

    @property
    def library(self) -> Library:
        return self.session.library()

    @property
    def conversations(self) -> ConversationStore:
        return self.session.conversations()

    def close(self) -> None:
        for extra in self.extras.values():
            close = getattr(extra, "close", None)
            if callable(close):
                close()
        if self._session is not None:
            from app.core.privacy import netguard

            self._session.close()
            netguard.uninstall()  # the process ends here; in-process callers get sockets back

    @staticmethod
    def fail(error: PagefoldError | str) -> int:
        print(f"pagefold: {error}", file=sys.stderr)
        return 1
