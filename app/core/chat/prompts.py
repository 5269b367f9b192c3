"""Prompt templates, kept as files in ``resources/prompts/`` (one per task and language).

A file holds sections headed ``[system]``, ``[user]`` and any named extras (``[refusal]``), so a
translator or a user can change the wording without touching code. ``{name}`` fields are filled
with LangChain's f-string templates; document text only ever enters through a field, so braces
in a PDF cannot break a template.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.chat.fence import COUNTING_TAG, fenced, inline, new_tag
from app.core.errors import PagefoldError
from app.core.resources import resource_path
from app.core.storage.passage import Passage

if TYPE_CHECKING:
    from langchain_core.prompts import ChatPromptTemplate

_SECTION_RE = re.compile(r"^\[([a-z_]+)\]\s*$", re.MULTILINE)


def prompts_dir() -> Path:
    """``resources/prompts`` of this installation (a checkout or a bundle)."""
    return resource_path("prompts")


@cache
def load_prompt(name: str, language: str) -> dict[str, str]:
    """Sections of ``<name>.<language>.md``; English when the language has no file."""
    folder = prompts_dir()
    path = folder / f"{name}.{language}.md"
    if not path.exists():
        path = folder / f"{name}.en.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PagefoldError(f"The prompt file {path} is missing; reinstall Pagefold.") from exc
    return _sections(text)


def _sections(text: str) -> dict[str, str]:
    parts = _SECTION_RE.split(text)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def chat_template(name: str, language: str, system_override: str = "") -> ChatPromptTemplate:
    """system, then the earlier turns (``history``), then the user message."""
    from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

    sections = load_prompt(name, language)
    system = _escape(system_override) if system_override.strip() else sections["system"]
    return ChatPromptTemplate.from_messages(
        [
            ("system", system),
            MessagesPlaceholder("history", optional=True),
            ("human", sections["user"]),
        ]
    )


def refusal(language: str) -> str:
    """What the model is told to say when the sources do not contain the answer."""
    return load_prompt("answer", language)["refusal"]


def format_source(number: int, passage: Passage, tag: str = COUNTING_TAG) -> str:
    """``[n] <tag>Title</tag>, p. N`` and the text between ``<tag>`` lines (``fence``).

    Call with the request's own tag (``new_tag``); the default has the same length, for
    counting tokens only.
    """
    where = f", p. {passage.page}" if passage.page > 0 else ""
    title = passage.title or Path(passage.path).name
    return f"[{number}] {inline(title, tag)}{where}\n{fenced(passage.text.strip(), tag)}"


def format_sources(passages: Sequence[Passage], tag: str | None = None) -> str:
    """Numbered sources fenced with ``tag``, or with a fresh tag for this one prompt."""
    tag = tag or source_tag(passages)
    return "\n\n".join(format_source(i, p, tag) for i, p in enumerate(passages, start=1))


def source_tag(passages: Sequence[Passage]) -> str:
    """A fence tag that none of these passages' texts or titles contains."""
    return new_tag(f"{p.title}\n{p.path}\n{p.text}" for p in passages)


def to_dicts(messages: Sequence[Any]) -> list[dict[str, str]]:
    """LangChain messages → the ``{"role", "content"}`` dicts chat templates expect."""
    roles = {"system": "system", "human": "user", "ai": "assistant"}
    return [{"role": roles.get(m.type, m.type), "content": str(m.content)} for m in messages]


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")
