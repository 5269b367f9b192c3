"""Downloads against a local imitation of the Hugging Face Hub: no real network is used."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.errors import CancelledError, ModelError
from app.core.models.catalog import CatalogEntry, default_files
from app.core.models.download import STAGING, Downloader, DownloadProgress
from app.core.models.registry import DiskSpaceError, ModelRegistry
from app.core.secrets import set_token
from app.core.storage.layout import DataLayout
from tests.core.models.hubfake import (
    FakeHub,
    allow_hub_requests,
    install_memory_keyring,
    running_hub,
)
from tests.core.models.modelfiles import make_tiny_gguf, model_repo_files

REPO = "acme/tiny-chat"
WEIGHTS = "model.safetensors"


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    from huggingface_hub import constants

    allow_hub_requests(monkeypatch)
    install_memory_keyring(monkeypatch)
    monkeypatch.setattr(constants, "DOWNLOAD_CHUNK_SIZE", 32 * 1024)  # several progress steps
    with running_hub() as fake:
        fake.add_repo(REPO, model_repo_files())
        yield fake


@pytest.fixture
def registry(data_dir: Path) -> ModelRegistry:
    return ModelRegistry(DataLayout(data_dir).ensure())


def entry(repo: str = REPO, gguf_file: str | None = None) -> CatalogEntry:
    return CatalogEntry(
        id="tiny-chat",
        name="Tiny Chat",
        kind="llm",
        repo_id=repo,
        revision="main",
        files=[gguf_file] if gguf_file else default_files("llm"),
        gguf_file=gguf_file,
        size_bytes=400_000,
        context_length=512,
        license="apache-2.0",
        license_url="",
        commercial_use=True,
        languages=["en"],
        params_b=0.0001,
        vram_gb={"bf16": 1.0},
    )


def downloader(registry: ModelRegistry, hub: FakeHub, **kwargs: object) -> Downloader:
    return Downloader(registry, endpoint=hub.endpoint, progress_interval=0.0, **kwargs)  # type: ignore[arg-type]


def staging_of(registry: ModelRegistry) -> Path:
    return registry.models_dir / STAGING / "tiny-chat"


def test_download_reports_progress_and_installs_only_safe_files(
    hub: FakeHub, registry: ModelRegistry
) -> None:
    events: list[DownloadProgress] = []
    model = downloader(registry, hub).download(entry(), progress=events.append)

    files = model_repo_files()
    total = sum(len(files[n]) for n in ("config.json", "tokenizer.json", WEIGHTS))
    assert sorted(p.name for p in model.path.iterdir()) == [
        "config.json",
        "model.safetensors",
        "tokenizer.json",
    ]
    assert (model.path / WEIGHTS).read_bytes() == files[WEIGHTS]
    fetched = {r.path.rsplit("/", 1)[-1] for r in hub.requests("resolve")}
    assert fetched == {"config.json", "tokenizer.json", WEIGHTS}  # no .bin, no onnx/, no README
    done = [e.bytes_done for e in events]
    assert done == sorted(done) and events[-1].bytes_done == events[-1].bytes_total == total
    assert events[-1].phase == "done" and events[-1].files_done == events[-1].files_total == 3
    assert any(e.speed_bps > 0 and e.eta_s is not None for e in events if e.phase == "downloading")
    assert {e.file for e in events} >= {"config.json", WEIGHTS}
    assert registry.get("tiny-chat").revision == hub.repos[REPO].commit
    assert model.source == "download" and model.catalog_id == "tiny-chat"
    assert not staging_of(registry).exists()


def test_installed_model_is_returned_without_network(hub: FakeHub, registry: ModelRegistry) -> None:
    first = downloader(registry, hub).download(entry())
    requests = len(hub.log)
    again = downloader(registry, hub).download(entry())
    assert again.id == first.id and len(hub.log) == requests


def test_namesake_import_does_not_block_a_download(
    hub: FakeHub, registry: ModelRegistry, tmp_path: Path
) -> None:
    from app.core.models.importer import import_model

    import_model(make_tiny_gguf(tmp_path / "tiny-chat.gguf"), registry)
    model = downloader(registry, hub).download(entry())
    assert model.id == "tiny-chat-2" and model.repo_id == REPO
    assert {m.id for m in registry.installed()} == {"tiny-chat", "tiny-chat-2"}


def test_interrupted_download_resumes_where_it_stopped(
    hub: FakeHub, registry: ModelRegistry
) -> None:
    size = len(model_repo_files()[WEIGHTS])
    hub.drop_after[WEIGHTS] = 150_000
    hub.outage_after_drop = True  # the retry inside the same run fails too: a real interruption
    with pytest.raises(ModelError, match=r"interrupted.*resume"):
        downloader(registry, hub).download(entry())
    assert registry.installed() == []
    kept = (staging_of(registry) / (WEIGHTS + ".part")).stat().st_size
    assert 0 < kept <= 150_000  # whole chunks received before the cut
    config_size = len(model_repo_files()["config.json"])
    assert downloader(registry, hub).partial_bytes("tiny-chat") == kept + config_size

    hub.outage, hub.outage_after_drop = False, False
    model = downloader(registry, hub).download(entry())

    last = hub.served(WEIGHTS)[-1]
    assert last.range == f"bytes={kept}-" and last.status == 206
    assert last.bytes_sent == size - kept
    assert len([r for r in hub.served("config.json") if r.status == 200]) == 1  # kept, verified
    data = (model.path / WEIGHTS).read_bytes()
    assert hashlib.sha256(data).digest() == hashlib.sha256(model_repo_files()[WEIGHTS]).digest()


def test_dropped_connection_is_resumed_within_the_same_run(
    hub: FakeHub, registry: ModelRegistry
) -> None:
    hub.drop_after[WEIGHTS] = 70_000
    model = downloader(registry, hub).download(entry())
    ranges = [r.range for r in hub.served(WEIGHTS)]
    assert ranges[0] is None and len(ranges) == 2
    assert ranges[1] is not None and 0 < int(ranges[1][6:].rstrip("-")) <= 70_000
    assert (model.path / WEIGHTS).read_bytes() == model_repo_files()[WEIGHTS]


def test_corrupted_file_is_caught_by_its_hash(hub: FakeHub, registry: ModelRegistry) -> None:
    hub.corrupt.add(WEIGHTS)
    with pytest.raises(ModelError, match="integrity check"):
        downloader(registry, hub).download(entry())
    assert registry.installed() == []
    assert not (registry.models_dir / "tiny-chat").exists()
    leftovers = [p.name for p in staging_of(registry).rglob("*")]
    assert WEIGHTS not in leftovers and WEIGHTS + ".part" not in leftovers


def test_cancel_leaves_nothing_half_installed(hub: FakeHub, registry: ModelRegistry) -> None:
    token = CancelToken()

    def on_progress(event: DownloadProgress) -> None:
        if event.file == WEIGHTS and event.bytes_done > 40_000:
            token.cancel()

    with pytest.raises(CancelledError, match="nothing was installed"):
        downloader(registry, hub).download(entry(), progress=on_progress, cancel=token)
    assert registry.installed() == []
    assert not staging_of(registry).exists()
    assert not (registry.models_dir / "tiny-chat").exists()
    assert hub.served(WEIGHTS)[-1].bytes_sent > 0  # it was really cut mid-file


def test_cancel_before_the_first_byte(hub: FakeHub, registry: ModelRegistry) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        downloader(registry, hub).download(entry(), cancel=token)
    assert not staging_of(registry).exists() and hub.requests("resolve") == []


def test_full_disk_is_refused_before_any_file_is_fetched(
    hub: FakeHub, registry: ModelRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(DiskSpaceError, match="Not enough free disk space"):
        downloader(registry, hub).download(entry())
    assert hub.requests("resolve") == []


def test_offline_setting_refuses_without_any_request(hub: FakeHub, registry: ModelRegistry) -> None:
    with pytest.raises(ModelError, match="offline mode"):
        downloader(registry, hub, offline=True).download(entry())
    assert hub.log == []


def test_downloads_work_while_model_loading_stays_offline(
    hub: FakeHub, registry: ModelRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedder sets HF_HUB_OFFLINE=1 process-wide; a user's download must still work."""
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import OfflineModeIsEnabled

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    model = downloader(registry, hub).download(entry())
    assert (model.path / WEIGHTS).exists()
    requests = len(hub.log)
    with pytest.raises(OfflineModeIsEnabled):  # outside a download the hub stays shut
        HfApi(endpoint=hub.endpoint).model_info(REPO)
    assert len(hub.log) == requests


