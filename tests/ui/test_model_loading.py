"""Loading a model is a visible state with Cancel; a question asked meanwhile waits and says so."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt


class SlowRuntime:
    """A runtime whose load takes until the test releases it (a big GGUF, dequantizing)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.info: Any = None
        self.unloads = 0

    @property
    def loaded(self) -> bool:
        return self.info is not None

    def load(self, spec: Any) -> Any:
        self.release.wait(10)
        from app.core.models.runtime import RuntimeInfo

        self.info = RuntimeInfo(spec.name, "cpu", "float32", "none", 2048, 1, spec.display)
        return self.info

    def ensure(self, spec: Any) -> Any:
        """As ``ModelRuntime.ensure``: what the session calls to load a model."""
        if self.info is not None and self.info.source == spec.display:
            return self.info
        return self.load(spec)

    def unload(self) -> None:
        self.unloads += 1
        self.info = None


@pytest.fixture
def slow(tmp_path: Path) -> Iterator[tuple[SlowRuntime, Path]]:
    gguf = tmp_path / "slow-model.gguf"
    gguf.write_bytes(b"GGUF")
    runtime = SlowRuntime()
    yield runtime, gguf
    runtime.release.set()  # never leave a worker blocked behind a failed assertion


def _window(make_window: Any, settings: Any, runtime: SlowRuntime, **fakes: Any) -> Any:
    from app.ui.services import Services
    from tests.ui.fakes import FakeModelApi

    services = Services(settings, runtime=runtime, models=FakeModelApi(), **fakes)
    return make_window(services=services)


def test_a_question_during_loading_waits_and_says_so(
    qtbot: Any, make_window: Any, settings: Any, slow: Any, fake_chat: Any, store: Any,
    fake_library: Any,
) -> None:  # fmt: skip
    runtime, gguf = slow
    window = _window(
        make_window, settings, runtime, chat=fake_chat, conversations=store, library=fake_library
    )
    window.models.choose(str(gguf))
    banner = window.chat_page.loading
    assert banner.isVisible() and banner.cancel_button.isVisible()
    assert banner.label.text().startswith("Loading slow-model.gguf…")
    assert banner.bar.maximum() == 0  # busy: nothing measured yet for this model

    composer = window.chat_page.composer
    qtbot.keyClicks(composer.edit, "Where is Seoul?")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert window.chat.model.message(1).status == "Waiting for slow-model.gguf to load…"
    qtbot.wait(300)
    assert not fake_chat.started.is_set()  # the question really waits for the load

    runtime.release.set()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=5000)
    assert fake_chat.questions[-1][0] == "Where is Seoul?"
    assert window.chat.model.message(1).text.startswith("**Seoul**")
    assert settings.generation.model == str(gguf)


def test_cancel_gives_up_the_load_and_returns_to_search_only(
    qtbot: Any, make_window: Any, settings: Any, slow: Any, fake_library: Any
) -> None:
    runtime, gguf = slow
    window = _window(make_window, settings, runtime, library=fake_library)
    window.models.choose(str(gguf))
    banner = window.chat_page.loading
    assert banner.isVisible()

    banner.cancel_button.click()
    assert not banner.isVisible() and not window.models.loading
    assert settings.generation.model == ""
    assert window.chat_page.header.model_box.currentData() == "search-only"

    runtime.release.set()  # the load ends inside transformers, then is thrown away
    qtbot.waitUntil(lambda: runtime.unloads == 1 and not runtime.loaded, timeout=5000)
    qtbot.waitUntil(lambda: not window.hub.busy(), timeout=5000)
    assert settings.generation.model == ""


def test_an_air_gapped_build_loads_its_bundled_llm_when_none_is_set(
    qtbot: Any, make_window: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    fake_library: Any,
) -> None:  # fmt: skip
    bundle = tmp_path / "offline"
    (bundle / "llm").mkdir(parents=True)
    (bundle / "llm" / "pocket.gguf").write_bytes(b"GGUF")
    (bundle / "manifest.json").write_text('{"llm": "llm/pocket.gguf"}', encoding="utf-8")
    monkeypatch.setenv("PAGEFOLD_BUNDLE_DIR", str(bundle))
    runtime = SlowRuntime()
    runtime.release.set()
    assert settings.generation.model == ""

    window = _window(make_window, settings, runtime, library=fake_library)
    qtbot.waitUntil(lambda: runtime.loaded, timeout=10000)
    assert runtime.info.source == str(bundle / "llm" / "pocket.gguf")
    qtbot.waitUntil(lambda: settings.generation.model == "bundled-pocket", timeout=5000)
    box = window.chat_page.header.model_box
    assert box.currentData() == "bundled-pocket"
