"""The model-loading state above the composer: name, elapsed time, a progress bar, Cancel.

Loading a GGUF model dequantizes every tensor (SmolLM2-135M: 20-60 s on two cores), long
enough that a silent wait reads as a hang. Transformers reports no progress we can hook, so
the bar is a busy indicator unless this model was loaded before in this session; then it fills
against that load's measured time (capped at 95 % until the load really ends).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

TICK_MS = 250
CAP = 95


class LoadingBanner(QFrame):
    """Shown while a model loads; Cancel asks the model controller to give the load up."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoadingBanner")
        self.label = QLabel(self)
        self.label.setObjectName("LoadingLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("LoadingProgress")
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._name = ""
        self._started = 0.0
        self._expected: float | None = None
        self.hide()

    def start(self, name: str, expected_s: float | None = None) -> None:
        self._name, self._expected = name, expected_s
        self._started = time.monotonic()
        if expected_s:
            self.bar.setRange(0, 100)
            self.bar.setValue(0)
        else:
            self.bar.setRange(0, 0)  # busy: nothing to measure against yet
        self._tick()
        self._timer.start()
        self.show()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    def _tick(self) -> None:
        elapsed = time.monotonic() - self._started
        text = self.tr("Loading %1… %2 s").replace("%1", self._name)
        self.label.setText(text.replace("%2", str(int(elapsed))))
        if self._expected:
            self.bar.setValue(min(CAP, int(100 * elapsed / self._expected)))
