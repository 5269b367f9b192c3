"""The remote OpenAI-compatible backend against a real local HTTP server, and the LCEL wrapper."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from app.core.cancel import CancelToken
from app.core.chat.backends import OpenAICompatibleBackend, estimate_tokens
from app.core.errors import ModelError
from tests.core.chat.fakes import FakeBackend


class _Handler(BaseHTTPRequestHandler):
    pieces: ClassVar[list[str]] = []
    delay_s: float = 0.0
    status: int = 200
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        self.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        if self.status != 200:
            self.send_response(self.status)
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "model not found"}}')
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            for piece in self.pieces:
                chunk = {"choices": [{"delta": {"content": piece}}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
                time.sleep(self.delay_s)
            self.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a stop request does

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[type[_Handler]]:
    handler = type(
        "Handler", (_Handler,), {"pieces": [], "requests": [], "delay_s": 0.0, "status": 200}
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"  # type: ignore[attr-defined]
    yield handler
    httpd.shutdown()
    httpd.server_close()


MESSAGES = [{"role": "user", "content": "한국의 수도는?"}]


def test_remote_backend_streams_the_servers_pieces(server: Any) -> None:
    server.pieces = ["서울", "입니다", " [1]."]
    backend = OpenAICompatibleBackend(server.url, "qwen2.5:7b", api_key="secret")

    pieces = list(backend.stream(MESSAGES, max_new_tokens=32, temperature=0.1))

    assert pieces == ["서울", "입니다", " [1]."]
    [request] = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "qwen2.5:7b"
    assert request["body"]["stream"] is True and request["body"]["max_tokens"] == 32
    assert request["body"]["messages"] == MESSAGES
    assert request["auth"] == "Bearer secret"


def test_remote_stop_is_prompt_even_when_the_server_is_slow(server: Any) -> None:
    server.pieces = ["a"] * 50
    server.delay_s = 0.5
    cancel = CancelToken()
    backend = OpenAICompatibleBackend(server.url, "m")

    stream = backend.stream(MESSAGES, 64, 0.0, cancel)
    assert next(stream) == "a"
    cancel.cancel()
    started = time.perf_counter()
    rest = list(stream)

    assert time.perf_counter() - started < 0.2
    assert rest == []


def test_remote_errors_are_explained(server: Any) -> None:
    server.status = 404
    with pytest.raises(ModelError, match="answered 404"):
        list(OpenAICompatibleBackend(server.url, "missing").stream(MESSAGES, 8, 0.0))
    with pytest.raises(ModelError, match="cannot be reached"):
        list(OpenAICompatibleBackend("http://127.0.0.1:9/v1", "m").stream(MESSAGES, 8, 0.0))


def test_token_estimate_is_generous_for_korean() -> None:
    assert estimate_tokens("서울은 대한민국의 수도") >= 12
    assert estimate_tokens("The capital of Korea") >= 5


def test_any_backend_is_a_langchain_chat_model() -> None:
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    from app.core.chat.lc import BackendChatModel

    backend = FakeBackend("Seoul is the capital.")
    chain = (
        ChatPromptTemplate.from_messages([("system", "Be brief."), ("human", "{q}")])
        | BackendChatModel(backend=backend).bind(max_new_tokens=3, temperature=0.0)
        | StrOutputParser()
    )

    streamed = [piece for piece in chain.stream({"q": "Capital?"}) if piece]
    whole = chain.invoke({"q": "Capital?"})

    assert streamed == ["Seoul", " is", " the"]  # max_new_tokens reached the backend
    assert whole == "Seoul is the"
    assert backend.calls[0]["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Capital?"},
    ]
