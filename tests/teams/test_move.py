"""`collections move` between the embedded store and a real Chroma server, verified."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.core.library import Library
from app.core.storage.move import MoveVerificationError
from app.core.storage.remote import (
    KEYRING_SERVICE,
    ServerConfig,
    ServerVectorStore,
    VectorServerRefused,
    VectorServerUnreachable,
    backend_of,
    save_token,
)
from tests.teams.chroma_server import ChromaServer, free_port
from tests.teams.conftest import server_config
from tests.teams.token_proxy import token_proxy

QUESTION = "How long does the warranty cover the motor drive?"


def _server_names(library: Library, server: ChromaServer) -> set[str]:
    store = library.stores.open(server_config(server))
    return {c.name for c in store.client.list_collections()}


def _embedded_names(library: Library) -> set[str]:
    return {c.name for c in library.vectors.client.list_collections()}


def _ranked(library: Library, name: str) -> list[str]:
    return [p.chunk_id for p in library.search(name, QUESTION, k=4)]


def test_move_to_a_server_and_back_keeps_every_vector_and_the_results(
    chroma_server: ChromaServer, library: Library, docs: Path
) -> None:
    library.ingest("handbook", [docs])
    col = library.collection("handbook")
    before = _ranked(library, "handbook")
    steps: list[tuple[int, int]] = []

    there = library.move_collection(
        "handbook", server_config(chroma_server), progress=lambda d, t: steps.append((d, t))
    )

    config = backend_of(library.collection("handbook").options)
    assert config is not None and config.collection in _server_names(library, chroma_server)
    assert there.verified and there.source_removed
    assert there.vectors == col.chunk_count and there.sampled == col.chunk_count
    assert steps[-1] == (col.chunk_count, col.chunk_count)
    assert f"pagefold-{col.id}" not in _embedded_names(library)  # the source copy is gone
    assert library.consistency("handbook")["vectors"] == col.chunk_count
    assert _ranked(library, "handbook") == before

    back = library.move_collection("handbook", "embedded")

    assert back.verified and back.vectors == col.chunk_count
    assert backend_of(library.collection("handbook").options) is None
    assert config.collection not in _server_names(library, chroma_server)
    assert library.consistency("handbook")["missing_vectors"] == 0
    assert _ranked(library, "handbook") == before


def test_a_copy_that_differs_is_refused_and_nothing_changes(
    chroma_server: ChromaServer, library: Library, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.ingest("handbook", [docs])
    before = _ranked(library, "handbook")
    names_before = _server_names(library, chroma_server)
    real_upsert = ServerVectorStore.upsert

    def corrupting_upsert(
        self: ServerVectorStore, cid: int, ids: Any, vectors: Any, meta: Any
    ) -> None:
        vectors = [list(v) for v in vectors]
        vectors[0][0] += 0.25  # one number of one vector damaged on the way
        real_upsert(self, cid, ids, vectors, meta)

    monkeypatch.setattr(ServerVectorStore, "upsert", corrupting_upsert)

    with pytest.raises(MoveVerificationError, match=r"the vector of .* differs"):
        library.move_collection("handbook", server_config(chroma_server))

    assert backend_of(library.collection("handbook").options) is None
    assert _server_names(library, chroma_server) == names_before  # the bad copy was removed
    assert library.consistency("handbook")["missing_vectors"] == 0
    assert _ranked(library, "handbook") == before


def test_moving_to_a_server_that_is_not_there_changes_nothing(library: Library, docs: Path) -> None:
    library.ingest("handbook", [docs])
    port = free_port()

    with pytest.raises(VectorServerUnreachable, match=f"127.0.0.1:{port} is not reachable"):
        library.move_collection("handbook", ServerConfig(host="127.0.0.1", port=port))

    assert backend_of(library.collection("handbook").options) is None
    assert library.search("handbook", QUESTION, k=1)[0].page == 3


def test_the_token_comes_from_the_keyring_and_is_never_written_to_disk(
    chroma_server: ChromaServer,
    library: Library,
    docs: Path,
    keyring_store: dict[tuple[str, str], str],
) -> None:
    library.ingest("handbook", [docs])
    with token_proxy(chroma_server.url, token="s3cret-team-token") as (port, seen):
        ref = save_token("127.0.0.1", port, "s3cret-team-token")
        config = ServerConfig(host="127.0.0.1", port=port, token_ref=ref)

        library.move_collection("handbook", config)

        assert keyring_store[(KEYRING_SERVICE, f"127.0.0.1:{port}")] == "s3cret-team-token"
        assert seen and set(seen) == {"Bearer s3cret-team-token"}
        assert library.search("handbook", QUESTION, k=1)[0].page == 3
        options = library.collection("handbook").options
        assert options["vector_backend"]["token_ref"] == f"127.0.0.1:{port}"
        for path in library.layout.root.rglob("*"):
            if path.is_file():
                assert b"s3cret-team-token" not in path.read_bytes(), path

        keyring_store[(KEYRING_SERVICE, f"127.0.0.1:{port}")] = "an-old-token"
        reopened = Library(library.settings)
        try:
            with pytest.raises(VectorServerRefused, match="refused the access token"):
                reopened.search("handbook", QUESTION)
        finally:
            reopened.close()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["collections", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_moves_a_collection_and_shows_its_backend(
    chroma_server: ChromaServer,
    library: Library,
    docs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    keyring_store: dict[tuple[str, str], str],
) -> None:
    monkeypatch.setenv("PAGEFOLD_HOME", str(library.layout.root))
    monkeypatch.setenv("PAGEFOLD_EMBEDDING_MODEL", library.settings.retrieval.embedding_model)
    library.ingest("handbook", [docs])
    chunks = library.collection("handbook").chunk_count
    library.close()
    host, port = chroma_server.host, str(chroma_server.port)

    code, _, err = _cli(capsys, "move", "handbook", "--to", "server")
    assert code == 1 and "needs --host" in err
    code, _, err = _cli(
        capsys,
        "move",
        "handbook",
        "--to",
        "server",
        "--host",
        host,
        "--port",
        port,
        "--token-from-keyring",
    )
    assert code == 1 and f"python -m keyring set pagefold-chroma {host}:{port}" in err

    code, out, err = _cli(
        capsys, "move", "handbook", "--to", "server", "--host", host, "--port", port
    )
    assert code == 0, err
    assert f"({chunks} vectors)" in out and "verified" in out
    code, out, _ = _cli(capsys, "backend", "handbook", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["kind"] == "server" and shown["port"] == chroma_server.port
    code, out, _ = _cli(capsys, "backend", "handbook")
    assert f"Chroma server http://{host}:{port}" in out

    code, out, err = _cli(capsys, "move", "handbook", "--to", "embedded")
    assert code == 0, err
    code, out, _ = _cli(capsys, "backend", "handbook")
    assert "embedded" in out
    code, _, err = _cli(capsys, "move", "handbook", "--to", "embedded")
    assert code == 1 and "already in the embedded store" in err


def test_cli_saves_the_token_it_is_given_and_moves_through_an_auth_proxy(
    chroma_server: ChromaServer,
    library: Library,
    docs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    keyring_store: dict[tuple[str, str], str],
) -> None:
    monkeypatch.setenv("PAGEFOLD_HOME", str(library.layout.root))
    monkeypatch.setenv("PAGEFOLD_EMBEDDING_MODEL", library.settings.retrieval.embedding_model)
    library.ingest("handbook", [docs])
    library.close()
    with token_proxy(chroma_server.url, token="t0ken-from-stdin") as (port, seen):
        monkeypatch.setattr("sys.stdin", io.StringIO("t0ken-from-stdin\n"))

        code, out, err = _cli(
            capsys,
            "move",
            "handbook",
            "--to",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--save-token",
        )

        assert code == 0, err
        assert keyring_store[(KEYRING_SERVICE, f"127.0.0.1:{port}")] == "t0ken-from-stdin"
        assert seen and set(seen) == {"Bearer t0ken-from-stdin"}
        code, out, _ = _cli(capsys, "backend", "handbook")
        assert "token from the system keyring" in out
