"""``pagefold serve``: searches answered by a resident process over a local socket.

Why: a new process pays for Python, Kiwi's Korean model and the embedding engine before its
first search (about 1 s for English and 3 s for Korean on an idle 2-core machine, several times
that on a loaded one); a script that runs many searches pays that every time. A process that
keeps them loaded answers in the time of the search itself. ``pagefold search`` asks the socket
first and falls back to searching itself when nothing answers, so the output never depends on
whether a server runs.

The socket is ``<data folder>/search.sock``, readable and writable by its owner only (0600),
so only the user's own processes can ask. One request per connection: a JSON object on one
line, answered by one JSON line: ``{"passages": [...]}`` (``Passage.to_json``) or
``{"error": "message"}``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import socketserver
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError
from app.core.storage.passage import Passage

if TYPE_CHECKING:
    from app.core.library import Library

log = logging.getLogger(__name__)

SOCKET_NAME = "search.sock"
CONNECT_TIMEOUT_S = 0.5
ANSWER_TIMEOUT_S = 120.0
_LIMIT = 1 << 20  # a request is a question and a few names: a megabyte is plenty


def socket_path(data_dir: Path) -> Path:
    return data_dir / SOCKET_NAME


# -- the client (imports nothing heavy: it runs before anything else in `pagefold search`) --


def search_via_socket(
    data_dir: Path,
    collections: Sequence[str],
    query: str,
    k: int | None = None,
    document_ids: Sequence[int] | None = None,
    tags: Sequence[str] | None = None,
) -> list[Passage] | None:
    """The server's answer, or None when no server listens there (search in this process).

    A search the server refuses (no such collection, an empty question) raises the same
    ``PagefoldError`` message the search would have raised here."""
    path = socket_path(data_dir)
    if not path.exists():
        return None
    request = {
        "collections": list(collections),
        "query": query,
        "k": k,
        "document_ids": list(document_ids) if document_ids else None,
        "tags": list(tags) if tags else None,
    }
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(CONNECT_TIMEOUT_S)
            conn.connect(str(path))
            conn.settimeout(ANSWER_TIMEOUT_S)
            conn.sendall(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            answer = _read_line(conn)
    except OSError:  # a stale socket file, a server that stopped: search here instead
        return None
    reply = json.loads(answer)
    if "error" in reply:
        raise PagefoldError(str(reply["error"]))
    return [Passage(**p) for p in reply["passages"]]


def _read_line(conn: socket.socket) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            break
    return b"".join(chunks)


# -- the server ---------------------------------------------------------------------------


class _Handler(socketserver.StreamRequestHandler):
    server: SearchServer

    def handle(self) -> None:
        line = self.rfile.readline(_LIMIT)
        try:
            reply: dict[str, Any] = {"passages": self.server.answer(json.loads(line))}
        except PagefoldError as exc:
            reply = {"error": str(exc)}
        except (ValueError, TypeError, KeyError) as exc:
            reply = {"error": f"Not a search request: {exc}"}
        except Exception as exc:  # the server keeps serving; the log has the traceback
            log.exception("search over the socket failed")
            reply = {"error": f"The search failed: {exc}"}
        self.wfile.write(json.dumps(reply, ensure_ascii=False).encode() + b"\n")


class SearchServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Answers searches for one library until ``shutdown``; removes its socket file on close."""

    daemon_threads = True

    def __init__(self, library: Library, data_dir: Path) -> None:
        self.library = library
        self.path = socket_path(data_dir)
        _claim(self.path)
        old_umask = os.umask(0o177)  # the socket is created 0600: only this user may connect
        try:
            super().__init__(str(self.path), _Handler)
        finally:
            os.umask(old_umask)
        os.chmod(self.path, 0o600)

    def answer(self, request: dict[str, Any]) -> list[dict[str, Any]]:
        passages = self.library.search(
            [str(name) for name in request["collections"]],
            str(request["query"]),
            k=int(request["k"]) if request.get("k") else None,
            document_ids=[int(d) for d in request["document_ids"]]
            if request.get("document_ids")
            else None,
            tags=[str(t) for t in request["tags"]] if request.get("tags") else None,
        )
        return [p.to_json() for p in passages]

    def warm_up(self) -> None:
        """Load Kiwi, the question embedder and every collection's BM25 index now, so the
        first search is as fast as the rest."""
        from app.core.retrieval.tokenize import lexical_tokens

        lexical_tokens("한국어 검색 준비")
        for col in self.library.collections():
            with contextlib.suppress(PagefoldError):
                self.library.search(col.name, "warm up", k=1)

    def server_close(self) -> None:
        super().server_close()
        with contextlib.suppress(OSError):
            self.path.unlink()


def _claim(path: Path) -> None:
    """Remove a socket file left by a server that died; refuse if one still answers."""
    if not path.exists():
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(CONNECT_TIMEOUT_S)
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink()
            return
    raise PagefoldError(f"Another pagefold serve already answers on {path}. Stop it first.")
