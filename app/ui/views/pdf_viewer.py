"""Pagefold's PDF viewer: opens a document at a page and highlights the cited passage.

The passage is found with ``QPdfSearchModel`` (pdfium's own search, which matches across line
breaks), using the longest phrase of the passage that occurs on that page; shorter phrases are
tried when extraction differs (hyphenation, ligatures). Candidates are checked against the page's
text first, so the asynchronous search is started once, with a phrase known to be there.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.icons import set_icon

_SPACE = re.compile(r"\s+")
PHRASE_LENGTHS = (24, 14, 8, 5, 3)
MAX_WHOLE_WORDS = 400


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def phrase_candidates(passage: str) -> list[str]:
    """Phrases of the passage to look for: all of it first, then shorter ones from several
    starting points, so the highlight covers as much of the passage as the page's text allows."""
    words = passage.split()
    out: list[str] = [" ".join(words)] if 0 < len(words) <= MAX_WHOLE_WORDS else []
    seen = set(out)
    for length in PHRASE_LENGTHS:
        n = min(length, len(words))
        step = max(1, n // 2)
        for start in range(0, max(1, len(words) - n + 1), step):
            phrase = " ".join(words[start : start + n])
            if phrase and phrase not in seen:
                seen.add(phrase)
                out.append(phrase)
    return out


def best_phrase(passage: str, page_text: str) -> str | None:
    """The longest candidate phrase that appears on the page (whitespace-insensitive)."""
    haystack = _normal(page_text)
    for phrase in phrase_candidates(passage):
        if _normal(phrase) in haystack:
            return phrase
    return None


class PdfViewer(QWidget):
    """QPdfView with page navigation, zoom, and a highlighted passage."""

    password_needed = Signal(str)  # path
    highlighted = Signal(int, str)  # page (1-based), phrase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PdfViewer")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.document)
        self.view.setSearchModel(self.search)
        self.search.countChanged.connect(self._on_results)
        self.search.rowsInserted.connect(self._on_results)
        self.path: str = ""
        self.phrase: str | None = None
        self._target_page = 0  # 0-based
        self._highlight_page: int | None = None
        self._build_toolbar()
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.document.pageCountChanged.connect(self._on_page_count)
        self.retranslate()

    def _build_toolbar(self) -> None:
        bar = QFrame(self)
        bar.setObjectName("ViewerToolbar")
        self.prev_button = self._tool("chevron-left", lambda: self._step(-1))
        self.next_button = self._tool("chevron-right", lambda: self._step(1))
        self.page_box = QSpinBox(self)
        self.page_box.setMinimum(1)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box.setFixedWidth(52)
        self.page_box.editingFinished.connect(lambda: self.go_to_page(self.page_box.value()))
        self.page_total = QLabel(self)
        self.page_total.setObjectName("Muted")
        self.zoom_out = self._tool("zoom-out", lambda: self._zoom(1 / 1.2))
        self.zoom_in = self._tool("zoom-in", lambda: self._zoom(1.2))
        self.fit = self._tool("fit-width", self._fit_width)
        self.notice = QLabel(self)
        self.notice.setObjectName("Muted")
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(4)
        for widget in (self.prev_button, self.page_box, self.page_total, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.zoom_out, self.zoom_in, self.fit):
            row.addWidget(widget)
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(12, 4, 12, 4)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)

    def _tool(self, name: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        set_icon(button, name)
        button.setIconSize(QSize(16, 16))
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.prev_button.setAccessibleName(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.zoom_in.setToolTip(self.tr("Zoom in"))
        self.zoom_in.setAccessibleName(self.tr("Zoom in"))
        self.zoom_out.setToolTip(self.tr("Zoom out"))
        self.zoom_out.setAccessibleName(self.tr("Zoom out"))
        self.fit.setToolTip(self.tr("Fit to width"))
        self.fit.setAccessibleName(self.tr("Fit to width"))
        self.page_box.setAccessibleName(self.tr("Page"))
        self.view.setAccessibleName(self.tr("PDF page"))
        self._on_page_count(self.document.pageCount())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- opening ---------------------------------------------------------------------------

    def open(self, path: str, page: int, passage: str = "", password: str | None = None) -> bool:
        """Show ``path`` at ``page`` (1-based) and highlight ``passage`` there."""
        stale = path != self.path or self.document.status() != QPdfDocument.Status.Ready
        if stale and not self._load(path, password):
            return False
        self._target_page = max(0, min(page - 1, self.document.pageCount() - 1))
        self._highlight_page = None
        self.go_to_page(self._target_page + 1)
        self._highlight(passage)
        return True

    def _load(self, path: str, password: str | None) -> bool:
        self.search.setSearchString("")
        self.document.close()
        self.document.setPassword(password or "")
        error = self.document.load(path)
        if error == QPdfDocument.Error.IncorrectPassword:
            self.password_needed.emit(path)
            return False
        if error != QPdfDocument.Error.None_:
            self.notice.setText(self.tr("This PDF cannot be opened."))
            self.notice.show()
            return False
        self.path = path
        self.setWindowFilePath(path)
        return True

    def _highlight(self, passage: str) -> None:
        page_text = self.document.getAllText(self._target_page).text() if passage else ""
        self.phrase = best_phrase(passage, page_text) if passage else None
        if passage and self.phrase is None:
            self.notice.setText(self.tr("The passage's exact words were not found on this page."))
        else:
            self.notice.setText("")
        self.notice.setVisible(bool(self.notice.text()))
        self.view.setCurrentSearchResultIndex(-1)
        self.search.setSearchString(self.phrase or "")
        self._on_results()

    def _on_results(self, *_args: object) -> None:
        """Make the first result on the cited page the current one, once it is found."""
        if not self.phrase or self._highlight_page is not None:
            return
        for i in range(self.search.count()):
            link = self.search.resultAtIndex(i)
            if link.page() == self._target_page:
                self._highlight_page = link.page()
                self.view.setCurrentSearchResultIndex(i)
                self.view.pageNavigator().jump(link.page(), self._above(link.location()))
                self.highlighted.emit(link.page() + 1, self.phrase)
                return

    @staticmethod
    def _above(location: QPointF) -> QPointF:
        """Leave some of the page visible above the passage."""
        return QPointF(0, max(0.0, location.y() - 60))

    # -- navigation ------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() + 1

    def highlight_page(self) -> int | None:
        """1-based page of the highlighted passage, or None while not (yet) found."""
        return None if self._highlight_page is None else self._highlight_page + 1

    def go_to_page(self, page: int) -> None:
        count = self.document.pageCount()
        if count:
            self.view.pageNavigator().jump(max(0, min(page - 1, count - 1)), QPointF())

    def _step(self, delta: int) -> None:
        self.go_to_page(self.current_page() + delta)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(6.0, self.view.zoomFactor() * factor)))

    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def _on_page_count(self, count: int) -> None:
        self.page_box.setMaximum(max(1, count))
        self.page_total.setText(self.tr("of %1").replace("%1", str(count)))
        self._on_page_changed(self.view.pageNavigator().currentPage())  # closing clamped it

    def close_document(self) -> None:
        self.search.setSearchString("")
        self.document.close()
        self.path = ""

    @staticmethod
    def handles(path: str) -> bool:
        return Path(path).suffix.lower() == ".pdf"
