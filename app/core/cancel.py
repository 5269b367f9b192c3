"""Cancelling (and pausing) long work: one token shared by whoever asks and whoever works.

Why a module of its own at the bottom layer: chat, model downloads, storage moves and
indexing all stop on the same token, and with it inside ``indexing`` every one of them
depended on the indexing package (23 importers). It needs nothing but ``threading``.
"""

from __future__ import annotations

import threading


class CancelToken:
    """Shared between the caller (a Cancel button) and the worker; cheap to poll."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._resume = threading.Event()
        self._resume.set()

    def cancel(self) -> None:
        self._event.set()
        self._resume.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    def wait_if_paused(self) -> None:
        """Blocks a worker while the user has paused indexing."""
        self._resume.wait()
