"""First run, settings, the model manager and the documents dialog."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.fakes import FakeModelApi


def test_first_run_shows_the_welcome_page_with_hardware(qtbot: Any, make_window: Any) -> None:
    window = make_window(welcome_done=False)
    assert window.center.currentWidget() is window.welcome
    qtbot.waitUntil(lambda: "16 GB of RAM" in window.welcome.machine_text.text())
    assert "No usable GPU" in window.welcome.machine_text.text()
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.center.currentWidget() is window.chat_page
    window.close()
    again = make_window(welcome_done=window.layout_settings.value("welcome/done", type=bool))
    assert again.center.currentWidget() is again.chat_page


def test_welcome_recommends_a_model_that_fits(qtbot: Any, make_window: Any) -> None:
    from app.core.models.catalog import load_catalog
    from app.core.models.hardware import Hardware, recommend

    gpu = Hardware("RTX 4070", 12 * 1024**3, "cuda", 32 * 1024**3, (8, 9), bitsandbytes=True)
    best = recommend(gpu, load_catalog())[0]

    class GpuModels(FakeModelApi):
        def hardware(self) -> Any:
            return gpu

        def recommended(self) -> Any:
            return best

    window = make_window(welcome_done=False, models=GpuModels())
    qtbot.waitUntil(lambda: "RTX 4070" in window.welcome.machine_text.text())
    assert best.entry.name in window.welcome.model_text.text()
    assert "12 GB of video memory" in window.welcome.machine_text.text()


def test_status_bar_shows_device_and_memory(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: window.status.device.text() == "CPU")
    assert window.status.model.text() == "Search only"
    assert window.status.memory.text().startswith("App memory ")


def test_settings_dialog_writes_every_field(qtbot: Any, window: Any) -> None:
    from app.ui.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, [], window)
    qtbot.addWidget(dialog)
    dialog.k.setValue(8)
    dialog.temperature.setValue(0.7)
    dialog.max_tokens.setValue(1024)
    dialog.system_prompt.setPlainText("Answer briefly.")
    dialog.use_remote.setChecked(True)
    dialog.remote_url.setText("http://localhost:11434/v1")
    dialog.remote_model.setText("qwen2.5")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    changes = dialog.apply()
    s = window.settings
    assert (s.retrieval.k, s.generation.temperature, s.generation.max_new_tokens) == (8, 0.7, 1024)
    assert s.generation.system_prompt == "Answer briefly."
    assert (s.network.use_remote, s.network.remote_base_url, s.network.remote_model) == (
        True,
        "http://localhost:11434/v1",
        "qwen2.5",
    )
    assert {"theme", "network"} <= set(changes)


def test_chunk_size_per_collection_is_offered(qtbot: Any, window: Any, fake_library: Any) -> None:
    from app.ui.views.settings_dialog import SettingsDialog

    rec = fake_library.create_collection("Papers")
    dialog = SettingsDialog(window.settings, [rec], window)
    qtbot.addWidget(dialog)
    dialog.chunk_spins["Papers"].setValue(512)
    assert dialog.apply()["chunk_sizes"] == {"Papers": 512}


def test_model_manager_lists_the_catalog_with_fit_badges(qtbot: Any, make_window: Any) -> None:
    from app.core.models.catalog import entries_of_kind, load_catalog
    from app.core.models.hardware import Hardware, fit

    gpu = Hardware("RTX 3060", 6 * 1024**3, "cuda", 16 * 1024**3, (8, 6), bitsandbytes=True)
    llms = entries_of_kind(load_catalog(), "llm")

    class Catalog(FakeModelApi):
        def hardware(self) -> Any:
            return gpu

        def fits(self) -> list[Any]:
            return [fit(e, gpu) for e in llms]

    window = make_window(models=Catalog())
    window.models.open_manager()
    dialog = window.models._manager
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(llms), timeout=5000)
    badges = [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())]
    assert any(b.startswith("✓ Fits") for b in badges)
    assert any(b == "✕ Too large" for b in badges)  # a 14B model does not fit 6 GB
    assert "RTX 3060" in dialog.hardware.text()


def test_documents_dialog_lists_and_removes(
    qtbot: Any, window: Any, fake_library: Any, sample_pdf: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.views.documents_dialog import DocumentsDialog

    fake_library.ingest("Papers", [sample_pdf])
    dialog = DocumentsDialog("Papers", window.services, window.hub, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.item(0, 0).text() == "capitals"
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.changed):
        dialog.remove_button.click()
    assert fake_library.documents("Papers") == []


def test_conversations_rename_delete_and_search(
    qtbot: Any, window: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    a = store.create("Budget review", [])
    store.create("Travel notes", [])
    window.refresh_conversations()
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 2)
    window.conversations.setData(
        window.conversations.index(window.conversations.row_of(a.id)), "Budget 2024"
    )
    qtbot.waitUntil(lambda: store.get(a.id).title == "Budget 2024")
    qtbot.keyClicks(window.sidebar.search, "travel")
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)
    assert window.conversations.index(0).data() == "Travel notes"
    window.sidebar.search.clear()
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 2)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window.conversation_actions.delete(a.id)
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1)


def test_collections_create_rename_delete(
    qtbot: Any, window: Any, fake_library: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Legal", True))
    window.collection_actions.new()
    qtbot.waitUntil(lambda: window.collections.names() == ["Legal"])
    assert window.chat_page.header.scope.selected() == ["Legal"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Contracts", True))
    window.collection_actions.rename("Legal")
    qtbot.waitUntil(lambda: window.collections.names() == ["Contracts"])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window.collection_actions.delete("Contracts")
    qtbot.waitUntil(lambda: window.collections.rowCount() == 0)
    assert window.sidebar.collections_empty.isVisible()


def test_model_download_shows_progress_and_can_be_cancelled(qtbot: Any, make_window: Any) -> None:
    import threading
    from dataclasses import dataclass

    from app.core.errors import CancelledError
    from app.core.models.catalog import entries_of_kind, load_catalog
    from app.core.models.hardware import Hardware, fit

    gpu = Hardware("RTX 4090", 24 * 1024**3, "cuda", 64 * 1024**3, (8, 9), bitsandbytes=True)
    llms = entries_of_kind(load_catalog(), "llm")
    started = threading.Event()

    @dataclass
    class Progress:
        bytes_done: int
        bytes_total: int = 1000 * 1024**2
        speed_bps: float = 20 * 1024**2
        eta_s: float | None = 30.0

        @property
        def fraction(self) -> float:
            return self.bytes_done / self.bytes_total

    class Downloads(FakeModelApi):
        def hardware(self) -> Any:
            return gpu

        def fits(self) -> list[Any]:
            return [fit(e, gpu) for e in llms]

        def download(self, entry_id: str, progress: Any, cancel: Any) -> Any:
            for i in range(1, 10_000):
                if cancel.cancelled:
                    raise CancelledError("Download cancelled.")
                progress(Progress(i * 1024**2))
                started.set()
                threading.Event().wait(0.01)
            raise AssertionError("never cancelled")

    window = make_window(models=Downloads())
    window.models.open_manager()
    dialog = window.models._manager
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(llms), timeout=5000)
    dialog.table.selectRow(0)
    assert dialog.download_button.isEnabled()
    dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=5000)
    assert dialog.cancel_button.isVisible()
    assert "MB" in dialog.progress_label.text()
    assert dialog.model.index(0, 4).data() == "Downloading…"
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.progress_label.text() == "Download cancelled.", timeout=5000)
    assert not dialog.cancel_button.isVisible()
    assert started.is_set()


def test_tools_evaluate_opens_the_evaluation_dialog(
    qtbot: Any, window: Any, fake_library: Any
) -> None:
    from app.ui.views.evaluate_dialog import EvaluateDialog

    fake_library.create_collection("Papers")
    window.action("evaluate").trigger()
    dialogs = [d for d in window.findChildren(EvaluateDialog) if d.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitUntil(lambda: dialogs[0].collections_loaded, timeout=5000)
    dialogs[0].close()
