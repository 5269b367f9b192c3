"""`pagefold models ...` end to end through ``app.cli.main``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from tests.core.models.hubfake import (
    FakeHub,
    allow_hub_requests,
    install_memory_keyring,
    running_hub,
)
from tests.core.models.modelfiles import make_tiny_gguf, model_repo_files


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["models", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home() -> Path:
    import os

    return Path(os.environ["PAGEFOLD_HOME"])


@pytest.fixture
def keyring_store(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    return install_memory_keyring(monkeypatch)


@pytest.fixture
def hub(
    monkeypatch: pytest.MonkeyPatch, keyring_store: dict[tuple[str, str], str]
) -> Iterator[FakeHub]:
    allow_hub_requests(monkeypatch)
    with running_hub() as fake:
        fake.add_repo("acme/tiny-chat", model_repo_files())
        monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
        yield fake


def test_recommend_for_a_simulated_gpu(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "--vram", "8")
    assert code == 0
    assert "Recommended: Kanana 1.5 8B Instruct (kanana-1.5-8b-instruct), runs at 4-bit" in out
    assert "(8 GB, CUDA)" in out
    code, out, _ = run(
        capsys, "recommend", "--backend", "cpu", "--ram", "16", "--kind", "embedding"
    )
    assert code == 0 and "multilingual-e5-small" in out.splitlines()[1]


def test_catalog_list_shows_licences_and_fit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--catalog", "--backend", "cpu", "--ram", "16")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert "NON-COMMERCIAL" in rows["qwen2.5-3b-instruct"]
    assert "gated" in rows["llama-3.2-3b-instruct"]
    assert rows["qwen2.5-14b-instruct"].endswith("no")
    assert rows["qwen2.5-1.5b-instruct"].endswith("the CPU")
    code, out, _ = run(
        capsys, "list", "--catalog", "--kind", "reranker", "--json", "--backend", "cpu"
    )
    assert {e["id"] for e in json.loads(out)} == {"bge-reranker-v2-m3", "mmarco-mminilmv2-l12"}


def test_info_on_a_catalog_entry_and_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "Qwen/Qwen2.5-7B-Instruct", "--vram", "12")
    assert code == 0 and "apache-2.0" in out and "8-bit: 10.6 GB  fits" in out
    code, _, err = run(capsys, "info", "no-such-model")
    assert code == 1 and "neither installed nor in the catalog" in err


def test_import_list_info_remove(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    gguf = make_tiny_gguf(tmp_path / "Tiny-Chat.gguf")
    code, out, _ = run(capsys, "import", str(gguf), "--copy")
    assert code == 0 and 'Imported "tiny-chat"' in out
    code, out, _ = run(capsys, "list")
    assert "tiny-chat" in out and "import" in out
    code, out, _ = run(capsys, "info", "tiny-chat")
    assert "architecture: llama" in out
    code, out, _ = run(capsys, "remove", "tiny-chat")
    assert code == 0 and not (home / "models" / "tiny-chat").exists() and gguf.exists()
    assert "No models installed" in run(capsys, "list")[1]


def test_import_names_what_is_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "half-model"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "llama"}))
    (folder / "pytorch_model.bin").write_bytes(b"pickle")
    code, _, err = run(capsys, "import", str(folder))
    assert code == 1
    assert "no tokenizer found: expected tokenizer.json or tokenizer.model" in err
    assert "pickle files (pytorch_model.bin)" in err


def test_download_from_the_hub_with_progress(
    capsys: pytest.CaptureFixture[str], hub: FakeHub
) -> None:
    code, out, err = run(capsys, "download", "acme/tiny-chat")
    assert code == 0 and 'Installed "acme--tiny-chat"' in out
    assert "model.safetensors" in err and "100%" in err
    assert "acme--tiny-chat" in run(capsys, "list")[1]


def test_download_refused_in_offline_mode(
    capsys: pytest.CaptureFixture[str], hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFOLD_OFFLINE", "1")
    code, _, err = run(capsys, "download", "acme/tiny-chat")
    assert code == 1 and "offline mode" in err and hub.log == []


def test_token_is_kept_in_the_keyring_and_never_printed(
    capsys: pytest.CaptureFixture[str], keyring_store: dict[tuple[str, str], str]
) -> None:
    assert "No token saved" in run(capsys, "token", "status")[1]
    code, out, _ = run(capsys, "token", "set", "hf_abcdefghijklmnop")
    assert code == 0 and keyring_store[("pagefold", "huggingface")] == "hf_abcdefghijklmnop"
    status = run(capsys, "token", "status")[1]
    assert "mnop" in status and "hf_abcdefghijklmnop" not in out + status
    assert "forgotten" in run(capsys, "token", "clear")[1]
    assert "No token was saved" in run(capsys, "token", "clear")[1]


def test_adapters_attach_to_collections(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    import numpy as np
    from safetensors.numpy import save_file

    from app.core.storage.catalog import Catalog

    run(capsys, "import", str(make_tiny_gguf(tmp_path / "base.gguf")))
    adapter = tmp_path / "legal-lora"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(
        json.dumps(
            {
                "peft_type": "LORA",
                "base_model_name_or_path": "base",
                "r": 2,
                "target_modules": ["q_proj"],
            }
        )
    )
    save_file(
        {
            "base_model.model.layers.0.self_attn.q_proj.lora_A.weight": np.zeros(
                (2, 8), dtype=np.float32
            )
        },
        str(adapter / "adapter_model.safetensors"),
    )
    catalog = Catalog(home / "catalog.sqlite3")
    catalog.create_collection("legal", "intfloat/multilingual-e5-small", 256, 32)
    catalog.close()

    code, out, _ = run(capsys, "adapters", "add", str(adapter), "--base", "base")
    assert code == 0 and 'Added adapter "legal-lora"' in out
    assert run(capsys, "adapters", "attach", "legal", "legal-lora")[0] == 0
    listing = run(capsys, "adapters", "list")[1]
    assert "legal-lora" in listing and listing.splitlines()[1].rstrip().endswith("legal")
    assert run(capsys, "adapters", "detach", "legal")[0] == 0
    assert run(capsys, "adapters", "list")[1].splitlines()[1].rstrip().endswith("-")
    code, _, err = run(capsys, "adapters", "attach", "nowhere", "legal-lora")
    assert code == 1 and "No collection" in err
    assert run(capsys, "adapters", "remove", "legal-lora")[0] == 0
    assert "No adapters" in run(capsys, "adapters", "list")[1]
