"""Settings: data folder, language, theme, retrieval (reranker, embedders), answers, remote.

Edits the core ``Settings`` object in place when the user presses OK or Apply and reports what
changed; the window saves the file (in a worker) and applies language and theme at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL, Settings
from app.core.errors import PagefoldError

#: Where the chosen data folder is remembered (it cannot live inside the data folder itself).
DATA_DIR_KEY = "data_dir"


@dataclass
class SearchModels:
    """Installed rerankers (id, name) and embedders (ids) the pickers offer."""

    rerankers: list[tuple[str, str]]
    installed_embedders: list[str]

    def embedders(self, current: str) -> list[str]:
        built_in = [DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL]
        ids = [current, *built_in, *self.installed_embedders]
        return list(dict.fromkeys(ids))


def search_models(settings: Settings) -> SearchModels:
    """One small JSON read (the registry), cheap enough for the dialog to do as it opens."""
    from app.core.models.registry import ModelRegistry

    try:
        registry = ModelRegistry(settings.layout)
        return SearchModels(
            [(m.id, m.name) for m in registry.installed("reranker")],
            [m.id for m in registry.installed("embedding")],
        )
    except PagefoldError:  # an unreadable registry: built-ins only, the manager says why
        return SearchModels([], [])


def user_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Pagefold", "Pagefold")


class SettingsDialog(QDialog):
    """Tabs of plain form fields; ``applied`` carries the names of what changed."""

    applied = Signal(dict)

    def __init__(
        self,
        settings: Settings,
        collections: list[Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.collection_records = [c for c in (collections or []) if hasattr(c, "chunk_tokens")]
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._retrieval_tab(), self.tr("Search"))
        self.tabs.addTab(self._answers_tab(), self.tr("Answers"))
        self.tabs.addTab(self._network_tab(), self.tr("Network"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._load()

    # -- tabs ----------------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.data_dir = QLineEdit(page)
        self.data_dir.setReadOnly(True)
        self.data_dir.setAccessibleName(self.tr("Data folder"))
        browse = QPushButton(self.tr("Change…"), page)
        browse.clicked.connect(self._choose_data_dir)
        open_button = QPushButton(self.tr("Open"), page)
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.settings.data_dir)))
        )
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(open_button)
        row.addWidget(browse)
        self.data_note = QLabel(self.tr("A new data folder is used after Pagefold restarts."), page)
        self.data_note.setObjectName("Muted")
        self.language = QComboBox(page)
        self.language.setAccessibleName(self.tr("Language"))
        for label, value in (
            (self.tr("Follow the system"), "system"),
            ("한국어", "ko"),
            ("English", "en"),
        ):
            self.language.addItem(label, value)
        self.theme = QComboBox(page)
        self.theme.setAccessibleName(self.tr("Theme"))
        for label, value in (
            (self.tr("Follow the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.theme.addItem(label, value)
        form.addRow(self.tr("Data folder"), row)
        form.addRow("", self.data_note)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        return page

    def _retrieval_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.k = QSpinBox(page)
        self.k.setRange(1, 50)
        self.k.setAccessibleName(self.tr("Passages per question"))
        self.chunk_tokens = QSpinBox(page)
        self.chunk_tokens.setRange(32, 2048)
        self.chunk_tokens.setSingleStep(32)
        self.chunk_tokens.setSuffix(self.tr(" tokens"))
        self.chunk_tokens.setAccessibleName(self.tr("Passage size for new collections"))
        self.reranker = QComboBox(page)
        self.reranker.setAccessibleName(self.tr("Reranker"))
        self.reranker.addItem(self.tr("Automatic (the newest downloaded reranker)"), "auto")
        self.reranker.addItem(self.tr("Off"), "off")
        encoders = search_models(self.settings)
        for model_id, name in encoders.rerankers:
            self.reranker.addItem(name, model_id)
        self.chunk_table = QTableWidget(len(self.collection_records), 3, page)
        self.chunk_table.setHorizontalHeaderLabels(
            [self.tr("Collection"), self.tr("Passage size"), self.tr("Embedding model")]
        )
        self.chunk_table.verticalHeader().hide()
        header = self.chunk_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.chunk_table.setAccessibleName(self.tr("Passage size per collection"))
        self.chunk_spins: dict[str, QSpinBox] = {}
        self.embedder_combos: dict[str, QComboBox] = {}
        for row, record in enumerate(self.collection_records):
            self.chunk_table.setCellWidget(row, 0, QLabel(record.name, page))
            spin = QSpinBox(page)
            spin.setRange(32, 2048)
            spin.setSingleStep(32)
            spin.setValue(int(record.chunk_tokens))
            self.chunk_table.setCellWidget(row, 1, spin)
            self.chunk_spins[record.name] = spin
            combo = QComboBox(page)
            combo.setAccessibleName(self.tr("Embedding model of %1").replace("%1", record.name))
            for model_id in encoders.embedders(record.embedding_model):
                combo.addItem(model_id, model_id)
            combo.setCurrentIndex(max(0, combo.findData(record.embedding_model)))
            self.chunk_table.setCellWidget(row, 2, combo)
            self.embedder_combos[record.name] = combo
        note = QLabel(
            self.tr(
                "A new passage size applies when the collection's files are indexed again. A new "
                "embedding model re-embeds the collection at once, with progress; search keeps "
                "the old vectors until it is done."
            ),
            page,
        )
        note.setObjectName("Muted")
        note.setWordWrap(True)
        form.addRow(self.tr("Passages per question"), self.k)
        form.addRow(self.tr("Passage size for new collections"), self.chunk_tokens)
        form.addRow(self.tr("Reranker"), self.reranker)
        form.addRow(self.chunk_table)
        form.addRow(note)
        return page

    def _answers_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.temperature = QDoubleSpinBox(page)
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setAccessibleName(self.tr("Temperature"))
        self.max_tokens = QSpinBox(page)
        self.max_tokens.setRange(16, 8192)
        self.max_tokens.setSingleStep(64)
        self.max_tokens.setSuffix(self.tr(" tokens"))
        self.max_tokens.setAccessibleName(self.tr("Longest answer"))
        self.answer_language = QComboBox(page)
        for label, value in (
            (self.tr("Language of the question"), "auto"),
            ("한국어", "ko"),
            ("English", "en"),
        ):
            self.answer_language.addItem(label, value)
        self.answer_language.setAccessibleName(self.tr("Answer language"))
        self.system_prompt = QPlainTextEdit(page)
        self.system_prompt.setPlaceholderText(self.tr("Empty: Pagefold's own instructions"))
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Longest answer"), self.max_tokens)
        form.addRow(self.tr("Answer language"), self.answer_language)
        form.addRow(self.tr("System prompt"), self.system_prompt)
        return page

    def _network_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.offline = QCheckBox(self.tr("Work offline (refuse every network connection)"), page)
        self.use_remote = QCheckBox(self.tr("Answer with a remote OpenAI-compatible server"), page)
        self.remote_url = QLineEdit(page)
        self.remote_url.setPlaceholderText("http://localhost:11434/v1")
        self.remote_url.setAccessibleName(self.tr("Server address"))
        self.remote_model = QLineEdit(page)
        self.remote_model.setPlaceholderText("qwen2.5:7b-instruct")
        self.remote_model.setAccessibleName(self.tr("Model name on the server"))
        note = QLabel(
            self.tr(
                "Off by default. When on, your question and the passages found "
                "are sent to that server."
            ),
            page,
        )
        note.setObjectName("Muted")
        note.setWordWrap(True)
        form.addRow(self.offline)
        form.addRow(self.use_remote)
        form.addRow(self.tr("Server address"), self.remote_url)
        form.addRow(self.tr("Model name on the server"), self.remote_model)
        form.addRow(note)
        return page

    # -- values --------------------------------------------------------------------------------

    def _load(self) -> None:
        s = self.settings
        self.data_dir.setText(str(s.data_dir))
        self.language.setCurrentIndex(max(0, self.language.findData(s.ui.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.ui.theme)))
        self.k.setValue(s.retrieval.k)
        self.chunk_tokens.setValue(s.retrieval.chunk_tokens)
        chosen = "off" if not s.retrieval.use_reranker else (s.retrieval.reranker or "auto")
        if self.reranker.findData(chosen) < 0:  # chosen, then removed: still shown as chosen
            self.reranker.addItem(chosen, chosen)
        self.reranker.setCurrentIndex(self.reranker.findData(chosen))
        self.temperature.setValue(s.generation.temperature)
        self.max_tokens.setValue(s.generation.max_new_tokens)
        self.answer_language.setCurrentIndex(
            max(0, self.answer_language.findData(s.generation.answer_language))
        )
        self.system_prompt.setPlainText(s.generation.system_prompt)
        self.offline.setChecked(s.network.offline)
        self.use_remote.setChecked(s.network.use_remote)
        self.remote_url.setText(s.network.remote_base_url)
        self.remote_model.setText(s.network.remote_model)

    def apply(self) -> dict[str, Any]:
        """Write the fields into the settings object; returns (and emits) what changed."""
        s = self.settings
        changes: dict[str, Any] = {}
        if s.ui.language != self.language.currentData():
            s.ui.language = self.language.currentData()
            changes["language"] = s.ui.language
        if s.ui.theme != self.theme.currentData():
            s.ui.theme = self.theme.currentData()
            changes["theme"] = s.ui.theme
        s.retrieval.k = self.k.value()
        s.retrieval.chunk_tokens = self.chunk_tokens.value()
        if self.reranker.currentData() != (s.retrieval.reranker or "auto"):
            s.retrieval.reranker = self.reranker.currentData()
            s.retrieval.use_reranker = True
            changes["reranker"] = s.retrieval.reranker
        s.generation.temperature = round(self.temperature.value(), 2)
        s.generation.max_new_tokens = self.max_tokens.value()
        s.generation.answer_language = self.answer_language.currentData()
        s.generation.system_prompt = self.system_prompt.toPlainText().strip()
        network = (
            self.offline.isChecked(),
            self.use_remote.isChecked(),
            self.remote_url.text().strip(),
            self.remote_model.text().strip(),
        )
        if network != (
            s.network.offline,
            s.network.use_remote,
            s.network.remote_base_url,
            s.network.remote_model,
        ):
            (
                s.network.offline,
                s.network.use_remote,
                s.network.remote_base_url,
                s.network.remote_model,
            ) = network
            changes["network"] = True
        sizes = {
            r.name: self.chunk_spins[r.name].value()
            for r in self.collection_records
            if self.chunk_spins[r.name].value() != r.chunk_tokens
        }
        if sizes:
            changes["chunk_sizes"] = sizes
        embedders = {
            r.name: self.embedder_combos[r.name].currentData()
            for r in self.collection_records
            if self.embedder_combos[r.name].currentData() != r.embedding_model
        }
        if embedders:
            changes["embedders"] = embedders
        changes["saved"] = True
        self.applied.emit(changes)
        return changes

    def accept(self) -> None:
        self.apply()
        super().accept()

    def _choose_data_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the data folder"), str(self.settings.data_dir)
        )
        if folder:
            user_settings().setValue(DATA_DIR_KEY, folder)
            self.data_dir.setText(folder)
