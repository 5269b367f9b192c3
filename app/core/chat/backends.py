"""What writes the answers: the local runtime, or an OpenAI-compatible server the user chose.

Both stream text pieces for a list of ``{"role", "content"}`` messages and count tokens, which is
all the chat pipeline needs; ``lc.BackendChatModel`` makes either one a LangChain chat model.
"""

from __future__ import annotations

import json
import logging
import math
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol, runtime_checkable

from app.core.cancel import CancelToken
from app.core.errors import ModelError
from app.core.models.runtime import ModelRuntime

log = logging.getLogger(__name__)

Messages = list[dict[str, str]]


@runtime_checkable
class ChatBackend(Protocol):
    """The seam between the chat pipeline and a model; tests plug fakes in here."""

    name: str
    context_length: int

    def count_tokens(self, text: str) -> int: ...

    def count_prompt_tokens(self, messages: Messages) -> int: ...

    def stream(
        self,
        messages: Messages,
        max_new_tokens: int,
        temperature: float,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]: ...


class LocalBackend:
    """The resident model of a ``ModelRuntime``; counts with its own tokenizer."""

    def __init__(self, runtime: ModelRuntime) -> None:
        if runtime.info is None:
            raise ModelError("No language model is loaded.")
        self.runtime = runtime
        self.name = runtime.info.name
        self.context_length = runtime.info.context_length

    def count_tokens(self, text: str) -> int:
        return self.runtime.count_tokens(text)

    def count_prompt_tokens(self, messages: Messages) -> int:
        return self.runtime.count_prompt_tokens(messages)

    def stream(
        self,
        messages: Messages,
        max_new_tokens: int,
        temperature: float,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        return self.runtime.stream(messages, max_new_tokens, temperature, cancel)


class OpenAICompatibleBackend:
    """``POST {base_url}/chat/completions`` with ``stream: true`` (vLLM, Ollama, LM Studio).

    Off unless the user sets it up. There is no tokenizer on this side, so token counts are a
    deliberately high estimate: a prompt a little short is better than one the server rejects.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        context_length: int = 8192,
        timeout_s: float = 120.0,
    ) -> None:
        if not base_url.strip():
            raise ModelError("Set the address of the remote model server first.")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = f"{model} @ {self.base_url}" if model else self.base_url
        self.context_length = context_length
        self._api_key = api_key
        self._timeout_s = timeout_s

    def count_tokens(self, text: str) -> int:
        return estimate_tokens(text)

    def count_prompt_tokens(self, messages: Messages) -> int:
        return sum(estimate_tokens(m["content"]) + 8 for m in messages) + 4

    def stream(
        self,
        messages: Messages,
        max_new_tokens: int,
        temperature: float,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Read the event stream in a thread so a stop works even while the server is silent."""
        body = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_new_tokens,
            "temperature": temperature,
            "stream": True,
        }
        return _pump(lambda stop: self._pieces(body, stop), cancel)

    def _pieces(self, body: dict[str, Any], stop: CancelToken) -> Iterator[str]:
        import httpx

        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        url = f"{self.base_url}/chat/completions"
        timeout = httpx.Timeout(self._timeout_s, connect=10.0)
        try:
            with httpx.stream("POST", url, json=body, headers=headers, timeout=timeout) as response:
                _check_status(response, url)
                for data in _sse_data(response.iter_lines()):
                    if stop.cancelled:
                        return
                    piece = _delta(data)
                    if piece:
                        yield piece
        except httpx.HTTPError as exc:
            raise ModelError(
                f"The model server at {self.base_url} cannot be reached: {exc}"
            ) from exc


_END = object()
POLL_S = 0.05


def _pump(
    produce: Callable[[CancelToken], Iterator[str]], cancel: CancelToken | None
) -> Iterator[str]:
    """Run ``produce`` in a daemon thread; the consumer checks ``cancel`` every 50 ms."""
    pieces: queue.Queue[object] = queue.Queue()
    stop = CancelToken()

    def work() -> None:
        try:
            for piece in produce(stop):
                pieces.put(piece)
        except BaseException as exc:  # handed to the consumer
            pieces.put(exc)
        finally:
            pieces.put(_END)

    threading.Thread(target=work, name="pagefold-remote", daemon=True).start()
    try:
        while not (cancel is not None and cancel.cancelled):
            try:
                item = pieces.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield str(item)
    finally:
        stop.cancel()


def estimate_tokens(text: str) -> int:
    """About 3 ASCII characters per token, and Hangul syllables at worst 1.5 tokens each."""
    ascii_chars = sum(1 for c in text if ord(c) < 128)
    return math.ceil(ascii_chars / 3 + (len(text) - ascii_chars) * 1.5)


def _check_status(response: Any, url: str) -> None:
    if response.status_code == 200:
        return
    response.read()
    detail = response.text[:300]
    if response.status_code in (401, 403):
        raise ModelError(f"The model server refused the API key ({response.status_code}).")
    raise ModelError(f"The model server at {url} answered {response.status_code}: {detail}")


def _sse_data(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """The JSON payloads of a server-sent event stream, up to ``[DONE]``."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        try:
            yield json.loads(payload)
        except json.JSONDecodeError:
            log.warning("skipping a malformed event from the model server: %.80s", payload)


def _delta(data: dict[str, Any]) -> str:
    if "error" in data:
        message = data["error"].get("message") if isinstance(data["error"], dict) else data["error"]
        raise ModelError(f"The model server reported an error: {message}")
    choices = data.get("choices") or []
    if not choices:
        return ""
    delta = choices[0].get("delta") or {}
    return str(delta.get("content") or "")
