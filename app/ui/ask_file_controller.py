""" "Ask about this file": the offer, the temporary collection's life, Keep and Discard.

Core does the work (``app.core.temporary``) on the index lane, the lane every collection change
uses, so a discard never races the ingest of the same collection. The window is passed in: this
controller moves the collection picker and the sidebar the way a user choosing it would.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit

from app.core import temporary
from app.ui.workers import user_message

if TYPE_CHECKING:
    from app.ui.window_base import WindowBase

log = logging.getLogger(__name__)


class AskFileController(QObject):
    """Holds the one temporary collection of this window (``name``), if any."""

    offered = Signal(object)  # Path, once the offer is on screen
    created = Signal(str)  # the temporary collection, before it is indexed
    kept = Signal(str)  # the new name
    discarded = Signal(str)

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.name = ""
        page = window.chat_page
        page.file_dropped.connect(self.consider)
        page.files_dropped.connect(lambda paths: window.collection_actions.index_paths(None, paths))
        page.offer.accepted.connect(self.accept)
        page.offer.add_requested.connect(
            lambda path: window.collection_actions.index_paths(None, [path])
        )
        page.temporary.keep_requested.connect(self.keep)
        page.temporary.discard_requested.connect(self.discard)

    def consider(self, path: Path) -> None:
        """Offer only for a file Pagefold reads (checked in a worker: it imports the parsers)."""
        self.window.hub.call(
            "io",
            temporary.can_ask_about,
            path,
            on_result=lambda ok: (
                self._offer(path)
                if ok
                else self.window.collection_actions.index_paths(None, [path])
            ),
        )

    def _offer(self, path: Path) -> None:
        self.window.chat_page.offer.offer(path)
        self.offered.emit(path)

    def accept(self, path: Path) -> None:
        """New temporary collection, indexed with the usual progress, chosen for the chat."""
        if self.name:  # one at a time: the previous one goes, as Discard would
            self.discard(self.name)
        self.window.hub.call(
            "index",
            lambda: temporary.create_temporary(self.window.services.library(), path),
            on_result=lambda name: self._created(str(name), path),
            on_error=lambda e: self.window.show_error(user_message(e)),
        )

    def _created(self, name: str, path: Path) -> None:
        self.name = name
        self.window.chat_page.temporary.show_for(name)
        self.window.indexing.add(name, [path])
        self._choose_when_listed(name)
        self.window.refresh_collections()
        self.created.emit(name)

    def _choose_when_listed(self, name: str) -> None:
        """The picker can only select a name it lists: wait for the next list refresh."""
        window = self.window

        def choose() -> None:
            if name not in window.collections.names():
                return
            window.collections_loaded.disconnect(choose)
            window.chat_page.header.scope.set_selected([name])
            window.chat_scope.on_changed([name])
            window.sidebar.select_collection(name)

        window.collections_loaded.connect(choose)

    def keep(self, name: str) -> None:
        suggested = Path(name.removesuffix(" (temporary)")).stem or name
        new, ok = QInputDialog.getText(
            self.window,
            self.tr("Keep collection"),
            self.tr("Name for the collection:"),
            QLineEdit.EchoMode.Normal,
            suggested,
        )
        if ok and new.strip():
            self.keep_as(name, new.strip())

    def keep_as(self, name: str, new: str) -> None:
        def kept(final: object) -> None:
            self.name = ""
            self.window.chat_page.temporary.clear()
            self._choose_when_listed(str(final))
            self.window.refresh_collections()
            self.kept.emit(str(final))

        self.window.hub.call(
            "index",
            lambda: temporary.keep(self.window.services.library(), name, new),
            on_result=kept,
            on_error=lambda e: self.window.show_error(user_message(e)),
        )

    def discard(self, name: str) -> None:
        """Delete it and its index, never the file; the chat goes back to all collections."""
        if self.window.indexing.current is not None:
            self.window.indexing.cancel()
        self.name = ""
        self.window.chat_page.temporary.clear()
        scope = self.window.chat_page.header.scope
        if name in scope.explicit_selection():
            scope.set_selected([n for n in scope.explicit_selection() if n != name])
            self.window.chat_scope.sync()

        def done(_result: object) -> None:
            self.window.refresh_collections()
            self.discarded.emit(name)

        self.window.hub.call(
            "index",
            lambda: temporary.discard(self.window.services.library(), name),
            on_result=done,
            on_error=lambda e: self.window.show_error(user_message(e)),
        )

    def clean_leftovers(self) -> None:
        """At start: temporary collections a crash left behind go, with their indexes."""

        def done(names: object) -> None:
            if names:
                log.info("deleted leftover temporary collections: %s", names)
                self.window.refresh_collections()

        self.window.hub.call(
            "index",
            lambda: temporary.discard_leftovers(self.window.services.library()),
            on_result=done,
            on_error=lambda e: log.warning("leftover cleanup failed: %s", e),
        )

    def discard_now(self) -> None:
        """On close, after the workers stopped: blocking is fine, the window is going away."""
        if not self.name:
            return
        try:
            temporary.discard(self.window.services.library(), self.name)
        except Exception as error:
            log.warning("could not discard %s on close: %s", self.name, error)
        self.name = ""
