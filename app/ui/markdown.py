"""Markdown answers to the HTML subset QTextBrowser renders, with [n] citations as links.

markdown-it-py rather than ``QTextDocument.setMarkdown``: it lets citations become ``cite:n``
anchors and code blocks get a Copy link (``copy:i``), and it escapes any raw HTML a model writes.
Qt's rich text has no block padding, so code blocks are one-cell tables.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_CITATION = re.compile(r"\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]")


@dataclass(frozen=True)
class Palette:
    """The colours the HTML uses (from the theme tokens)."""

    accent: str = "#4f5bd5"
    code_bg: str = "#f3f4f6"
    border: str = "#e2e3e8"
    muted: str = "#6b7280"
    mono: str = "monospace"
    copy_label: str = "Copy"


@dataclass
class Rendered:
    html: str
    code_blocks: list[str] = field(default_factory=list)


def citation_numbers(marker: str) -> list[int]:
    """``"1, 3-4"`` → ``[1, 3, 4]``."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", marker):
        bounds = [int(x) for x in re.split(r"\s*[–-]\s*", part) if x]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] < 20:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _CITATION.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"numbers": citation_numbers(match.group(1))}
    state.pos = match.end()
    return True


def _as_rule(method: Callable[[Sequence[Any], int], str]) -> Callable[..., str]:
    """markdown-it binds a rule to its renderer; ours only need the tokens and the index."""

    def rule(_renderer: Any, tokens: Sequence[Any], idx: int, _options: Any, _env: Any) -> str:
        return method(tokens, idx)

    return rule


class MarkdownRenderer:
    """Renders one message; keeps the code blocks so a Copy link can copy them."""

    def __init__(self, palette: Palette | None = None) -> None:
        self.palette = palette or Palette()
        self._md = MarkdownIt("commonmark", {"html": False, "breaks": True})
        self._md.enable(["table", "strikethrough"])
        self._md.inline.ruler.before("link", "citation", _citation_rule)
        rules = {
            "citation": self._render_citation,
            "fence": self._render_code,
            "code_block": self._render_code,
            "table_open": self._render_table_open,
            "th_open": self._render_cell,
            "td_open": self._render_cell,
        }
        for name, method in rules.items():
            self._md.add_render_rule(name, _as_rule(method))
        self._code: list[str] = []

    def render(self, text: str) -> Rendered:
        self._code = []
        body = self._md.render(text)
        return Rendered(body, list(self._code))

    def _render_citation(self, tokens: Sequence[Any], idx: int) -> str:
        numbers = tokens[idx].meta["numbers"]
        style = f"color:{self.palette.accent}; text-decoration:none; font-weight:600;"
        return "".join(f'<a href="cite:{n}" style="{style}">[{n}]</a>' for n in numbers)

    def _render_code(self, tokens: Sequence[Any], idx: int) -> str:
        token = tokens[idx]
        code = token.content.rstrip("\n")
        number = len(self._code)
        self._code.append(code)
        lang = html.escape(token.info.strip().split(" ")[0]) if token.info else ""
        p = self.palette
        header = (
            f'<tr><td style="color:{p.muted}; font-size:small;">{lang}</td>'
            f'<td align="right" style="font-size:small;"><a href="copy:{number}" '
            f'style="color:{p.accent}; text-decoration:none;">'
            f"{html.escape(p.copy_label)}</a></td></tr>"
        )
        return (
            f'<table width="100%" cellspacing="0" cellpadding="8" bgcolor="{p.code_bg}" '
            f'style="margin-top:6px; margin-bottom:6px;">{header}'
            f'<tr><td colspan="2"><pre style="font-family:{p.mono}; margin:0;">'
            f"{html.escape(code)}</pre></td></tr></table>\n"
        )

    def _render_table_open(self, _tokens: Sequence[Any], _idx: int) -> str:
        return (
            f'<table cellspacing="0" cellpadding="6" border="1" '
            f'style="border-color:{self.palette.border}; border-style:solid; '
            f'border-collapse:collapse; margin-top:6px; margin-bottom:6px;">'
        )

    def _render_cell(self, tokens: Sequence[Any], idx: int) -> str:
        token = tokens[idx]
        style = token.attrGet("style") or ""
        align = ""
        if "text-align:" in style:
            align = f' align="{style.split("text-align:")[1].strip(" ;")}"'
        return f"<{token.tag}{align}>"