def test_gated_repo_needs_the_keyring_token_which_never_lands_in_a_file(
    hub: FakeHub, registry: ModelRegistry, data_dir: Path
) -> None:
    hub.add_repo("acme/gated", model_repo_files(), gated_token="hf_sekrit_token_123")
    with pytest.raises(ModelError, match=r"gated.*token set"):
        downloader(registry, hub).download(entry("acme/gated"))

    set_token("hf_sekrit_token_123")
    model = downloader(registry, hub).download(entry("acme/gated"))

    assert model.repo_id == "acme/gated"
    auth = {r.authorization for r in hub.served(WEIGHTS) if r.status == 200}
    assert auth == {"Bearer hf_sekrit_token_123"}
    for file in data_dir.rglob("*"):
        if file.is_file():
            assert b"hf_sekrit_token_123" not in file.read_bytes(), file


def test_no_token_is_sent_when_none_is_saved(hub: FakeHub, registry: ModelRegistry) -> None:
    downloader(registry, hub).download(entry())
    assert {r.authorization for r in hub.log} == {None}


def test_repo_with_only_pickle_weights_is_refused(hub: FakeHub, registry: ModelRegistry) -> None:
    files = model_repo_files()
    del files[WEIGHTS]
    hub.add_repo("acme/pickled", files)
    with pytest.raises(ModelError, match=r"no safetensors weights.*pytorch_model\.bin"):
        downloader(registry, hub).download(entry("acme/pickled"))
    assert hub.requests("resolve") == []


