"""A small OpenAI-compatible server on 127.0.0.1, standing in for vLLM in the tests.

It speaks the parts Pagefold uses: ``GET /v1/models``, ``POST /v1/chat/completions`` (streamed
as server-sent events, or one JSON reply) and ``POST /v1/embeddings``. Its "model" reads the
numbered sources in the prompt and answers with the first sentence of source [1], cited, so a
test can tell which passages reached it. Its embeddings are bags of hashed words: texts sharing
words are close, which is enough for a search to find the right passage.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

EMBEDDING_DIM = 64
# Source [1] as Pagefold fences it: a per-request tag around its text (``core/chat/fence.py``).
_SOURCE_ONE = re.compile(r"\[1\][^\n]*\n<(doc-[0-9a-f]{6})>\n(.*?)\n</\1>", re.DOTALL)
_WORD = re.compile(r"\w+")


@dataclass
class FakeOpenAI:
    """State shared with the handler; tests read ``requests`` and set ``api_key``."""

    model: str = "Qwen/Qwen2.5-7B-Instruct"
    embedding_model: str = "fake-embed"
    api_key: str | None = None
    context_length: int = 4096
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""  # the base URL clients use, ending in /v1

    def answer(self, messages: list[dict[str, str]]) -> str:
        prompt = "\n".join(m["content"] for m in messages if m["role"] == "user")
        found = _SOURCE_ONE.search(prompt)
        if not found:
            return "The documents do not say."
        first = re.split(r"(?<=[.!?])\s", found.group(2).strip(), maxsplit=1)[0]
        return f"{first.rstrip('.')} [1]."


def embed(text: str) -> list[float]:
    """Sum of one pseudo-random unit vector per distinct lower-cased word, normalised."""
    total = np.zeros(EMBEDDING_DIM)
    for word in set(_WORD.findall(text.lower())):
        seed = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        total += np.random.default_rng(seed).standard_normal(EMBEDDING_DIM)
    norm = np.linalg.norm(total)
    return (total / norm if norm else total).tolist()


class _Handler(BaseHTTPRequestHandler):
    state: FakeOpenAI

    def do_GET(self) -> None:
        if not self._authorized():
            return
        if self.path.rstrip("/") != "/v1/models":
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        models = [
            {
                "id": self.state.model,
                "object": "model",
                "owned_by": "fake",
                "max_model_len": self.state.context_length,
            },
            {"id": self.state.embedding_model, "object": "model", "owned_by": "fake"},
        ]
        self._json(200, {"object": "list", "data": models})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.state.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        if not self._authorized():
            return
        if self.path == "/v1/chat/completions":
            self._chat(body)
        elif self.path == "/v1/embeddings":
            self._embeddings(body)
        else:
            self._json(404, {"error": {"message": f"no route {self.path}"}})

    def _chat(self, body: dict[str, Any]) -> None:
        text = self.state.answer(body["messages"])
        if not body.get("stream"):
            message = {"role": "assistant", "content": text}
            self._json(
                200,
                {
                    "object": "chat.completion",
                    "model": body["model"],
                    "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                },
            )
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in re.findall(r"\S+\s*", text):
            chunk = {
                "object": "chat.completion.chunk",
                "model": body["model"],
                "choices": [{"index": 0, "delta": {"content": piece}}],
            }
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")

    def _embeddings(self, body: dict[str, Any]) -> None:
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [
            {"object": "embedding", "index": i, "embedding": embed(t)} for i, t in enumerate(texts)
        ]
        self._json(
            200,
            {
                "object": "list",
                "model": body["model"],
                "data": data,
                "usage": {"prompt_tokens": 0, "total_tokens": 0},
            },
        )

    def _authorized(self) -> bool:
        key = self.state.api_key
        if key is None or self.headers.get("Authorization") == f"Bearer {key}":
            return True
        self._json(401, {"error": {"message": "Incorrect API key provided."}})
        return False

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve_fake_openai(state: FakeOpenAI | None = None) -> Iterator[FakeOpenAI]:
    state = state or FakeOpenAI()
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
