"""A blocking generator consumed from asyncio: it runs in one worker thread of its own.

Why one thread for the whole generator rather than ``run_in_executor`` per item: the local
model's stream holds the runtime's lock from its first piece to its last, and a lock taken in
one pool thread cannot be released from another. The worker stops at the next item once the
consumer goes away.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar, cast

T = TypeVar("T")

_END = object()


async def in_thread(items: Iterator[T]) -> AsyncIterator[T]:
    """Yield what ``items`` yields; its exceptions are raised here, in the consumer."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[object, BaseException | None]] = asyncio.Queue()
    gone = threading.Event()

    def put(item: object, error: BaseException | None = None) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, (item, error))
        except RuntimeError:  # the loop closed: nobody is listening any more
            gone.set()

    def work() -> None:
        try:
            for item in items:
                put(item)
                if gone.is_set():
                    break
        except BaseException as exc:  # handed to the consumer
            put(_END, exc)
        else:
            put(_END)

    context = contextvars.copy_context()  # callbacks and config travel with the thread
    threading.Thread(target=context.run, args=(work,), name="pagefold-step", daemon=True).start()
    try:
        while True:
            item, error = await queue.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield cast(T, item)
    finally:
        gone.set()
