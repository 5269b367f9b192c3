"""The status bar: device, loaded model, and memory use, plus short messages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

MEMORY_INTERVAL_MS = 2000
MEMORY_FIRST_MS = 700
GB = 1024**3
MB = 1024**2


def human_bytes(count: int) -> str:
    return f"{count / GB:.1f} GB" if count >= GB else f"{count / MB:.0f} MB"


class StatusBar(QStatusBar):
    """Permanent labels on the right; ``flash`` shows a message for a few seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.device = QLabel(self)
        self.model = QLabel(self)
        self.memory = QLabel(self)
        for label in (self.device, self.model, self.memory):
            label.setObjectName("StatusLabel")
            self.addPermanentWidget(label)
        self._device_text = ""
        self._model_text = ""
        self._model_bytes = 0
        self._measured = False
        self._timer = QTimer(self)
        self._timer.setInterval(MEMORY_INTERVAL_MS)
        self._timer.timeout.connect(self.update_memory)
        self._timer.start()
        QTimer.singleShot(MEMORY_FIRST_MS, self.update_memory)
        self.retranslate()

    def retranslate(self) -> None:
        self.device.setText(self._device_text or self.tr("Detecting hardware…"))
        self.model.setText(self._model_text or self.tr("Search only"))
        self.device.setAccessibleName(self.tr("Device"))
        self.model.setAccessibleName(self.tr("Model"))
        self.memory.setAccessibleName(self.tr("Memory use"))
        if self._measured:
            self.update_memory()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_device(self, text: str) -> None:
        self._device_text = text
        self.device.setText(text)

    def set_model(self, text: str, memory_bytes: int = 0) -> None:
        """``text`` empty means search-only mode."""
        self._model_text = text
        self._model_bytes = memory_bytes
        self.retranslate()

    def update_memory(self) -> None:
        import psutil  # imported on the first tick, after the window is up

        self._measured = True
        rss = int(psutil.Process().memory_info().rss)
        text = self.tr("App memory %1").replace("%1", human_bytes(rss))
        if self._model_bytes:
            text += " · " + self.tr("model %1").replace("%1", human_bytes(self._model_bytes))
        self.memory.setText(text)

    def flash(self, message: str, error: bool = False) -> None:
        self.setProperty("error", error)
        self.style().unpolish(self)
        self.style().polish(self)
        self.showMessage(message, 8000 if error else 4000)
