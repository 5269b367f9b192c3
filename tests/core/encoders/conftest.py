"""Tiny encoders built once per session, and a fake Hugging Face Hub serving them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.encoders.tinyencoders import make_cross_encoder, make_embedder
from tests.core.models.hubfake import (
    FakeHub,
    allow_hub_requests,
    install_memory_keyring,
    running_hub,
)

#: The catalog's repositories the fake hub stands in for.
RERANKER_REPO = "cross-encoder/mmarco-mMiniLMv2-L12-H384-v1"
EMBEDDER_REPO = "intfloat/multilingual-e5-base"


@pytest.fixture(autouse=True)
def _no_reranker_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFOLD_RERANKER", raising=False)


@pytest.fixture(scope="session")
def cross_encoder_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return make_cross_encoder(tmp_path_factory.mktemp("tiny-reranker"))


@pytest.fixture(scope="session")
def embedder_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return make_embedder(tmp_path_factory.mktemp("tiny-embedder"))


@pytest.fixture
def hub(
    monkeypatch: pytest.MonkeyPatch,
    cross_encoder_files: dict[str, bytes],
    embedder_files: dict[str, bytes],
) -> Iterator[FakeHub]:
    install_memory_keyring(monkeypatch)
    allow_hub_requests(monkeypatch)
    with running_hub() as fake:
        fake.add_repo(RERANKER_REPO, cross_encoder_files)
        fake.add_repo(EMBEDDER_REPO, embedder_files)
        monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
        yield fake


@pytest.fixture
def home() -> Path:
    import os

    return Path(os.environ["PAGEFOLD_HOME"])
