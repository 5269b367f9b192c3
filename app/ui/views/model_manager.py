"""The model manager: catalog with fit badges, download with progress and cancel, import."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.cancel import CancelToken
from app.ui.models.catalog import CatalogModel
from app.ui.models.roles import RecordRole, StateRole
from app.ui.workers import TaskHub, user_message

log = logging.getLogger(__name__)
MB = 1024**2


class _Relay(QObject):
    progress = Signal(object)


class ModelManagerDialog(QDialog):
    """Non-modal: a download keeps going while the user chats."""

    installed_changed = Signal()
    use_model = Signal(str)  # installed model id

    def __init__(self, services: Any, hub: TaskHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.setObjectName("ModelManager")
        self.resize(860, 520)
        self.model = CatalogModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._sync_buttons)
        self.hardware = QLabel(self)
        self.hardware.setObjectName("Muted")
        self.hardware.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setObjectName("Muted")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("Muted")
        self.download_button = QPushButton(self)
        self.download_button.setProperty("primary", True)
        self.download_button.clicked.connect(self._download)
        self.use_button = QPushButton(self)
        self.use_button.clicked.connect(self._use)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.import_file_button = QPushButton(self)
        self.import_file_button.clicked.connect(self._import_file)
        self.import_folder_button = QPushButton(self)
        self.import_folder_button.clicked.connect(self._import_folder)
        self._build()
        self._cancel: CancelToken | None = None
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._installed: list[Any] = []
        self.retranslate()
        self._set_downloading(None)

    def _build(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.import_file_button)
        actions.addWidget(self.import_folder_button)
        actions.addStretch(1)
        actions.addWidget(self.use_button)
        actions.addWidget(self.download_button)
        progress = QHBoxLayout()
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.progress_label)
        progress.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.hardware)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(progress)
        layout.addLayout(actions)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Models"))
        self.download_button.setText(self.tr("Download"))
        self.use_button.setText(self.tr("Use this model"))
        self.cancel_button.setText(self.tr("Cancel download"))
        self.import_file_button.setText(self.tr("Import .gguf file…"))
        self.import_folder_button.setText(self.tr("Import model folder…"))
        self.table.setAccessibleName(self.tr("Model catalog"))
        if not self.hardware.text():
            self.hardware.setText(self.tr("Looking at this computer…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        def load() -> tuple[Any, list[Any], list[Any], Any]:
            api = self.services.models()
            return api.hardware(), api.fits(), api.installed(None), api.recommended()

        self.hub.call("io", load, on_result=self._on_loaded, on_error=self._on_error)

    def _on_loaded(self, result: tuple[Any, list[Any], list[Any], Any]) -> None:
        hw, fits, installed, recommended = result
        self._installed = installed
        catalog_ids = {m.catalog_id for m in installed if getattr(m, "catalog_id", None)}
        self.model.set_fits(fits, catalog_ids, recommended.entry.id if recommended else None)
        describe = getattr(hw, "describe", None)
        text = describe() if callable(describe) else str(hw)
        label = self.tr("This computer: %1. ★ marks the recommended model.").replace("%1", text)
        if getattr(hw, "nvidia_without_cuda", False):
            from app.ui.views.welcome import gpu_build_advice

            label += "\n" + gpu_build_advice()
        self.hardware.setText(label)
        self._sync_buttons()

    def _selected(self) -> Any | None:
        index = self.table.currentIndex()
        return (
            self.model.data(self.model.index(index.row(), 0), RecordRole)
            if index.isValid()
            else None
        )

    def _sync_buttons(self, *_args: Any) -> None:
        fit = self._selected()
        state = self.model.data(self.table.currentIndex(), StateRole) if fit else None
        busy = self._cancel is not None
        self.download_button.setEnabled(fit is not None and state == "available" and not busy)
        self.use_button.setEnabled(state == "installed")
        self.details.setText(f"{fit.entry.name}: {fit.reason}" if fit else "")

    def _download(self) -> None:
        fit = self._selected()
        if fit is None or self._cancel is not None:
            return
        if not fit.entry.commercial_use:
            answer = QMessageBox.question(
                self,
                self.tr("Non-commercial licence"),
                self.tr("%1 may not be used commercially (%2). Download it anyway?")
                .replace("%1", fit.entry.name)
                .replace("%2", fit.entry.license),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._cancel = CancelToken()
        self._set_downloading(fit.entry.id)
        self.hub.call(
            "download",
            lambda: self.services.models().download(
                fit.entry.id, self._relay.progress.emit, self._cancel
            ),
            on_result=self._on_downloaded,
            on_error=self._on_download_error,
        )

    def _on_progress(self, progress: Any) -> None:
        self.progress.setValue(int(progress.fraction * 1000))
        speed = f"{progress.speed_bps / MB:.1f} MB/s" if progress.speed_bps else ""
        eta = (
            f"{int(progress.eta_s // 60)}:{int(progress.eta_s % 60):02d}" if progress.eta_s else ""
        )
        done = f"{progress.bytes_done / MB:.0f} / {progress.bytes_total / MB:.0f} MB"
        self.progress_label.setText("  ".join(x for x in (done, speed, eta) if x))

    def _on_downloaded(self, installed: Any) -> None:
        self._set_downloading(None)
        self.installed_changed.emit()
        self.refresh()
        self.progress_label.setText(self.tr("Installed %1.").replace("%1", installed.name))

    def _on_download_error(self, error: BaseException) -> None:
        cancelled = self._cancel is not None and self._cancel.cancelled
        self._set_downloading(None)
        if cancelled:
            self.progress_label.setText(self.tr("Download cancelled."))
        else:
            self._on_error(error)

    def _set_downloading(self, entry_id: str | None) -> None:
        if entry_id is None:
            self._cancel = None
        self.model.set_downloading(entry_id)
        for widget in (self.progress, self.cancel_button):
            widget.setVisible(entry_id is not None)
        self.progress.setValue(0)
        self._sync_buttons()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def _use(self) -> None:
        fit = self._selected()
        if fit is None:
            return
        model = next((m for m in self._installed if m.catalog_id == fit.entry.id), None)
        if model is None:
            return
        if model.kind == "llm":
            self.use_model.emit(model.id)
            return
        api = self.services.models()
        api.use_for_search(model.id)  # a settings field; the file is written in the io lane
        self.hub.call("io", api.settings.save, on_error=self._on_error)
        if model.kind == "reranker":
            text = self.tr("Search reranks with %1.")
        else:
            text = self.tr("New collections use %1; change a collection's in Settings › Search.")
        self.progress_label.setText(text.replace("%1", model.name))

    def _import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a model file"), "", self.tr("GGUF models (*.gguf)")
        )
        if path:
            self._import(path)

    def _import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        if path:
            self._import(path)

    def _import(self, path: str) -> None:
        gguf = Path(path) if path.lower().endswith(".gguf") else None
        if gguf is not None and gguf.is_file():  # converted once at import (core/models/convert)
            cost = gguf.stat().st_size * 3.5 / 1e9  # Q4 (~4.5 bits) to 16 bits per parameter
            self.progress_label.setText(
                self.tr(
                    "Checking %1 and converting it once into a 16-bit folder, so that later "
                    "loads are fast (about %2 GB more on disk)…"
                )
                .replace("%1", gguf.name)
                .replace("%2", f"{cost:.1f}")
            )
        else:
            self.progress_label.setText(self.tr("Checking %1…").replace("%1", path))
        self.hub.call(
            "io",
            lambda: self.services.models().import_model(path),
            on_result=self._on_imported,
            on_error=self._on_error,
        )

    def _on_imported(self, model: Any) -> None:
        self.progress_label.setText(self.tr("Imported %1.").replace("%1", model.name))
        self.installed_changed.emit()
        self.use_model.emit(model.id)

    def _on_error(self, error: BaseException) -> None:
        log.error("model manager", exc_info=error)
        self.progress_label.setText("")
        QMessageBox.warning(self, self.tr("Models"), user_message(error))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self._cancel is not None:
            self.hide()  # a running download continues in the background
            return
        super().keyPressEvent(event)
