"""A collection's settings: which LoRA adapter writes its answers (attach, detach).

The link lives in the catalog (``AdapterRegistry.set_for_collection``), the same one
``pagefold models adapters attach`` writes, so the window and the CLI always agree. Reading and
writing run on the io lane; the dialog only shows what comes back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.workers import TaskHub, user_message

NO_ADAPTER = ""


class CollectionSettingsDialog(QDialog):
    """Shows the attached adapter and lets the user attach another one or detach it."""

    changed = Signal(str)  # the collection whose adapter changed
    loaded = Signal()  # the adapter list arrived (tests wait on it)

    def __init__(
        self, services: Any, hub: TaskHub, collection: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.collection = collection
        self.setObjectName("CollectionSettings")
        self.setWindowTitle(self.tr("Collection settings: %1").replace("%1", collection))
        self.adapter_box = QComboBox(self)
        self.adapter_box.setObjectName("AdapterChoice")
        self.current = QLabel(self)
        self.current.setObjectName("AdapterCurrent")
        self.current.setWordWrap(True)
        self.hint = QLabel(
            self.tr(
                "Answers from this collection are written with this LoRA adapter on the model; "
                "other collections keep the plain model. Add adapters with "
                "`pagefold models adapters add PATH --base MODEL`."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("Hint")
        self.detach_button = QPushButton(self.tr("Detach"), self)
        self.detach_button.clicked.connect(self.detach)
        form = QFormLayout()
        form.addRow(self.tr("Attached:"), self.current)
        form.addRow(self.tr("LoRA adapter:"), self.adapter_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.addButton(self.detach_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Attach"))
        buttons.accepted.connect(self.attach)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(480, 220)
        self.refresh()

    def refresh(self) -> None:
        collection = self.collection
        self.hub.call(
            "io",
            lambda: _read(self.services.adapters(), collection),
            on_result=self._on_loaded,
            on_error=self._on_error,
        )

    def _on_loaded(self, result: tuple[list[Any], str]) -> None:
        adapters, attached = result
        box = self.adapter_box
        box.clear()
        box.addItem(self.tr("None (the plain model)"), NO_ADAPTER)
        for info in adapters:
            box.addItem(f"{info.name} · {info.base_model_id}", info.id)
        box.setCurrentIndex(max(0, box.findData(attached)))
        name = next((a.name for a in adapters if a.id == attached), "")
        self.current.setText(name or self.tr("None: answers come from the plain model"))
        self.detach_button.setEnabled(bool(attached))
        self.loaded.emit()

    def attach(self) -> None:
        self._save(str(self.adapter_box.currentData() or NO_ADAPTER))

    def detach(self) -> None:
        self._save(NO_ADAPTER)

    def _save(self, adapter_id: str) -> None:
        collection = self.collection

        def save() -> tuple[list[Any], str]:
            registry = self.services.adapters()
            registry.set_for_collection(collection, adapter_id or None)
            return _read(registry, collection)

        self.hub.call(
            "io",
            save,
            on_result=self._on_saved,
            on_error=self._on_error,
        )

    def _on_saved(self, result: tuple[list[Any], str]) -> None:
        self._on_loaded(result)
        self.changed.emit(self.collection)

    def _on_error(self, error: BaseException) -> None:
        self.current.setText(user_message(error))


def _read(registry: Any, collection: str) -> tuple[list[Any], str]:
    """(every adapter, the id attached to ``collection`` or "")."""
    attached = registry.for_collection(collection)
    return registry.list(), attached.id if attached is not None else NO_ADAPTER
