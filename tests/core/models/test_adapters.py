"""LoRA adapters made with peft on the tiny Llama: checked, kept, attached per collection."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import ModelError
from app.core.models.adapters import AdapterRegistry, attach, detach
from app.core.models.importer import import_model
from app.core.models.installed import InstalledModel
from app.core.models.registry import ModelRegistry
from app.core.storage.catalog import Catalog
from app.core.storage.layout import DataLayout


def make_lora(base_folder: Path, target: Path, config: Any = None) -> Path:
    """A real PEFT LoRA with non-zero weights, so attaching it changes the output."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM

    base: Any = (
        AutoModelForCausalLM.from_pretrained(base_folder)
        if config is None
        else LlamaForCausalLM(LlamaConfig(**config))
    )
    lora = LoraConfig(
        r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False
    )
    get_peft_model(base, lora).save_pretrained(str(target))
    if config is not None:  # a model that exists nowhere on disk: name it like a hub repo
        file = target / "adapter_config.json"
        file.write_text(
            json.dumps(
                json.loads(file.read_text()) | {"base_model_name_or_path": "someone/other-model"}
            )
        )
    return target


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory, tiny_llama: Path) -> tuple[Path, Path]:
    """The conftest's tiny Llama and a LoRA trained shape-wise for it."""
    return tiny_llama, make_lora(tiny_llama, tmp_path_factory.mktemp("lora") / "legal-lora")


@pytest.fixture
def setup(
    data_dir: Path, tiny: tuple[Path, Path]
) -> Iterator[tuple[AdapterRegistry, InstalledModel, Catalog]]:
    layout = DataLayout(data_dir).ensure()
    models = ModelRegistry(layout)
    base = import_model(tiny[0], models)
    catalog = Catalog(layout.catalog_db)
    for name in ("legal", "general"):
        catalog.create_collection(name, "intfloat/multilingual-e5-small", 256, 32)
    yield AdapterRegistry(layout, catalog, models), base, catalog
    catalog.close()


def test_adapter_is_checked_copied_and_listed(setup: Any, tiny: tuple[Path, Path]) -> None:
    adapters, base, _ = setup
    info = adapters.add(tiny[1], base.id, name="Legal LoRA")
    assert info.id == "legal-lora" and info.base_model_id == base.id
    assert (info.rank, info.target_modules, info.peft_type) == (4, ["q_proj", "v_proj"], "LORA")
    assert (
        info.path.parent == adapters.folder and (info.path / "adapter_model.safetensors").exists()
    )
    assert [a.id for a in adapters.list(base.id)] == ["legal-lora"]
    assert adapters.list("some-other-model") == []


def test_switching_collections_switches_the_adapter(setup: Any, tiny: tuple[Path, Path]) -> None:
    adapters, base, catalog = setup
    info = adapters.add(tiny[1], base.id)
    adapters.set_for_collection("legal", info.id)
    assert adapters.for_collection("legal").id == info.id
    assert adapters.for_collection("general") is None
    assert catalog.collection("legal").adapter == info.id  # stored with the collection
    assert adapters.compatible(info, base.id) and not adapters.compatible(info, "other")
    adapters.set_for_collection("legal", None)
    assert adapters.for_collection("legal") is None


def test_removing_an_adapter_detaches_it_everywhere(setup: Any, tiny: tuple[Path, Path]) -> None:
    adapters, base, catalog = setup
    info = adapters.add(tiny[1], base.id)
    adapters.set_for_collection("legal", info.id)
    adapters.set_for_collection("general", info.id)
    adapters.remove(info.id)
    assert adapters.list() == [] and not info.path.exists()
    assert {c.adapter for c in catalog.collections()} == {""}
    assert tiny[1].exists()  # the user's own folder is untouched


def test_attach_changes_answers_and_detach_restores_them(
    setup: Any, tiny: tuple[Path, Path]
) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    adapters, base, _ = setup
    info = adapters.add(tiny[1], base.id)
    model = AutoModelForCausalLM.from_pretrained(base.path)
    ids = torch.tensor([[1, 5, 7, 9]])
    with torch.no_grad():
        plain = model(ids).logits
        tuned_model = attach(model, info)
        tuned = tuned_model(ids).logits
        restored = detach(tuned_model)(ids).logits
    assert not torch.allclose(plain, tuned)
    assert torch.allclose(plain, restored)


def test_adapter_for_another_model_is_refused(setup: Any, tmp_path: Path) -> None:
    adapters, base, _ = setup
    other = make_lora(
        tmp_path,
        tmp_path / "other-lora",
        config={
            "vocab_size": 100,
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "num_key_value_heads": 1,
        },
    )
    with pytest.raises(ModelError, match=r"trained for a different model.*hidden size is 64"):
        adapters.add(other, base.id)
    assert adapters.list() == []


def test_broken_adapter_folders_name_what_is_wrong(
    setup: Any, tiny: tuple[Path, Path], tmp_path: Path
) -> None:
    adapters, base, _ = setup
    broken = Path(shutil.copytree(tiny[1], tmp_path / "broken"))
    (broken / "adapter_model.safetensors").rename(broken / "adapter_model.bin")
    with pytest.raises(ModelError, match=r"adapter_model\.bin is a pickle file"):
        adapters.add(broken, base.id)
    config = json.loads((broken / "adapter_config.json").read_text())
    config |= {"base_model_name_or_path": "", "peft_type": "PROMPT_TUNING"}
    (broken / "adapter_config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError) as caught:
        adapters.add(broken, base.id)
    assert "does not name its base model" in str(caught.value)
    assert "only LoRA adapters" in str(caught.value)
    (broken / "adapter_config.json").unlink()
    with pytest.raises(ModelError, match=r"no adapter_config\.json found"):
        adapters.add(broken, base.id)


def test_unknown_collection_or_adapter(setup: Any) -> None:
    from app.core.errors import NotFoundError

    adapters, _, _ = setup
    with pytest.raises(NotFoundError, match="No adapter named"):
        adapters.set_for_collection("legal", "nope")
    with pytest.raises(NotFoundError, match="No collection"):
        adapters.for_collection("missing")
