"""Progress of moving a collection to another embedding model, with Cancel.

The work runs in the index lane (``Library.change_embedder``); the collection stays searchable
with its old vectors until the new ones are complete, so the dialog is not modal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.core.cancel import CancelToken
from app.ui.workers import TaskHub, user_message


class _Relay(QObject):
    progress = Signal(int, int)


class ReembedDialog(QDialog):
    """Passages done of all; ``finished_with`` carries the core report, or None if stopped."""

    finished_with = Signal(object)

    def __init__(
        self,
        services: Any,
        hub: TaskHub,
        collection: str,
        model: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ReembedDialog")
        self.setWindowTitle(self.tr("Changing the embedding model"))
        self.setMinimumWidth(460)
        self.collection, self.model = collection, model
        self.cancel_token = CancelToken()
        self.label = QLabel(
            self.tr("Re-embedding %1 with %2…").replace("%1", collection).replace("%2", model),
            self,
        )
        self.label.setWordWrap(True)
        self.note = QLabel(self.tr("Search uses the old vectors until this is done."), self)
        self.note.setObjectName("Muted")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first count arrives (the model loads first)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        for widget in (self.label, self.bar, self.note, self.buttons):
            layout.addWidget(widget)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        hub.call(
            "index",
            self._run,
            services,
            on_result=self._on_result,
            on_error=self._on_error,
        )

    def _run(self, services: Any) -> Any:
        """Worker side."""
        library = services.library()
        emit = self._relay.progress.emit
        return library.change_embedder(self.collection, self.model, emit, self.cancel_token)

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.note.setText(
            self.tr("%1 of %2 passages. Search uses the old vectors until this is done.")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def cancel(self) -> None:
        self.cancel_token.cancel()
        self.label.setText(self.tr("Stopping…"))

    def _on_result(self, report: Any) -> None:
        self.finished_with.emit(report)
        self.accept()

    def _on_error(self, error: BaseException) -> None:
        self.finished_with.emit(None)
        if self.cancel_token.cancelled:
            self.accept()
            return
        self.label.setText(user_message(error))
        self.bar.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
