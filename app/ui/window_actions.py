"""Menus and keyboard shortcuts of the main window, kept apart from its wiring."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from app import __version__

if TYPE_CHECKING:
    from app.ui.window_base import WindowBase


class WindowActions(QObject):
    """Creates the menu bar; ``retranslate`` re-labels every action on a language switch."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        w, coll, tools = window, window.collection_actions, window.settings_actions
        spec: list[tuple[str, str, Callable[[], Any], Any]] = [
            ("file", "new_chat", w.new_chat, QKeySequence.StandardKey.New),
            ("file", "new_collection", coll.new, "Ctrl+Shift+N"),
            (
                "file",
                "add_documents",
                lambda: coll.add_documents(None),
                QKeySequence.StandardKey.Open,
            ),
            ("file", "add_folder", lambda: coll.add_folder(None), "Ctrl+Shift+O"),
            ("file", "export", self._export, "Ctrl+E"),
            ("file", "import_chat", w.conversation_actions.import_, None),
            ("file", "settings", tools.open_settings, QKeySequence.StandardKey.Preferences),
            ("file", "quit", w.close, QKeySequence.StandardKey.Quit),
            ("view", "sources", self._toggle_sources, "Ctrl+Shift+S"),
            ("view", "search", lambda: w.sidebar.search.setFocus(), "Ctrl+K"),
            ("view", "stop", w.keyboard_stop, "Esc"),
            ("models", "manage", w.models.open_manager, "Ctrl+M"),
            ("tools", "evaluate", tools.open_evaluation, None),
            ("tools", "network_log", tools.open_network_log, None),
            ("help", "welcome", w.show_welcome, None),
            ("help", "about", self._about, None),
        ]
        self.menus = {
            name: w.menuBar().addMenu("") for name in ("file", "view", "models", "tools", "help")
        }
        for menu, name, slot, keys in spec:
            action = QAction(w)
            action.triggered.connect(slot)
            if keys is not None:
                action.setShortcut(QKeySequence(keys))
            if name == "stop":
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                w.addAction(action)  # Esc works without a menu entry
            else:
                self.menus[menu].addAction(action)
            if name in ("add_folder", "import_chat", "settings"):
                self.menus[menu].addSeparator()
            self.actions[name] = action
        w.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        menus = {
            "file": self.tr("&File"),
            "view": self.tr("&View"),
            "models": self.tr("&Models"),
            "tools": self.tr("&Tools"),
            "help": self.tr("&Help"),
        }
        for name, label in menus.items():
            self.menus[name].setTitle(label)
        labels = {
            "new_chat": self.tr("New chat"),
            "new_collection": self.tr("New collection…"),
            "add_documents": self.tr("Add documents…"),
            "add_folder": self.tr("Add folder…"),
            "export": self.tr("Export chat (Markdown or JSON)…"),
            "import_chat": self.tr("Import chat (JSON)…"),
            "settings": self.tr("Settings…"),
            "quit": self.tr("Quit"),
            "sources": self.tr("Show sources"),
            "search": self.tr("Search chats"),
            "stop": self.tr("Stop answering"),
            "manage": self.tr("Manage models…"),
            "evaluate": self.tr("Evaluate…"),
            "network_log": self.tr("Network log…"),
            "welcome": self.tr("Welcome page"),
            "about": self.tr("About Pagefold"),
        }
        for name, label in labels.items():
            self.actions[name].setText(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _toggle_sources(self) -> None:
        self.window.sources_controller.set_visible(not self.window.sources_pane.isVisible())

    def _export(self) -> None:
        if self.window.chat.conversation_id is not None:
            self.window.conversation_actions.export(self.window.chat.conversation_id)

    def _about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About Pagefold"),
            self.tr(
                "<b>Pagefold %1</b><br>Private, local chat with your own documents. Every answer "
                "cites its page; nothing leaves this computer."
            ).replace("%1", __version__),
        )
