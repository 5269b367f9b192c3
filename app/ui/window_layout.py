"""The window's panes, and where the user left them: size, pane widths, sources, open chat.

Kept in ``window.ini`` in the data folder, apart from the settings file (rule 7 of the house
style: geometry is not a setting), and out of the main window's class (issue 18).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QSplitter, QStackedWidget

from app.ui.views.chat_page import ChatPage
from app.ui.views.sidebar import Sidebar
from app.ui.views.sources_pane import SourcesPane
from app.ui.views.status_bar import StatusBar
from app.ui.views.welcome import WelcomePage

if TYPE_CHECKING:
    from app.ui.window_base import WindowBase

DEFAULT_SIZE = (1280, 820)  # the first start, before the user has sized the window
DEFAULT_PANES = [260, 720, 0]  # sidebar, chat, sources (closed)


def build_panes(window: WindowBase) -> None:
    """Sidebar | chat or welcome page | sources pane, in a splitter; a status bar below."""
    window.sidebar = Sidebar(window.conversations, window.collections, window)
    window.chat_page = ChatPage(window.chat.model, window)
    window.welcome = WelcomePage(window)
    window.center = QStackedWidget(window)
    window.center.addWidget(window.chat_page)
    window.center.addWidget(window.welcome)
    window.sources_pane = SourcesPane(window.sources, window)
    window.sources_pane.hide()
    window.splitter = QSplitter(Qt.Orientation.Horizontal, window)
    window.splitter.setObjectName("MainSplitter")
    window.splitter.addWidget(window.sidebar)
    window.splitter.addWidget(window.center)
    window.splitter.addWidget(window.sources_pane)
    window.splitter.setStretchFactor(0, 0)
    window.splitter.setStretchFactor(1, 1)
    window.splitter.setStretchFactor(2, 0)
    window.splitter.setChildrenCollapsible(False)
    window.splitter.setHandleWidth(1)
    window.setCentralWidget(window.splitter)
    window.status = StatusBar(window)
    window.setStatusBar(window.status)


def restore(window: WindowBase) -> None:
    """Geometry, splitter and the sources pane as they were at the last close."""
    s = window.layout_settings
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    if s.value("window/sources", False, type=bool):
        window.sources_pane.show()
        window.chat_page.header.sources_button.setChecked(True)
    sizes = s.value("window/splitter")
    if isinstance(sizes, QByteArray) and not sizes.isEmpty():
        window.splitter.restoreState(sizes)
    else:
        window.splitter.setSizes(DEFAULT_PANES)


def remember_conversation(window: WindowBase, conversation_id: int | None) -> None:
    """The chat to reopen at the next start ("" for a new, unsaved chat)."""
    window.layout_settings.setValue(
        "chat/conversation", "" if conversation_id is None else conversation_id
    )


def save(window: WindowBase) -> None:
    s = window.layout_settings
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/splitter", window.splitter.saveState())
    s.setValue("window/sources", window.sources_pane.isVisible())
    remember_conversation(window, window.chat.conversation_id)
    s.sync()
