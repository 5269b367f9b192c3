"""Fit system prompt, history, sources and question into the model's window, by tokens.

Room for the answer is reserved first. Then the newest turns of the conversation get up to a
quarter of what is left, the sources fill the rest in order of relevance, and any room left
takes older turns. Estimates come from counting each piece; the rendered prompt is then counted
exactly and trimmed until it fits (least relevant source first, then the oldest turn), so the
window is never exceeded, whatever the history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from app.core.chat.prompts import format_source
from app.core.errors import PagefoldError
from app.core.storage.passage import Passage

Messages = list[dict[str, str]]
Render = Callable[[Messages, list[Passage]], Messages]

HISTORY_SHARE = 0.25
TURN_OVERHEAD = 8  # role markers of a chat template, per message
SOURCE_OVERHEAD = 2  # blank lines between sources
MIN_SOURCE_CHARS = 80  # a shorter cut of a passage is useless as evidence


@dataclass
class PackedContext:
    """What goes to the model, and what was left out to make it fit."""

    messages: Messages
    passages: list[Passage]
    history: Messages
    prompt_tokens: int
    answer_tokens: int  # the room reserved for the answer
    dropped_passages: int = 0
    dropped_history: int = 0
    truncated: bool = False  # the top passage was cut to fit


@dataclass
class Counter:
    """Token counting of the backend: whole prompts exactly, pieces for estimates."""

    prompt: Callable[[Messages], int]
    text: Callable[[str], int]


def answer_room(context_length: int, max_new_tokens: int) -> int:
    """Never more than half the window, so a huge ``max_new_tokens`` leaves room for sources."""
    return max(1, min(max_new_tokens, context_length // 2))


def pack(
    render: Render,
    count: Counter,
    history: Sequence[dict[str, str]],
    passages: Sequence[Passage],
    context_length: int,
    max_new_tokens: int,
) -> PackedContext:
    """Choose the history and passages to send; ``render`` builds the messages from them."""
    answer_tokens = answer_room(context_length, max_new_tokens)
    budget = context_length - answer_tokens
    base = count.prompt(render([], []))
    if base > budget:
        raise PagefoldError(
            f"The question is too long for this model: it needs {base} tokens and the window "
            f"leaves {budget} after room for the answer. Shorten it or use a model with a "
            "larger context."
        )
    free = budget - base
    kept_history = _newest(history, count, int(free * HISTORY_SHARE))
    free -= _history_cost(kept_history, count)
    kept, truncated = _fit_passages(passages, count, free)
    free -= sum(_source_cost(i, p, count) for i, p in enumerate(kept, start=1))
    kept_history = _newest(history, count, _history_cost(kept_history, count) + max(0, free))
    return _trim_to_fit(
        render,
        count,
        kept_history,
        kept,
        budget,
        answer_tokens,
        len(history),
        len(passages),
        truncated,
    )


def _newest(history: Sequence[dict[str, str]], count: Counter, budget: int) -> Messages:
    """The latest messages within ``budget``, whole messages only, starting with a user turn."""
    kept: Messages = []
    used = 0
    for message in reversed(history):
        cost = count.text(message["content"]) + TURN_OVERHEAD
        if used + cost > budget:
            break
        kept.insert(0, message)
        used += cost
    while kept and kept[0]["role"] != "user":
        kept.pop(0)
    return kept


def _history_cost(history: Messages, count: Counter) -> int:
    return sum(count.text(m["content"]) + TURN_OVERHEAD for m in history)


def _source_cost(number: int, passage: Passage, count: Counter) -> int:
    return count.text(format_source(number, passage)) + SOURCE_OVERHEAD


def _fit_passages(
    passages: Sequence[Passage], count: Counter, budget: int
) -> tuple[list[Passage], bool]:
    """Most relevant first while they fit; the first one is cut if it alone is too big."""
    kept: list[Passage] = []
    used = 0
    for passage in passages:
        cost = _source_cost(len(kept) + 1, passage, count)
        if used + cost <= budget:
            kept.append(passage)
            used += cost
        elif not kept:
            cut = _cut(passage, budget / max(cost, 1))
            if cut is None:
                return [], False
            return [cut], True
        else:
            break
    return kept, False


def _cut(passage: Passage, ratio: float) -> Passage | None:
    chars = int(len(passage.text) * min(ratio, 1.0) * 0.9)
    if chars < MIN_SOURCE_CHARS:
        return None
    text = passage.text[:chars]
    return replace(passage, text=text, end=passage.start + len(text))


def _trim_to_fit(
    render: Render,
    count: Counter,
    history: Messages,
    passages: list[Passage],
    budget: int,
    answer_tokens: int,
    history_total: int,
    passages_total: int,
    truncated: bool,
) -> PackedContext:
    """Count the real prompt; drop or cut until it fits (estimates can be a little off)."""
    while True:
        messages = render(history, passages)
        used = count.prompt(messages)
        if used <= budget:
            return PackedContext(
                messages=messages,
                passages=passages,
                history=history,
                prompt_tokens=used,
                answer_tokens=answer_tokens,
                dropped_passages=passages_total - len(passages),
                dropped_history=history_total - len(history),
                truncated=truncated,
            )
        if len(passages) > 1:
            passages = passages[:-1]
        elif history:
            history = _newest(history[1:], count, 1 << 30)
        elif passages:
            cut = _cut(passages[0], budget / used)
            passages = [cut] if cut is not None else []
            truncated = True
        else:  # the base prompt was checked to fit, so this is unreachable in practice
            raise PagefoldError("The question does not fit the model's context window.")