def test_gguf_entry_fetches_only_its_file(
    hub: FakeHub, registry: ModelRegistry, tmp_path: Path
) -> None:
    small = make_tiny_gguf(tmp_path / "a.gguf").read_bytes()
    hub.add_repo(
        "acme/tiny-gguf", {"tiny-q4.gguf": small, "tiny-q8.gguf": small + b"", "README.md": b"card"}
    )
    model = downloader(registry, hub).download(entry("acme/tiny-gguf", "tiny-q4.gguf"))
    assert model.gguf_file == "tiny-q4.gguf" and model.weights_path.is_file()
    assert model.architecture == "llama" and model.context_length == 256  # from the file
    assert [r.path.rsplit("/", 1)[-1] for r in hub.requests("resolve")] == ["tiny-q4.gguf"]


def test_missing_gguf_file_is_named(hub: FakeHub, registry: ModelRegistry) -> None:
    with pytest.raises(ModelError, match=r"nope\.gguf is not in acme/tiny-chat"):
        downloader(registry, hub).download(entry(REPO, "nope.gguf"))


def test_unknown_repo_message(hub: FakeHub, registry: ModelRegistry) -> None:
    with pytest.raises(ModelError, match="acme/missing was not found"):
        downloader(registry, hub).download("acme/missing")


def test_plain_repo_id_downloads_with_default_patterns(
    hub: FakeHub, registry: ModelRegistry
) -> None:
    model = downloader(registry, hub).download(REPO)
    assert model.id == "acme--tiny-chat" and model.catalog_id is None
    assert model.kind == "llm" and (model.path / WEIGHTS).exists()
