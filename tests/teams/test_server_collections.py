"""A collection on a real Chroma server: ingest, search and ask (with a fake vLLM) end to end."""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from app.core.chat.events import DoneEvent, SourcesEvent
from app.core.chat.factory import KEYRING_SERVICE, KEYRING_USER, make_backend
from app.core.chat.service import ChatService
from app.core.indexing.events import FileStatus
from app.core.library import Library
from app.core.storage.conversations import ConversationStore
from app.core.storage.remote import backend_of
from tests.teams.chroma_server import ChromaServer
from tests.teams.conftest import on_server
from tests.teams.fake_openai import FakeOpenAI

QUESTION = "What tool do I need to install the telescope mount?"


def _server_count(server: ChromaServer, name: str) -> int:
    client = chromadb.HttpClient(
        host=server.host, port=server.port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    return int(client.get_collection(name, embedding_function=None).count())


def _embedded_names(library: Library) -> set[str]:
    return {c.name for c in library.vectors.client.list_collections()}


def test_vectors_go_to_the_server_and_search_finds_the_page(
    chroma_server: ChromaServer, library: Library, docs: Path
) -> None:
    on_server(library, "team", chroma_server)

    report = library.ingest("team", [docs])

    assert report.count(FileStatus.INDEXED) == 2, report.results
    col = library.collection("team")
    config = backend_of(col.options)
    assert config is not None and config.port == chroma_server.port
    assert _server_count(chroma_server, config.collection) == col.chunk_count > 0
    assert f"pagefold-{col.id}" not in _embedded_names(library)  # nothing stored locally
    assert library.consistency("team") == {
        "catalog_chunks": col.chunk_count,
        "vectors": col.chunk_count,
        "orphan_vectors": 0,
        "missing_vectors": 0,
    }
    hits = library.search("team", QUESTION, k=3)
    assert hits[0].title == "guide" and hits[0].page == 2
    assert "13 mm hex key" in hits[0].text


def test_server_and_embedded_collections_are_searched_together(
    chroma_server: ChromaServer, library: Library, docs: Path, tmp_path: Path
) -> None:
    on_server(library, "team", chroma_server)
    library.ingest("team", [docs / "guide.pdf"])
    local = tmp_path / "local.md"
    local.write_text("The telescope mount ships with a spare hex key in the box.\n", "utf-8")
    library.ingest("mine", [local])

    hits = library.search(["team", "mine"], QUESTION, k=4)

    assert {h.collection for h in hits} == {"team", "mine"}
    assert backend_of(library.collection("mine").options) is None


def test_ask_answers_from_server_passages_through_an_openai_compatible_server(
    chroma_server: ChromaServer,
    library: Library,
    docs: Path,
    fake_openai: FakeOpenAI,
    keyring_store: dict[tuple[str, str], str],
) -> None:
    on_server(library, "team", chroma_server)
    library.ingest("team", [docs])
    fake_openai.api_key = "sk-team"
    keyring_store[(KEYRING_SERVICE, KEYRING_USER)] = "sk-team"
    network = library.settings.network
    network.use_remote, network.remote_base_url = True, fake_openai.url
    network.remote_model = fake_openai.model
    backend = make_backend(library.settings)
    store = ConversationStore(library.layout.conversations_db)
    service = ChatService(library, store, backend)

    events = list(service.ask(QUESTION, ["team"]))

    done = events[-1]
    assert isinstance(done, DoneEvent), done
    sources = next(e for e in events if isinstance(e, SourcesEvent)).passages
    assert "13 mm hex key" in sources[0].text and sources[0].page == 2
    assert "13 mm hex key" in done.answer.text and done.answer.cited == [1]
    assert done.answer.cited_sources[0].title == "guide"
    chat = [r for r in fake_openai.requests if r["path"] == "/v1/chat/completions"]
    assert chat and chat[-1]["auth"] == "Bearer sk-team"
    assert chat[-1]["body"]["stream"] is True
    assert chat[-1]["body"]["model"] == "Qwen/Qwen2.5-7B-Instruct"
    store.close()
