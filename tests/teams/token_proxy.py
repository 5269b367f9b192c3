"""A token-checking reverse proxy in front of the test Chroma server, on 127.0.0.1.

``chroma run`` (Chroma 1.x) has no authentication of its own; teams put it behind a proxy that
checks a bearer token (docs/teams.md shows Caddy doing it). This stands in for that proxy: a
request without ``Authorization: Bearer <token>`` gets 401, the rest are forwarded unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class _Proxy(BaseHTTPRequestHandler):
    upstream: str
    token: str
    seen: list[str | None]
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def do_PUT(self) -> None:
        self._forward()

    def do_DELETE(self) -> None:
        self._forward()

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization")
        self.seen.append(auth)
        if auth != f"Bearer {self.token}":
            self._reply(401, b"Unauthorized", {"Content-Type": "text/plain"})
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        response = httpx.request(
            self.command, self.upstream + self.path, content=body, headers=headers, timeout=60
        )
        kept = {k: v for k, v in response.headers.items() if k.lower() not in _HOP_BY_HOP}
        kept.pop("content-encoding", None)
        self._reply(response.status_code, response.content, kept)

    def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def token_proxy(upstream: str, token: str) -> Iterator[tuple[int, list[str | None]]]:
    """Yields the proxy's port and the Authorization headers it has seen."""
    seen: list[str | None] = []
    handler = type("Proxy", (_Proxy,), {"upstream": upstream, "token": token, "seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1]), seen
    finally:
        httpd.shutdown()
        httpd.server_close()
