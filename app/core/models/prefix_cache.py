"""Reuse the KV cache of the unchanged start of the prompt from one chat turn to the next.

Why: each turn of a chat sends the system prompt and every earlier turn again; without reuse
the model recomputes all of it before the first new token (``benchmarks/kv_reuse.py`` measures
the third turn's time to first token). The cache left by the previous generation is kept; the
next prompt's tokens are compared with the previous prompt's, the cache is cut back to the
common prefix, and ``generate`` computes only the rest.

A cache is reused only when every layer holds the same number of positions: a generation
stopped in the middle of a forward pass (``streaming._interrupt_hooks``) leaves some layers one
step ahead, and such a cache is dropped instead.
"""

from __future__ import annotations

from typing import Any

#: Fewer common tokens than this are not worth keeping a cache for.
MIN_REUSE = 16


class PrefixCache:
    """The previous prompt's token ids and the KV cache its generation left behind."""

    def __init__(self) -> None:
        self._ids: list[int] = []
        self._cache: Any = None
        self.reused = 0  # tokens taken from the cache by the last ``take``
        self.enabled = True

    def take(self, ids: list[int], model: Any) -> Any:
        """A cache for ``ids``: the previous one cut to the common prefix, or a fresh one."""
        from transformers import DynamicCache

        self.reused = 0
        cache, previous = self._cache, self._ids
        self._cache, self._ids = None, []
        if self.enabled and cache is not None and _consistent(cache):
            keep = min(_common_prefix(previous, ids), len(ids) - 1)
            held = cache.get_seq_length()
            if keep >= MIN_REUSE and keep <= held:
                if held > keep:
                    cache.crop(keep - held)
                self.reused = keep
                return cache
        return DynamicCache(config=model.config)

    def remember(self, ids: list[int], cache: Any) -> None:
        """Keep ``cache`` (filled by ``generate`` for ``ids`` plus the answer) for next time."""
        if self.enabled:
            self._ids, self._cache = list(ids), cache

    def clear(self) -> None:
        self._ids, self._cache, self.reused = [], None, 0

    @property
    def empty(self) -> bool:
        return self._cache is None


def _common_prefix(a: list[int], b: list[int]) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _consistent(cache: Any) -> bool:
    layers = getattr(cache, "layers", None)
    if not layers:
        return False
    lengths = {cache.get_seq_length(i) for i in range(len(layers))}
    return len(lengths) == 1
