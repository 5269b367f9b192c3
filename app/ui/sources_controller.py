"""The sources pane beside the chat: which answer's sources it shows, citations, the viewer.

Kept out of the main window (issue 18). A click on [n] in an answer selects source n and opens
its page: a PDF renders in the viewer from the file, anything else reads its page text from the
library in the ``io`` lane, so a slow disk never stalls the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSplitter

from app.ui.chat_controller import ChatController
from app.ui.models.sources import SourceListModel
from app.ui.services import Services
from app.ui.views.chat_page import ChatPage
from app.ui.views.sources_pane import SourcesPane, is_pdf
from app.ui.workers import TaskHub

PANE_MIN_PX = 340  # the pane opens at a third of the window, never narrower than this
CHAT_MIN_PX = 300
CLOSED_PX = 200  # a splitter slot under this counts as collapsed


class SourcesController(QObject):
    """Shows one answer's sources in the pane; ``notice`` carries a line for the status bar."""

    notice = Signal(str)

    def __init__(
        self,
        services: Services,
        hub: TaskHub,
        chat: ChatController,
        sources: SourceListModel,
        pane: SourcesPane,
        page: ChatPage,
        splitter: QSplitter,
        passwords: dict[str, str],
    ) -> None:
        super().__init__(pane)
        self._services = services
        self._hub = hub
        self._chat = chat
        self._sources = sources
        self._pane = pane
        self._toggle = page.header.sources_button
        self._splitter = splitter
        self._passwords = passwords  # the indexing controller's, kept for the session
        self.row: int | None = None  # the chat row whose sources are shown
        page.header.sources_toggled.connect(self.set_visible)
        page.view.citation_clicked.connect(self.open_citation)
        pane.source_activated.connect(self.open_source)
        pane.close_requested.connect(lambda: self.set_visible(False))
        chat.sources_ready.connect(self.on_sources_ready)

    def clear(self) -> None:
        """Another conversation: no answer's sources are shown."""
        self._sources.set_sources([])
        self.row = None

    def set_visible(self, visible: bool) -> None:
        if self._toggle.isChecked() != visible:
            self._toggle.blockSignals(True)
            self._toggle.setChecked(visible)
            self._toggle.blockSignals(False)
        if visible and not self._pane.isVisible():
            self._pane.show()
            self._widen()
            if self.row is None:
                row = self._chat.model.last_row("assistant")
                if row is not None:
                    self.show_sources_of(row)
        elif not visible:
            self._pane.hide()

    def _widen(self) -> None:
        sizes = self._splitter.sizes()
        if len(sizes) == 3 and sizes[2] < CLOSED_PX:
            total, side = sum(sizes), sizes[0]
            width = max(PANE_MIN_PX, total // 3)
            self._splitter.setSizes([side, max(CHAT_MIN_PX, total - side - width), width])

    def show_sources_of(self, row: int) -> None:
        message = self._chat.model.message(row)
        self.row = row
        self._sources.set_sources(message.sources, message.question, message.cited)

    def on_sources_ready(self, row: int) -> None:
        """An answer's sources arrived: shown if it is the newest message."""
        if row == self._chat.model.rowCount() - 1:
            self.show_sources_of(row)

    def open_citation(self, row: int, number: int) -> None:
        """A [n] in an answer: select source n and open its passage."""
        self.show_sources_of(row)
        if self._sources.passage(number) is None:
            self.notice.emit(self.tr("This answer has no source [%1].").replace("%1", str(number)))
            return
        self.set_visible(True)
        self._pane.select(number)
        self.open_source(number)

    def open_source(self, number: int) -> None:
        passage = self._sources.passage(number)
        if passage is None:
            return
        self._pane.open_viewer()
        viewer = self._pane.viewer
        if is_pdf(passage.path) and Path(passage.path).exists():
            viewer.show_pdf(passage, self._passwords.get(passage.path))
            return
        library = self._services.library
        self._hub.call(
            "io",
            lambda: library().page_text(passage.document_id, passage.page),
            on_result=lambda text: viewer.show_text(passage, str(text)),
        )
