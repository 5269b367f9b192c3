"""Importing models from disk: the real SmolLM2 GGUF and a saved tiny Llama folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.core.errors import AlreadyExistsError, ModelError
from app.core.models.importer import import_model, validate_model
from app.core.models.registry import ModelRegistry
from app.core.storage.layout import DataLayout
from tests.core.models.modelfiles import make_tiny_gguf, safetensors_bytes


@pytest.fixture
def registry(data_dir: Path) -> ModelRegistry:
    return ModelRegistry(DataLayout(data_dir).ensure())


@pytest.fixture
def folder(tiny_llama: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model (``tiny_llama`` comes from conftest) to break at will."""
    return Path(shutil.copytree(tiny_llama, tmp_path / "my-model"))


def test_smollm2_gguf_is_read_imported_in_place_and_never_deleted(
    smollm2_gguf: Path, registry: ModelRegistry
) -> None:
    model = import_model(smollm2_gguf, registry)  # validates the header first (a few seconds)
    assert model.source == "import" and model.gguf_file == smollm2_gguf.name
    assert model.weights_path == smollm2_gguf.resolve()
    assert (model.architecture, model.context_length) == ("llama", 8192)
    assert model.params_b is not None and 0.12 < model.params_b < 0.15
    assert model.name.lower().startswith("smollm2")  # general.name from the header
    assert registry.get(model.id).kind == "llm"
    registry.remove(model.id)
    assert smollm2_gguf.exists() and registry.installed() == []


def test_copied_gguf_lives_in_the_models_folder_until_removed(
    tmp_path: Path, registry: ModelRegistry
) -> None:
    source = make_tiny_gguf(tmp_path / "Tiny-Q4.gguf")
    model = import_model(source, registry, copy=True)
    assert model.id == "tiny-q4" and model.weights_path.parent == registry.models_dir / "tiny-q4"
    assert model.weights_path.read_bytes() == source.read_bytes()
    registry.remove(model.id)
    assert not (registry.models_dir / "tiny-q4").exists() and source.exists()


def test_tiny_llama_folder_is_valid_and_imported(folder: Path, registry: ModelRegistry) -> None:
    result = validate_model(folder)
    assert result.ok, result.message
    assert (result.format, result.kind, result.architecture) == ("safetensors", "llm", "llama")
    assert result.context_length == 512 and result.weights == ["model.safetensors"]
    assert result.params_b is not None and result.params_b > 0
    model = import_model(folder, registry, name="Tiny Llama")
    assert (model.id, model.name, model.path) == ("tiny-llama", "Tiny Llama", folder.resolve())
    with pytest.raises(AlreadyExistsError, match="already installed"):
        import_model(folder, registry)


def test_missing_tokenizer_is_named(folder: Path, registry: ModelRegistry) -> None:
    (folder / "tokenizer.json").unlink()
    with pytest.raises(ModelError) as caught:
        import_model(folder, registry)
    assert "no tokenizer found: expected tokenizer.json or tokenizer.model" in str(caught.value)
    assert registry.installed() == []


def test_missing_config_and_weights_are_both_listed(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "tokenizer.json").write_text("{}")
    message = validate_model(empty).message
    assert "no config.json found" in message and "no weights found" in message


def test_pickle_weights_refused_unless_allowed(folder: Path) -> None:
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    refused = validate_model(folder)
    assert not refused.ok and "pickle files (pytorch_model.bin)" in refused.message
    allowed = validate_model(folder, allow_pickle=True)
    assert allowed.ok and allowed.weights == ["pytorch_model.bin"]
    assert any("allowed by your choice" in w for w in allowed.warnings)


def test_custom_code_is_refused(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    config |= {
        "model_type": "my_secret_arch",
        "auto_map": {"AutoModelForCausalLM": "modeling_secret.SecretForCausalLM"},
    }
    (folder / "config.json").write_text(json.dumps(config))
    result = validate_model(folder)
    assert not result.ok
    assert "modeling_secret.py" in result.message and "trust_remote_code" in result.message


def test_auto_map_beside_a_builtin_architecture_is_only_a_warning(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    config["auto_map"] = {"AutoConfig": "configuration_llama.LlamaConfig"}
    (folder / "config.json").write_text(json.dumps(config))
    result = validate_model(folder)
    assert result.ok and any("built-in 'llama'" in w for w in result.warnings)


def test_broken_and_missing_weights_are_reported(folder: Path) -> None:
    (folder / "model.safetensors").write_bytes(b"\x00" * 64)
    assert "is not a readable safetensors file" in validate_model(folder).message
    (folder / "model.safetensors").unlink()
    index = {
        "weight_map": {
            "a": "model-00001-of-00002.safetensors",
            "b": "model-00002-of-00002.safetensors",
        }
    }
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    (folder / "model-00001-of-00002.safetensors").write_bytes(safetensors_bytes(10))
    assert "missing weight shards" in validate_model(folder).message
    assert "model-00002-of-00002.safetensors" in validate_model(folder).message


def test_adapter_folder_is_pointed_to_the_adapter_command(tmp_path: Path) -> None:
    adapter = tmp_path / "lora"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text("{}")
    assert "LoRA adapter, not a model" in validate_model(adapter).message


def test_gguf_choices_and_garbage(tmp_path: Path) -> None:
    make_tiny_gguf(tmp_path / "two" / "a.gguf")
    make_tiny_gguf(tmp_path / "two" / "b.gguf")
    assert "several GGUF files (a.gguf, b.gguf)" in validate_model(tmp_path / "two").message
    one = tmp_path / "one"
    make_tiny_gguf(one / "only.gguf", context_length=1024)
    result = validate_model(one)
    assert result.ok and result.gguf_file == "only.gguf" and result.context_length == 1024
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"not a gguf at all" * 10)
    assert "not a valid GGUF file" in validate_model(fake).message
    assert "nothing at" in validate_model(tmp_path / "missing").message


def test_gguf_of_an_architecture_transformers_cannot_read_warns(tmp_path: Path) -> None:
    result = validate_model(make_tiny_gguf(tmp_path / "x.gguf", arch="exaone"))
    assert result.ok and any(
        "cannot load GGUF models of architecture 'exaone'" in w for w in result.warnings
    )
