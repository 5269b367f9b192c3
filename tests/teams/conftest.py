"""Fixtures for the team set-up: a real Chroma server, a fake vLLM, an in-memory keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.library import Library
from app.core.storage.remote import ServerConfig
from tests.core.documents.pdfmaker import make_pdf
from tests.core.models.hubfake import install_memory_keyring
from tests.teams.chroma_server import ChromaServer
from tests.teams.fake_openai import FakeOpenAI, serve_fake_openai

GUIDE_PAGES = [
    "Pagefold user guide. This page introduces the application and its goals.",
    "Installing the telescope mount requires a 13 mm hex key and two people.",
    "The warranty covers the motor drive for five years from the date of purchase.",
]
NOTES = "# Notes\n\nThe cafeteria opens at 11:30 on weekdays. Lunch is served until 14:00.\n"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    """One server per test module (start-up costs a few seconds)."""
    server = ChromaServer(tmp_path_factory.mktemp("chroma") / "db").start()
    yield server
    server.stop()


@pytest.fixture
def own_chroma_server(tmp_path: Path) -> Iterator[ChromaServer]:
    """A server a test may kill and restart."""
    server = ChromaServer(tmp_path / "chroma-db").start()
    yield server
    server.stop()


@pytest.fixture
def keyring_store(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    return install_memory_keyring(monkeypatch)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with serve_fake_openai() as state:
        yield state


def server_config(server: ChromaServer, **kwargs: object) -> ServerConfig:
    return ServerConfig(host=server.host, port=server.port, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    make_pdf(folder / "guide.pdf", GUIDE_PAGES)
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    return folder


def on_server(library: Library, name: str, server: ChromaServer) -> Library:
    """Create ``name`` empty and move it to ``server`` (how a collection is put on a server)."""
    library.create_collection(name)
    library.move_collection(name, server_config(server))
    return library
