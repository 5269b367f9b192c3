"""Air-gapped builds: what a local asset folder may hold and where it lands in the bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.packaging.conftest import load_script

offline = load_script("offline/offline_assets.py")


def _model_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "config.json").write_text("{}", encoding="utf-8")
    (path / "model.safetensors").write_bytes(b"\0" * 16)
    return path


def test_unset_means_a_normal_build(tmp_path: Path) -> None:
    assert offline.datas(None, tmp_path) == []
    assert offline.datas("", tmp_path) == []


def test_full_folder_is_bundled_with_a_manifest(tmp_path: Path) -> None:
    src = tmp_path / "assets"
    (src / "llm").mkdir(parents=True)
    (src / "llm" / "qwen2.5-3b-instruct-q4_k_m.gguf").write_bytes(b"GGUF")
    _model_folder(src / "embeddings" / "bge-m3")
    _model_folder(src / "reranker")
    (src / "ocr").mkdir()
    for lang in ("kor", "eng"):
        (src / "ocr" / f"{lang}.traineddata").write_bytes(b"x")
    entries = offline.datas(str(src), tmp_path / "work")
    assert (str(src / "llm"), "resources/offline/llm") in entries
    assert (str(src / "ocr"), "resources/offline/ocr") in entries
    manifest_src = next(s for s, d in entries if s.endswith("manifest.json"))
    manifest = json.loads(Path(manifest_src).read_text(encoding="utf-8"))
    assert manifest == {
        "llm": "llm/qwen2.5-3b-instruct-q4_k_m.gguf",
        "embeddings": ["embeddings/bge-m3"],
        "reranker": "reranker",
        "ocr_languages": ["eng", "kor"],
    }


def test_pickled_weights_stop_the_build(tmp_path: Path) -> None:
    model = _model_folder(tmp_path / "assets" / "llm")
    (model / "pytorch_model.bin").write_bytes(b"x")
    with pytest.raises(SystemExit, match=r"pytorch_model\.bin"):
        offline.datas(str(tmp_path / "assets"), tmp_path / "work")


def test_two_ggufs_are_ambiguous(tmp_path: Path) -> None:
    llm = tmp_path / "assets" / "llm"
    llm.mkdir(parents=True)
    (llm / "a.gguf").write_bytes(b"GGUF")
    (llm / "b.gguf").write_bytes(b"GGUF")
    with pytest.raises(SystemExit, match=r"several \.gguf"):
        offline.datas(str(tmp_path / "assets"), tmp_path / "work")


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="is not a folder"):
        offline.datas(str(tmp_path / "nowhere"), tmp_path / "work")
