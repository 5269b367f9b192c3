"""What a new chat shows: what Pagefold does, how to start, and a few suggested questions.

Split from ``chat_page`` (issue 18: no UI module over 400 lines).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.icons import app_icon, set_icon


class EmptyState(QWidget):
    """What a new chat shows: what Pagefold does and how to start."""

    add_documents = Signal()
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        self.logo = QLabel(self)
        self.logo.setPixmap(app_icon().pixmap(72, 72))
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel(self)
        self.headline.setObjectName("EmptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel(self)
        self.body.setObjectName("EmptyBody")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.add_button.setProperty("primary", True)
        set_icon(self.add_button, "plus", "accent_text")
        self.add_button.clicked.connect(self.add_documents)
        self.chips = QHBoxLayout()
        self.chips.setSpacing(8)
        self._chip_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.logo)
        layout.addSpacing(8)
        layout.addWidget(self.headline)
        layout.addWidget(self.body)
        layout.addSpacing(14)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        chips_row = QHBoxLayout()
        chips_row.addStretch(1)
        chips_row.addLayout(self.chips)
        chips_row.addStretch(1)
        layout.addLayout(chips_row)
        layout.addStretch(3)
        self._has_documents = False
        self.retranslate()

    def set_has_documents(self, has: bool) -> None:
        self._has_documents = has
        self.retranslate()

    def retranslate(self) -> None:
        self.headline.setText(self.tr("Ask your documents anything"))
        if self._has_documents:
            self.body.setText(
                self.tr(
                    "Every answer cites the page it comes from; click a [n] to see the passage."
                )
            )
        else:
            self.body.setText(
                self.tr(
                    "Drop PDFs or folders anywhere on this window, or add them to a collection. "
                    "Everything stays on this computer."
                )
            )
        self.add_button.setText(self.tr("Add documents…"))
        self.add_button.setVisible(not self._has_documents)
        self._set_chips(
            [
                self.tr("Summarize the key points"),
                self.tr("What are the main conclusions?"),
                self.tr("List the important dates"),
            ]
            if self._has_documents
            else []
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(260, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Suggestions need a wide pane; a narrow one keeps only the message."""
        super().resizeEvent(event)
        wide = event.size().width() >= self._chips_width()
        for chip in self._chip_buttons:
            chip.setVisible(wide)

    def _chips_width(self) -> int:
        return sum(c.sizeHint().width() + 8 for c in self._chip_buttons) + 40

    def _set_chips(self, texts: list[str]) -> None:
        for button in self._chip_buttons:
            self.chips.removeWidget(button)
            button.deleteLater()
        self._chip_buttons = []
        for text in texts:
            chip = QPushButton(text, self)
            chip.setObjectName("SuggestionChip")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, t=text: self.suggestion_chosen.emit(t))
            self.chips.addWidget(chip)
            self._chip_buttons.append(chip)
