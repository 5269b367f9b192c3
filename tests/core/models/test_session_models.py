"""The core session loads models by one rule for the CLI and the window: a model resident the
way it is asked for is not loaded again, and a change of quantization is honoured."""

from __future__ import annotations

from pathlib import Path

from app.core.config import Settings
from app.core.models.runtime import ModelRuntime, RuntimeInfo
from app.core.models.spec import ModelSpec
from app.core.session import Session
from app.ui.services import Services


class CountingRuntime(ModelRuntime):
    def __init__(self) -> None:
        super().__init__()
        self.loads = 0

    def load(self, spec: ModelSpec, *, allow_pickle: bool = False) -> RuntimeInfo:
        self.loads += 1
        return super().load(spec, allow_pickle=allow_pickle)


def test_the_window_and_the_cli_share_what_is_loaded(tiny_llama: Path, tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "data")
    runtime = CountingRuntime()
    try:
        window = Services(settings, runtime=runtime)
        cli = Session(settings, runtime=runtime)

        window.load_model(str(tiny_llama))  # the window's model picker
        backend = cli.backend(str(tiny_llama))  # `pagefold ask --model` in the same process
        assert backend is not None and backend.name == runtime.info.name  # type: ignore[union-attr]
        assert runtime.loads == 1

        settings.generation.quantization = "4bit"  # asked for in Settings: honoured once
        window.load_model(str(tiny_llama))
        assert runtime.loads == 2
        assert runtime.info is not None and runtime.info.warnings  # no GPU here: said so
        cli.backend(str(tiny_llama))
        window.load_model(str(tiny_llama))
        assert runtime.loads == 2
    finally:
        runtime.unload()


def test_a_session_opens_nothing_until_asked(tmp_path: Path) -> None:
    home = tmp_path / "data"
    session = Session.open(home)
    assert session.resident_model() is None
    assert not home.exists() or not any(home.rglob("*.sqlite3"))

    session.library().create_collection("notes")
    session.conversations().create("Filters", ["notes"])
    session.close()

    again = Session.open(home)  # a later process sees what this one stored
    assert [c.name for c in again.library().collections()] == ["notes"]
    assert len(again.conversations().list()) == 1
    again.close()
