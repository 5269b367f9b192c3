"""Typed events of one chat turn, in the order a consumer sees them.

``ask``/``chat``/``summarize``/``translate`` are generators of these; the CLI prints them and
the UI turns them into signals, so neither needs to know how an answer is made. A turn that
starts a new conversation says so first (``ConversationEvent``); a turn always ends with
exactly one ``DoneEvent`` or ``ErrorEvent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from app.core.storage.passage import Passage

AnswerMode = Literal["answer", "passages", "summary", "translation", "chat"]


@dataclass
class Answer:
    """A finished (or stopped) answer with everything needed to check it against the pages."""

    text: str
    sources: list[Passage]  # as numbered in the prompt: sources[0] is [1]
    cited: list[int]  # source numbers (1-based) the text actually cites, in first-cited order
    mode: AnswerMode = "answer"
    model: str = ""
    language: str = "en"
    timings: dict[str, float] = field(default_factory=dict)
    standalone_question: str = ""
    stopped: bool = False
    attributed: bool = False  # some [n] were added by Pagefold where the model forgot them
    refused: bool = False  # the answer says the sources do not contain it
    conversation_id: int | None = None
    message_id: int | None = None

    @property
    def cited_sources(self) -> list[Passage]:
        return [self.sources[n - 1] for n in self.cited]

    def to_json(self) -> dict[str, Any]:
        """The stable shape printed by ``pagefold ask --json``."""
        return {
            "text": self.text,
            "mode": self.mode,
            "model": self.model,
            "language": self.language,
            "cited": self.cited,
            "stopped": self.stopped,
            "attributed": self.attributed,
            "refused": self.refused,
            "standalone_question": self.standalone_question,
            "conversation_id": self.conversation_id,
            "timings": self.timings,
            "sources": [{"number": i, **p.to_json()} for i, p in enumerate(self.sources, start=1)],
        }


@dataclass
class ConversationEvent:
    """The conversation this turn is kept in; sent first when the turn created it, so the
    window selects it in its list and the CLI can name it before the answer ends."""

    conversation_id: int
    created: bool = True


@dataclass
class StatusEvent:
    """Progress in words ("Searching…", "Summarizing part 2 of 5"); ``fraction`` when known."""

    text: str
    fraction: float | None = None


@dataclass
class SourcesEvent:
    """The numbered sources given to the model, sent before the first token."""

    passages: list[Passage]


@dataclass
class TokenEvent:
    text: str


@dataclass
class DoneEvent:
    answer: Answer


@dataclass
class ErrorEvent:
    message: str
    damaged_collection: str = ""  # set when a repair would fix it (the window offers one)


ChatEvent = ConversationEvent | StatusEvent | SourcesEvent | TokenEvent | DoneEvent | ErrorEvent
