"""The bundled model catalog: complete, true to its sizing formula, honest about licences."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL
from app.core.errors import ModelError, NotFoundError
from app.core.models.catalog import (
    BYTES_PER_PARAM,
    OVERHEAD_FACTOR,
    OVERHEAD_GB,
    catalog_file,
    entry_for_installed,
    find_entry,
    load_catalog,
    vram_estimate,
)
from app.core.resources import resource_path


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return json.loads(catalog_file().read_text(encoding="utf-8"))


def test_catalog_covers_every_kind_and_the_size_range() -> None:
    catalog = load_catalog()
    llms = [e for e in catalog if e.kind == "llm"]
    assert {e.kind for e in catalog} == {"llm", "embedding", "reranker"}
    assert min(e.params_b for e in llms) < 2 and max(e.params_b for e in llms) > 13
    assert any(e.is_gguf for e in llms)
    for entry in catalog:
        assert entry.repo_id.count("/") == 1 and entry.revision == "main"
        assert entry.license_url.startswith("https://") and entry.context_length >= 256
        assert entry.files, entry.id


def test_vram_and_size_follow_the_documented_formula(doc: dict[str, Any]) -> None:
    sizing = doc["sizing"]
    for entry in load_catalog():
        for precision, gb in entry.vram_gb.items():
            expected = (
                entry.params_b * sizing["bytes_per_param"][precision] * sizing["overhead_factor"]
                + sizing["overhead_gb"]
            )
            assert gb == round(expected, 1), (entry.id, precision)
        storage = sizing["storage_bytes_per_param"][entry.storage]
        assert abs(entry.size_bytes - entry.params_b * 1e9 * storage) <= 1e6, entry.id
        smaller = [entry.vram_gb[p] for p in entry.precisions]
        assert smaller == sorted(smaller, reverse=True), entry.id


def test_code_and_json_use_the_same_formula(doc: dict[str, Any]) -> None:
    sizing = doc["sizing"]
    assert sizing["bytes_per_param"] == BYTES_PER_PARAM
    assert (sizing["overhead_factor"], sizing["overhead_gb"]) == (OVERHEAD_FACTOR, OVERHEAD_GB)
    qwen7 = find_entry(load_catalog(), "qwen2.5-7b-instruct")
    assert vram_estimate(qwen7.params_b) == qwen7.vram_gb


def test_imported_models_get_an_estimated_entry() -> None:
    from app.core.models.installed import InstalledModel

    catalog = load_catalog()
    downloaded = InstalledModel("x", "X", Path("/m/x"), catalog_id="qwen2.5-7b-instruct")
    assert entry_for_installed(downloaded, catalog) is find_entry(catalog, "qwen2.5-7b-instruct")
    imported = InstalledModel("mine", "Mine", Path("/m"), gguf_file="mine.gguf", params_b=7.0)
    estimate = entry_for_installed(imported, catalog)
    assert estimate is not None and estimate.vram_gb == {"bf16": 17.1} and estimate.is_gguf
    assert entry_for_installed(InstalledModel("u", "U", Path("/u")), catalog) is None


def test_non_commercial_licences_are_flagged_clearly() -> None:
    catalog = load_catalog()
    restricted = {e.id for e in catalog if not e.commercial_use}
    assert {
        "qwen2.5-3b-instruct",
        "exaone-3.5-2.4b-instruct",
        "exaone-3.5-7.8b-instruct",
    } <= restricted
    for entry in catalog:
        if not entry.commercial_use:
            assert "NON-COMMERCIAL" in entry.licence_label and "NON-COMMERCIAL" in entry.notes
        if entry.gated:
            assert "gated" in entry.licence_label and "token" in entry.notes


def test_recommended_models_speak_korean_and_english() -> None:
    for entry in load_catalog():
        if entry.recommended:
            assert {"ko", "en"} <= set(entry.languages), entry.id


def test_gguf_entries_fetch_one_file_and_load_at_16_bit() -> None:
    for entry in (e for e in load_catalog() if e.is_gguf):
        assert entry.gguf_file is not None and entry.gguf_file.endswith(".gguf")
        assert entry.files == [entry.gguf_file] and list(entry.vram_gb) == ["bf16"]


def test_default_and_test_embedders_are_in_the_catalog() -> None:
    catalog = load_catalog()
    e5 = find_entry(catalog, DEFAULT_EMBEDDING_MODEL)
    assert e5.id == "multilingual-e5-small" and e5.kind == "embedding" and e5.dimensions == 384
    minilm = find_entry(catalog, TEST_EMBEDDING_MODEL)
    assert minilm.languages == ["en"] and not minilm.recommended
    assert find_entry(catalog, "BAAI/BGE-RERANKER-V2-M3").kind == "reranker"
    assert "*.safetensors" in e5.files and "modules.json" in e5.files
    assert "pytorch_model.bin" not in e5.files


def test_unknown_entry_names_the_way_out() -> None:
    with pytest.raises(NotFoundError, match="models list --catalog"):
        find_entry(load_catalog(), "gpt-5")


def test_broken_catalog_files_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        load_catalog(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ModelError, match="cannot be read"):
        load_catalog(bad)
    weird = tmp_path / "weird.json"
    raw = json.loads(catalog_file().read_text(encoding="utf-8"))
    raw["models"] = [raw["models"][0] | {"kind": "vision"}]
    weird.write_text(json.dumps(raw))
    with pytest.raises(ModelError, match="unknown kind 'vision'"):
        load_catalog(weird)
    raw["models"] = [raw["models"][0] | {"kind": "llm"}] * 2
    weird.write_text(json.dumps(raw))
    with pytest.raises(ModelError, match="appears twice"):
        load_catalog(weird)


def test_resources_are_found_inside_a_pyinstaller_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resource_path("catalog", "models.json").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("catalog", "models.json") == tmp_path / "resources/catalog/models.json"
