"""Token streaming from ``generate`` running in a worker thread, with a prompt stop.

Imported only when a model generates (it imports torch and transformers). The consumer polls the
streamer's queue every ``POLL_S`` so a stop request ends the iteration at once. The worker thread
stops too: a StoppingCriteria ends ``generate`` after the current token, and a pre-hook on every
decoder layer aborts a forward pass in the middle, so even a long prefill on a CPU (seconds for a
big prompt) or a slow 7B token gives the model back within one layer's time. The worker then
calls ``on_finished`` (the runtime releases the model there).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import torch
from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

from app.core.cancel import CancelToken

POLL_S = 0.05


class _Interrupted(Exception):
    """Raised inside a forward pass to abandon it; never leaves this module."""


class CancelCriteria(StoppingCriteria):
    """Ends ``generate`` after the current token once any of the tokens is cancelled."""

    def __init__(self, tokens: Sequence[CancelToken | None]) -> None:
        self._tokens = [t for t in tokens if t is not None]

    def __call__(
        self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any
    ) -> torch.BoolTensor:
        stop = any(t.cancelled for t in self._tokens)
        return torch.full(  # type: ignore[return-value]
            (input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device
        )


def stream_generate(
    model: Any,
    tokenizer: Any,
    inputs: dict[str, torch.Tensor],
    generate_kwargs: dict[str, Any],
    stops: Sequence[CancelToken | None],
    on_finished: Callable[[], None],
) -> Iterator[str]:
    """Yield text pieces as ``generate`` produces them until it ends or a stop is requested.

    TextIteratorStreamer re-decodes its token cache and holds back a tail that ends in an
    incomplete UTF-8 sequence (a Korean syllable split across byte-level tokens), so no piece
    carries a replacement character; tests check this with Korean text.
    """
    own_stop = CancelToken()  # set when the consumer goes away, whatever the reason
    all_stops = [own_stop, *stops]
    streamer = TextIteratorStreamer(
        tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=POLL_S
    )
    errors: list[BaseException] = []

    def work() -> None:
        hooks = _interrupt_hooks(model, all_stops)
        try:
            with torch.inference_mode():
                model.generate(
                    **inputs,
                    streamer=streamer,
                    stopping_criteria=StoppingCriteriaList([CancelCriteria(all_stops)]),
                    **generate_kwargs,
                )
        except _Interrupted:
            streamer.end()
        except BaseException as exc:  # handed to the consumer below
            errors.append(exc)
            streamer.end()
        finally:
            for hook in hooks:
                hook.remove()
            on_finished()

    thread = threading.Thread(target=work, name="pagefold-generate", daemon=True)
    try:
        thread.start()
    except BaseException:
        on_finished()
        raise
    try:
        yield from _drain(streamer, all_stops)
    finally:
        own_stop.cancel()
    if any(s is not None and s.cancelled for s in stops):
        return  # the worker ends at its next token; nobody waits for it
    thread.join()  # generate() returns right after the streamer's end signal
    if errors:
        raise errors[0]


def _interrupt_hooks(model: Any, stops: Sequence[CancelToken | None]) -> list[Any]:
    """A cancel check before each decoder layer (found by class name: LlamaDecoderLayer, ...)."""
    tokens = [t for t in stops if t is not None]

    def check(_module: Any, _args: Any) -> None:
        if any(t.cancelled for t in tokens):
            raise _Interrupted

    modules = getattr(model, "modules", None)
    if modules is None:
        return []
    return [
        module.register_forward_pre_hook(check)
        for module in modules()
        if type(module).__name__.endswith("DecoderLayer")
    ]


def _drain(streamer: TextIteratorStreamer, stops: Sequence[CancelToken | None]) -> Iterator[str]:
    while not any(s is not None and s.cancelled for s in stops):
        try:
            piece = next(streamer)
        except StopIteration:
            return
        except queue.Empty:
            continue
        if piece:
            yield piece
