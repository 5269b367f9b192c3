"""The Chroma server goes away mid-ingest and comes back: clear error, nothing lost, resumable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.chat.events import ErrorEvent
from app.core.chat.service import ChatService
from app.core.config import Settings
from app.core.indexing.events import FileStatus, IngestProgress
from app.core.library import Library
from app.core.storage.catalog import DocStatus, DocumentRecord
from app.core.storage.conversations import ConversationStore
from app.core.storage.remote import VectorServerUnreachable
from tests.teams.chroma_server import ChromaServer
from tests.teams.conftest import server_config

TOPICS = ["harbor", "lighthouse", "ferry", "orchard", "glacier", "library", "market", "bridge"]


def _long_text(words: str) -> str:
    """About 45 passages at 64 tokens each: several embedding batches of 32."""
    lines = [
        f"Paragraph {i} tells how the {TOPICS[i % len(TOPICS)]} keeper counted {i * 7} {words} "
        f"before the {TOPICS[(i * 3) % len(TOPICS)]} bell rang at {i % 12 + 1} o'clock sharp."
        for i in range(150)
    ]
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-small.md").write_text("The harbor opens at dawn every day.\n", "utf-8")
    (folder / "b-long.md").write_text(_long_text("seagulls"), "utf-8")
    return folder


@pytest.fixture
def team(library: Library, own_chroma_server: ChromaServer) -> Library:
    library.create_collection("team", chunk_tokens=64, chunk_overlap=8)
    library.move_collection("team", server_config(own_chroma_server))
    return library


def _doc(library: Library, name: str) -> DocumentRecord:
    return next(d for d in library.documents("team") if Path(d.path).name == name)


def test_server_gone_mid_ingest_then_back_the_ingest_resumes(
    team: Library, own_chroma_server: ChromaServer, files: Path
) -> None:
    server = own_chroma_server

    def kill_after_first_batch_of_long_file(p: IngestProgress) -> None:
        if p.current == "b-long.md" and p.current_fraction > 0 and server.running:
            server.kill()

    with pytest.raises(VectorServerUnreachable) as caught:
        team.ingest("team", [files], progress=kill_after_first_batch_of_long_file)

    message = str(caught.value)
    assert f"The Chroma server at 127.0.0.1:{server.port} is not reachable" in message
    assert "run the same ingest again" in message
    assert _doc(team, "a-small.md").status == DocStatus.INDEXED  # finished work is kept
    parked = _doc(team, "b-long.md")
    assert parked.status == DocStatus.PENDING and "not reachable" in parked.error
    assert not team.catalog.documents_in_state(DocStatus.INDEXING)
    assert team.catalog.integrity_ok()
    with pytest.raises(VectorServerUnreachable):  # search says why, no traceback
        team.search("team", "When does the harbor open?")

    server.start()  # same data, same port
    assert "dawn" in team.search("team", "When does the harbor open?", k=1)[0].text
    assert team.consistency("team")["orphan_vectors"] > 0  # it did stop mid-document
    report = team.ingest("team", [files])

    assert [r.status for r in sorted(report.results, key=lambda r: r.path)] == [
        FileStatus.UNCHANGED,
        FileStatus.INDEXED,
    ]
    long_doc = _doc(team, "b-long.md")
    assert long_doc.status == DocStatus.INDEXED and long_doc.chunks > 32
    check = team.consistency("team")
    assert check["orphan_vectors"] == check["missing_vectors"] == 0
    assert check["vectors"] == check["catalog_chunks"] == long_doc.chunks + 1
    hit = team.search("team", "how many seagulls did the ferry keeper count", k=1)[0]
    assert "seagulls" in hit.text


def test_a_restarted_app_works_while_the_server_is_down(
    team: Library, own_chroma_server: ChromaServer, files: Path, settings: Settings
) -> None:
    team.ingest("team", [files / "a-small.md"])
    team.ingest("mine", [files / "a-small.md"])
    own_chroma_server.kill()
    team.close()

    reopened = Library(settings)  # the app starts again while the server is still down
    try:
        names = [c.name for c in reopened.collections()]
        assert names == ["mine", "team"]
        assert "dawn" in reopened.search("mine", "When does the harbor open?", k=1)[0].text
        store = ConversationStore(reopened.layout.conversations_db)
        events = list(
            ChatService(reopened, store, None).ask("When does the harbor open?", ["team"])
        )
        store.close()
        assert isinstance(events[-1], ErrorEvent) and "is not reachable" in events[-1].message
        with pytest.raises(VectorServerUnreachable, match="is not reachable"):
            reopened.ingest("team", [files / "b-long.md"])
        # Refused before anything is written (the vector count is checked first), or left
        # pending: never shown as indexed without its vectors.
        long_docs = [d for d in reopened.documents("team") if Path(d.path).name == "b-long.md"]
        assert all(d.status == DocStatus.PENDING for d in long_docs)
        own_chroma_server.start()
        report = reopened.ingest("team", [files / "b-long.md"])
        assert report.count(FileStatus.INDEXED) == 1
        assert reopened.consistency("team")["orphan_vectors"] == 0
    finally:
        reopened.close()
