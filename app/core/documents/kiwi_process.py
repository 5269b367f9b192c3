"""Kiwi in a child process, for the desktop window.

Why: Kiwi's first analysis loads its language model inside one C++ call that holds Python's
GIL for 0.6–1.7 s; in the window's process that freezes the event loop (measured: a 1.7 s gap
in a 5 ms heartbeat while everything else of indexing stayed under 25 ms). In a child process
it costs the window nothing, and the window's process does not carry Kiwi's ~500 MB either.

The proxy answers the two calls Pagefold makes (``tokenize`` and ``space``) with the same
results as an in-process Kiwi; a request is a few kilobytes over a pipe (about 0.1 ms). The
child is started with ``spawn`` (never ``fork`` from a process with Qt threads), as a daemon so
it ends with the app, and is restarted once if it dies.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any, NamedTuple

from app.core.errors import ModelError

log = logging.getLogger(__name__)


class Token(NamedTuple):
    """The two fields of ``kiwipiepy.Token`` Pagefold reads."""

    form: str
    tag: str


class KiwiProcess:
    """A Kiwi that lives in a child process; thread-safe (one request at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        self._process: Any = None
        self._start()

    def tokenize(self, text: str) -> list[Token]:
        return [Token(form, tag) for form, tag in self._call("tokenize", text)]

    def space(self, text: str, reset_whitespace: bool = False) -> str:
        return str(self._call("space", text, reset_whitespace))

    def available(self) -> bool:
        """Whether the child could load Kiwi (waits for it on the first call)."""
        return bool(self._call("ping"))

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _call(self, op: str, *args: Any) -> Any:
        with self._lock:
            for attempt in (1, 2):
                try:
                    assert self._conn is not None
                    self._conn.send((op, args))
                    status, value = self._conn.recv()
                except (EOFError, OSError, AssertionError) as exc:
                    log.warning("the Korean analyser process stopped (%s)", exc)
                    self._stop()
                    if attempt == 2:
                        raise ModelError(
                            "The Korean analyser stopped working; restart Pagefold."
                        ) from exc
                    self._start()
                    continue
                if status == "error":
                    raise ModelError(f"The Korean analyser failed: {value}")
                return value
        raise AssertionError("unreachable")

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(
            target=serve, args=(child,), name="pagefold-kiwi", daemon=True
        )
        self._process.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(timeout=2)
            if self._process.is_alive():
                self._process.kill()
            self._process = None


def serve(conn: Connection) -> None:
    """The child's loop: load Kiwi once, then answer until the parent closes the pipe."""
    from app.core.documents.kiwi_loader import load_kiwi

    kiwi = load_kiwi()
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", _answer(kiwi, op, args)))
        except Exception as exc:  # one odd text must not end the analyser
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _answer(kiwi: Any, op: str, args: tuple[Any, ...]) -> Any:
    if op == "ping":
        return kiwi is not None
    if kiwi is None:
        raise RuntimeError("Kiwi could not be loaded")
    if op == "tokenize":
        return [(t.form, t.tag) for t in kiwi.tokenize(args[0])]
    if op == "space":
        return str(kiwi.space(args[0], reset_whitespace=args[1]))
    raise ValueError(f"unknown request {op!r}")
