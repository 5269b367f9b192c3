"""An air-gapped build's models: listed as installed, and its LLM answers when none is set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main


def _run(home: Path, *argv: str) -> int:
    return main(["--data-dir", str(home), *argv])


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``resources/offline`` as offline_assets.py lays it out: a real tiny LLM folder, an
    embedding model and a reranker folder, and the manifest naming them."""
    from tests.core.models.tinyllm import make_tiny_llama

    root = tmp_path_factory.mktemp("offline")
    make_tiny_llama(root / "llm" / "pocket-llm")
    for part in ("embeddings/pocket-embedder", "reranker"):
        shutil.copytree(root / "llm" / "pocket-llm", root / part)
    manifest = {
        "llm": "llm/pocket-llm",
        "embeddings": ["embeddings/pocket-embedder"],
        "reranker": "reranker",
        "ocr_languages": [],
    }
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


@pytest.fixture
def with_bundle(bundle: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PAGEFOLD_BUNDLE_DIR", str(bundle))
    return bundle


def test_bundled_models_are_listed_as_installed(
    data_dir: Path, with_bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "models", "list", "--json") == 0
    listed = {m["kind"]: m for m in json.loads(capsys.readouterr().out)}
    assert set(listed) == {"llm", "embedding", "reranker"}
    assert listed["llm"]["path"] == str(with_bundle / "llm" / "pocket-llm")
    assert listed["reranker"]["path"] == str(with_bundle / "reranker")
    assert all(m["source"] == "bundled" for m in listed.values())

    assert _run(data_dir, "models", "remove", listed["llm"]["id"]) == 1
    assert "part of this installation" in capsys.readouterr().err


def test_the_bundled_llm_answers_when_no_model_is_set(
    data_dir: Path, with_bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--no-documents", "Hello?", "--max-new-tokens", "4", "--json"]
    assert _run(data_dir, "ask", *argv) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["model"] == "pocket-llm" and answer["mode"] == "chat"


def test_without_a_bundle_nothing_is_added(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("PAGEFOLD_BUNDLE_DIR", str(tmp_path / "nothing"))
    assert _run(data_dir, "models", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert _run(data_dir, "ask", "--no-documents", "Hello?") == 1
    assert "needs a language model" in capsys.readouterr().err
