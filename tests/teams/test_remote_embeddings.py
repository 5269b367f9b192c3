"""Embeddings from an OpenAI-compatible server, with vectors stored on a Chroma server."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.embeddings.factory import load_embeddings
from app.core.embeddings.remote import KEYRING_SERVICE, parse_name
from app.core.errors import ModelError
from app.core.indexing.events import FileStatus
from app.core.library import Library
from tests.teams.chroma_server import ChromaServer
from tests.teams.conftest import server_config
from tests.teams.fake_openai import EMBEDDING_DIM, FakeOpenAI


def test_a_collection_embedded_and_stored_remotely_finds_the_page(
    chroma_server: ChromaServer,
    library: Library,
    docs: Path,
    fake_openai: FakeOpenAI,
    keyring_store: dict[tuple[str, str], str],
) -> None:
    fake_openai.api_key = "sk-embed"
    keyring_store[(KEYRING_SERVICE, fake_openai.url)] = "sk-embed"
    model = f"openai:{fake_openai.embedding_model}@{fake_openai.url}"
    library.create_collection("team", embedding_model=model)
    library.move_collection("team", server_config(chroma_server))

    report = library.ingest("team", [docs])

    assert report.count(FileStatus.INDEXED) == 2, report.results
    col = library.collection("team")
    assert col.embedding_model == model and col.embedding_dim == EMBEDDING_DIM
    hits = library.search("team", "telescope mount hex key", k=2)
    assert hits[0].page == 2 and "13 mm hex key" in hits[0].text
    calls = [r for r in fake_openai.requests if r["path"] == "/v1/embeddings"]
    assert calls and {r["auth"] for r in calls} == {"Bearer sk-embed"}
    assert all(r["body"]["model"] == "fake-embed" for r in calls)


def test_a_refused_key_is_reported_in_words(fake_openai: FakeOpenAI) -> None:
    fake_openai.api_key = "the-right-key"

    with pytest.raises(ModelError, match="refused the API key"):
        load_embeddings(f"openai:fake-embed@{fake_openai.url}")


def test_remote_model_names_are_checked() -> None:
    assert parse_name("openai:BAAI/bge-m3@http://gpu-box:8001/v1/") == (
        "BAAI/bge-m3",
        "http://gpu-box:8001/v1",
    )
    with pytest.raises(ModelError, match="openai:MODEL@http://HOST:PORT/v1"):
        parse_name("openai:bge-m3")
