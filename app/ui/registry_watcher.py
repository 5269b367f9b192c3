"""Notice models added or removed outside the window (``pagefold models import`` in a shell).

The registry is one JSON file that every writer replaces atomically (``os.replace``), which
gives it a new inode: a watch on the file alone goes quiet after the first change. So the
models folder is watched (a replace changes its entries) together with the file, and a burst
of events is folded into one refresh after ``DEBOUNCE_MS``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 300


class RegistryWatcher(QObject):
    """Emits ``changed`` within about a second of any change to the models folder's registry."""

    changed = Signal()

    def __init__(self, folder: Path, file_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.file = folder / file_name
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_event)
        self._watcher.fileChanged.connect(self._on_event)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_settled)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._watch()

    def _watch(self) -> None:
        wanted = [str(p) for p in (self.folder, self.file) if p.exists()]
        missing = [
            p for p in wanted if p not in self._watcher.files() + self._watcher.directories()
        ]
        if missing:
            self._watcher.addPaths(missing)

    def _on_event(self, _path: str) -> None:
        self._timer.start()

    def _on_settled(self) -> None:
        self._watch()  # a replaced file is a new file: watch it again
        self.changed.emit()
