"""Embeddings from an OpenAI-compatible server (vLLM, TEI, Ollama, LM Studio), opt-in.

A collection uses it when its embedding model is named ``openai:<model>@<base_url>``, e.g.
``openai:BAAI/bge-m3@http://gpu-box:8001/v1``; nothing goes over the network unless a user
names one. The whole name is what the collection records, so its vectors are never mixed with
another model's or another server's. The API key comes from ``PAGEFOLD_EMBEDDINGS_API_KEY`` or
the OS keyring (service ``pagefold-openai``, user = the base URL), never from a settings file.

Why httpx and not ``langchain-openai``: the request is one POST, httpx is already installed
(Chroma's client uses it), and the optional package would add a tokenizer download (tiktoken)
that this path does not need.
"""

from __future__ import annotations

import re
from typing import Any

from app.core.embeddings.base import Embedder
from app.core.errors import ModelError
from app.core.secrets import read_secret

PREFIX = "openai:"
KEYRING_SERVICE = "pagefold-openai"
API_KEY_ENV = "PAGEFOLD_EMBEDDINGS_API_KEY"
BATCH = 64
TIMEOUT_S = 60.0
_NAME = re.compile(r"openai:(?P<model>[^@\s]+)@(?P<url>https?://\S+)")


def is_remote_name(name: str) -> bool:
    return name.startswith(PREFIX)


def parse_name(name: str) -> tuple[str, str]:
    """``openai:<model>@<base_url>`` → (model, base_url)."""
    found = _NAME.fullmatch(name.strip())
    if not found:
        raise ModelError(
            f'"{name}" is not a remote embedding model name: write it as '
            "openai:MODEL@http://HOST:PORT/v1"
        )
    return found["model"], found["url"].rstrip("/")


def api_key_for(base_url: str) -> str | None:
    """From the environment, else the OS keyring; ``None`` when the server needs none."""
    return read_secret(KEYRING_SERVICE, base_url, env=API_KEY_ENV)


def openai_embedder(name: str) -> OpenAIEmbedder:
    model, base_url = parse_name(name)
    return OpenAIEmbedder(name, model, base_url, api_key_for(base_url))


class OpenAIEmbedder(Embedder):
    """``POST {base_url}/embeddings``; vectors L2-normalised here, whatever the server does."""

    languages = None  # unknown: never let hybrid search skip the dense arm for it

    def __init__(
        self,
        name: str,
        model: str,
        base_url: str,
        api_key: str | None = None,
        timeout_s: float = TIMEOUT_S,
    ) -> None:
        import httpx

        self.name = name
        self.model = model
        self.base_url = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(headers=headers, timeout=httpx.Timeout(timeout_s, connect=10.0))
        self.dimension = len(self._embed(["dimension probe"])[0])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            vectors.extend(self._embed(texts[start : start + BATCH]))
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents(texts)  # the API embeds questions and passages alike

    def _embed(self, texts: list[str]) -> list[list[float]]:
        import httpx
        import numpy as np

        url = f"{self.base_url}/embeddings"
        body = {"model": self.model, "input": texts, "encoding_format": "float"}
        try:
            response = self._http.post(url, json=body)
        except httpx.HTTPError as exc:
            raise ModelError(
                f"The embedding server at {self.base_url} cannot be reached: {exc}"
            ) from exc
        data = _checked(response, self.base_url)
        rows = sorted(data.get("data") or [], key=lambda row: int(row.get("index", 0)))
        if len(rows) != len(texts):
            raise ModelError(
                f"The embedding server at {self.base_url} sent {len(rows)} vectors "
                f"for {len(texts)} texts."
            )
        matrix = np.asarray([row["embedding"] for row in rows], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        result: list[list[float]] = (matrix / np.where(norms == 0, 1, norms)).tolist()
        return result


def _checked(response: Any, base_url: str) -> dict[str, Any]:
    if response.status_code in (401, 403):
        raise ModelError(
            f"The embedding server at {base_url} refused the API key ({response.status_code})."
        )
    if response.status_code != 200:
        raise ModelError(
            f"The embedding server at {base_url} answered {response.status_code}: "
            f"{response.text[:200]}"
        )
    try:
        data: dict[str, Any] = response.json()
    except ValueError as exc:
        raise ModelError(
            f"The embedding server at {base_url} sent a reply that is not JSON."
        ) from exc
    return data
