"""Settings: defaults that work, a file that round-trips, env overrides, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL, SCHEMA_VERSION, Settings
from app.core.errors import PagefoldError


def test_defaults_need_no_file(data_dir: Path) -> None:
    s = Settings.load(data_dir)
    assert s.data_dir == data_dir
    assert s.retrieval.embedding_model == DEFAULT_EMBEDDING_MODEL
    assert s.generation.model == ""  # search-only until a model is chosen
    assert s.network.offline is False
    assert not s.layout.settings_file.exists()  # loading never writes


def test_save_and_reload_round_trip(data_dir: Path) -> None:
    s = Settings.load(data_dir)
    s.retrieval.k = 8
    s.ui.language = "ko"
    s.generation.system_prompt = "한국어로 답하세요."
    s.save()
    again = Settings.load(data_dir)
    assert again.retrieval.k == 8
    assert again.ui.language == "ko"
    assert again.generation.system_prompt == "한국어로 답하세요."
    stored = json.loads(s.layout.settings_file.read_text(encoding="utf-8"))
    assert stored["schema_version"] == SCHEMA_VERSION
    assert "data_dir" not in stored  # the folder is where the file is, never inside it


def test_pagefold_home_env_selects_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFOLD_HOME", str(tmp_path / "elsewhere"))
    assert Settings.load().data_dir == tmp_path / "elsewhere"


def test_env_overrides_without_touching_the_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFOLD_OFFLINE", "1")
    monkeypatch.setenv("PAGEFOLD_MODEL", "/models/x.gguf")
    s = Settings.load(data_dir)
    assert s.network.offline is True
    assert s.generation.model == "/models/x.gguf"


def test_invalid_file_gives_a_readable_message(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text('{"retrieval": {"k": 0}}', encoding="utf-8")
    with pytest.raises(PagefoldError, match="invalid values"):
        Settings.load(data_dir)
    (data_dir / "settings.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PagefoldError, match="cannot be read"):
        Settings.load(data_dir)
