"""A local imitation of the Hugging Face Hub's download endpoints, on 127.0.0.1.

It serves what ``huggingface_hub`` asks for: ``/api/models/{repo}/revision/{rev}`` (file list with
sizes, git blob ids and LFS sha256) and ``/{repo}/resolve/{rev}/{file}`` (bytes, HEAD metadata,
Range requests). Faults are switched on per test: a connection cut mid-file, an outage after it,
a corrupted file, a gated repo. Every request is logged with its Range header.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import pytest

LFS_SUFFIXES = (".safetensors", ".gguf", ".bin")


@dataclass
class Logged:
    method: str
    path: str
    range: str | None
    authorization: str | None
    status: int = 0
    bytes_sent: int = 0


@dataclass
class FakeRepo:
    repo_id: str
    files: dict[str, bytes]
    commit: str
    gated_token: str | None = None

    def sibling(self, name: str) -> dict[str, object]:
        data = self.files[name]
        entry: dict[str, object] = {
            "rfilename": name,
            "size": len(data),
            "blobId": git_blob_sha1(data),
        }
        if name.endswith(LFS_SUFFIXES):
            entry["lfs"] = {
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "pointerSize": 134,
            }
        return entry


@dataclass
class FakeHub:
    """State shared with the request handler; tests change the fault switches between runs."""

    repos: dict[str, FakeRepo] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    drop_after: dict[str, int] = field(default_factory=dict)  # file -> bytes before the cut
    outage: bool = False  # every request fails with 503 (switched on after a cut, if asked)
    outage_after_drop: bool = False
    corrupt: set[str] = field(default_factory=set)
    endpoint: str = ""

    def add_repo(
        self,
        repo_id: str,
        files: dict[str, bytes],
        gated_token: str | None = None,
    ) -> FakeRepo:
        commit = hashlib.sha1(repo_id.encode() + b"".join(sorted(files.values()))).hexdigest()
        repo = FakeRepo(repo_id, files, commit, gated_token)
        self.repos[repo_id] = repo
        return repo

    def requests(self, kind: str = "resolve") -> list[Logged]:
        return [
            r
            for r in self.log
            if f"/{kind}/" in r.path or (kind == "api" and r.path.startswith("/api/"))
        ]

    def served(self, filename: str) -> list[Logged]:
        """GET requests for one file, in order."""
        return [r for r in self.log if r.method == "GET" and r.path.endswith("/" + filename)]


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(f"blob {len(data)}\0".encode() + data).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    hub: FakeHub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # silence stderr
        return

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        entry = Logged(
            self.command, path, self.headers.get("Range"), self.headers.get("Authorization")
        )
        self.hub.log.append(entry)
        if self.hub.outage:
            return self._fail(entry, 503, "Service Unavailable", {})
        if path.startswith("/api/models/"):
            return self._model_info(entry, path)
        if "/resolve/" in path:
            return self._resolve(entry, path, head)
        return self._fail(entry, 404, "not found", {})

    def _model_info(self, entry: Logged, path: str) -> None:
        rest = path.removeprefix("/api/models/")
        repo_id, _, _rev = rest.partition("/revision/")
        repo = self.hub.repos.get(repo_id)
        if repo is None:
            return self._fail(entry, 404, "Repository not found", {"X-Error-Code": "RepoNotFound"})
        body = json.dumps(
            {
                "id": repo.repo_id,
                "sha": repo.commit,
                "private": False,
                "gated": "manual" if repo.gated_token else False,
                "siblings": [repo.sibling(n) for n in sorted(repo.files)],
            }
        ).encode()
        self._send(entry, 200, body, {"Content-Type": "application/json"})

    def _resolve(self, entry: Logged, path: str, head: bool) -> None:
        repo_part, _, rest = path.lstrip("/").partition("/resolve/")
        _rev, _, filename = rest.partition("/")
        repo = self.hub.repos.get(repo_part)
        if repo is None:
            return self._fail(entry, 404, "Repository not found", {"X-Error-Code": "RepoNotFound"})
        if repo.gated_token and self.headers.get("Authorization") != f"Bearer {repo.gated_token}":
            return self._fail(
                entry,
                401,
                "gated",
                {"X-Error-Code": "GatedRepo", "X-Error-Message": "Access to model is restricted"},
            )
        data = repo.files.get(filename)
        if data is None:
            return self._fail(entry, 404, "Entry not found", {"X-Error-Code": "EntryNotFound"})
        if filename in self.hub.corrupt:
            data = bytes(b ^ 0xFF for b in data)
        sibling = repo.sibling(filename)
        lfs = sibling.get("lfs")
        etag = lfs["sha256"] if isinstance(lfs, dict) else sibling["blobId"]
        headers = {
            "X-Repo-Commit": repo.commit,
            "ETag": f'"{etag}"',
            "Accept-Ranges": "bytes",
            "Content-Type": "application/octet-stream",
        }
        if lfs:
            headers |= {"X-Linked-Etag": f'"{etag}"', "X-Linked-Size": str(len(data))}
        start = _range_start(entry.range)
        status = 206 if start else 200
        if start:
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        body = data[start:]
        if head:
            return self._send(
                entry, 200, b"", headers | {"Content-Length": str(len(data))}, head=True
            )
        cut = self.hub.drop_after.pop(filename, None)
        if cut is not None:
            return self._cut(entry, status, body, headers, cut)
        self._send(entry, status, body, headers)

    def _cut(
        self, entry: Logged, status: int, body: bytes, headers: dict[str, str], cut: int
    ) -> None:
        """Promise the whole body, send ``cut`` bytes, then close: a dropped connection."""
        if self.hub.outage_after_drop:
            self.hub.outage = True
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:cut])
        self.wfile.flush()
        entry.status, entry.bytes_sent = status, cut
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _send(
        self, entry: Logged, status: int, body: bytes, headers: dict[str, str], head: bool = False
    ) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)
        entry.status, entry.bytes_sent = status, 0 if head else len(body)

    def _fail(self, entry: Logged, status: int, message: str, headers: dict[str, str]) -> None:
        self._send(
            entry,
            status,
            json.dumps({"error": message}).encode(),
            headers | {"Content-Type": "application/json"},
        )


def _range_start(header: str | None) -> int:
    if not header or not header.startswith("bytes="):
        return 0
    return int(header.removeprefix("bytes=").split("-")[0] or 0)


@contextmanager
def running_hub() -> Iterator[FakeHub]:
    """Start a hub on a free loopback port; stopped and joined on exit."""
    hub = FakeHub()
    handler = type("Handler", (_Handler,), {"hub": hub})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    hub.endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def allow_hub_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let huggingface_hub make requests in one test only (conftest turns it off globally)."""
    from huggingface_hub import constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


def install_memory_keyring(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    """Replace the OS keyring with a dict for one test (never the user's real keyring)."""
    import keyring.core
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    store: dict[tuple[str, str], str] = {}

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            return store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if store.pop((service, username), None) is None:
                raise PasswordDeleteError("no such password")

    monkeypatch.setattr(keyring.core, "_keyring_backend", MemoryKeyring())
    return store
