"""Turning extracted text into the one normal form that chunk offsets refer to.

Rules, in order:

1. Unicode NFC (decomposed Hangul jamo from some PDFs become syllables); ``ﬁ``-style
   ligatures expanded.
2. Soft hyphens (U+00AD, and U+FFFE, which PDFium emits for a hyphen it removed at a line
   end) are dropped together with the line break after them.
3. Newlines unified to ``\\n``; form feed and U+2029 count as a paragraph break.
4. NUL, BOM and zero-width spaces are deleted; other control characters, tabs and Unicode
   spaces become a space (PDF text layers use them as word gaps); runs of spaces collapse to
   one; lines are stripped.
5. Blank lines separate paragraphs, written as ``\\n\\n``.
6. Inside a paragraph each line break is a hard wrap to join, or a break to keep:

   - kept (``\\n``) before list items, around Markdown headings and table rows, after a line
     much shorter than the paragraph's usual line (a title, a paragraph's last line in a PDF),
     and after a sentence end on a line that stops clearly short of the usual width;
   - ``-`` at the end of an English word followed by a lower-case word: the hyphen goes
     (``infor-\\nmation``), unless the hyphenated form appears elsewhere in the text;
     after a digit or capital (``3-\\ndimensional``) the hyphen stays and the words join;
   - after ``/`` (URLs, paths) and between Chinese or Japanese characters: joined directly;
   - Hangul (or a Latin word) before and Hangul after: Kiwi decides whether a space was
     hidden by the wrap (see ``korean``); otherwise a space.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from app.core.documents import korean
from app.core.documents.chars import display_width, ends_sentence, is_cjk
from app.core.hangul import is_syllable

_SOFT_HYPHEN = re.compile("[\u00ad\ufffe](?:\r\n|\r|\n)?")
_SPACES = re.compile(" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(" ?\n ?")
_PARAGRAPH_BREAK = re.compile("\n{2,}")
_LIST_ITEM = re.compile(
    r"(?:[-*+•·▪◦‣●○■□►▶※✓✔❖➢→]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s|\(\d{1,3}\)\s|[①-⑳])"
)
_STRUCTURAL = re.compile(r"(?:#{1,6}\s|\||>\s)")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_TRAILING_LETTERS = re.compile(r"[A-Za-z]+$")
_LEADING_LETTERS = re.compile(r"^[A-Za-z]+")

SHORT_LINE = 0.6  # of the paragraph's usual width: a title or a paragraph's last line
SHORT_SENTENCE_LINE = 0.85  # a sentence ending this far short of the width ends a paragraph


def _translation_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        table[code] = " "
    table.update({ord("\n"): "\n", ord("\r"): "\n", 0x0B: "\n", 0x85: "\n", 0x2028: "\n"})
    table.update({0x0C: "\n\n", 0x2029: "\n\n"})
    for code in (0x00, 0x200B, 0x2060, 0xFEFF, *range(0xD800, 0xE000)):
        table[code] = None
    for code in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[code] = " "
    ligatures = {
        0xFB00: "ff",
        0xFB01: "fi",
        0xFB02: "fl",
        0xFB03: "ffi",
        0xFB04: "ffl",
        0xFB05: "st",
        0xFB06: "st",
    }
    table.update(ligatures)
    return table


_TABLE = _translation_table()


LineMode = Literal["auto", "wrap", "keep"]


def normalize_text(text: str, *, lines: LineMode = "auto") -> str:
    """The normal form of ``text`` (see the module docstring for the rules).

    ``lines`` says what a single line break inside a paragraph is: ``"auto"`` guesses (rule 6,
    for extracted text), ``"wrap"`` joins every one (Markdown soft breaks), ``"keep"`` keeps
    every one (code, or markup that already said where lines end).
    """
    text = clean_characters(text)
    paragraphs = [p.strip("\n") for p in _PARAGRAPH_BREAK.split(text) if p.strip("\n")]
    if lines != "keep":
        paragraphs = _Joiner(text, guess_breaks=lines == "auto").join(paragraphs)
    return "\n\n".join(p for p in paragraphs if p).strip()


def clean_characters(text: str) -> str:
    """Rules 1–4: one character repertoire, single spaces, ``\\n`` line ends, stripped lines."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _SOFT_HYPHEN.sub("", text)
    text = text.replace("\r\n", "\n").translate(_TABLE)
    text = _SPACES.sub(" ", text)
    return _SPACE_AROUND_NEWLINE.sub("\n", text).strip(" ")


@dataclass
class _Joiner:
    """Joins the hard-wrapped lines of each paragraph; Korean wraps are decided in one batch."""

    full_text: str
    guess_breaks: bool = True
    _hyphenated: set[str] | None = None
    _pending: list[tuple[int, int, str, str]] = field(default_factory=list)

    def join(self, paragraphs: list[str]) -> list[str]:
        pieces = [self._plan(p_index, p) for p_index, p in enumerate(paragraphs)]
        self._resolve_korean(pieces)
        return ["".join(parts) for parts in pieces]

    def _plan(self, p_index: int, paragraph: str) -> list[str]:
        """Lines interleaved with separators; Korean separators are left for Kiwi."""
        lines = paragraph.split("\n")
        if len(lines) == 1:
            return lines
        usual = _usual_width(lines)
        parts = [lines[0]]
        for before, after in itertools.pairwise(lines):
            separator = self._separator(before, after, usual)
            if separator is None:
                self._pending.append((p_index, len(parts), _tail(parts[-1]), _head(after)))
                separator = ""
            elif separator == "-drop":
                parts[-1] = parts[-1][:-1]
                separator = ""
            parts.extend([separator, after])
        return parts

    def _separator(self, before: str, after: str, usual: int) -> str | None:
        hyphen = before.endswith("-") and len(before) > 1 and before[-2].isalnum()
        if hyphen and not (self.guess_breaks and _is_structural(before, after)):
            return self._hyphen(before, after)
        if self.guess_breaks and self._is_break(before, after, usual):
            return "\n"
        last, first = before[-1], after[0]
        if last == "/" or (is_cjk(last) and is_cjk(first)):
            return ""
        if is_syllable(first) and (is_syllable(last) or last.isalnum()):
            return None
        return " "

    @staticmethod
    def _is_break(before: str, after: str, usual: int) -> bool:
        """A line break that ends a paragraph, a title or a list item, not a wrap."""
        if _is_structural(before, after):
            return True
        width = display_width(before)
        if width < SHORT_LINE * usual:
            return True
        return ends_sentence(before) and width < SHORT_SENTENCE_LINE * usual

    def _hyphen(self, before: str, after: str) -> str:
        """``-drop`` removes a line-break hyphen from an English word; else keep it, no space."""
        if not (before[-2].islower() and after[0].islower() and after[0].isascii()):
            return "" if after[0].isalnum() else " "
        left = _TRAILING_LETTERS.search(before[:-1])
        right = _LEADING_LETTERS.search(after)
        if left and right and f"{left.group()}-{right.group()}" in self._hyphenated_words():
            return ""
        return "-drop"

    def _hyphenated_words(self) -> set[str]:
        if self._hyphenated is None:
            self._hyphenated = set(_HYPHENATED.findall(self.full_text))
        return self._hyphenated

    def _resolve_korean(self, pieces: list[list[str]]) -> None:
        joins = [(left, right) for _, _, left, right in self._pending]
        for (p_index, slot, _, _), spaced in zip(
            self._pending, korean.wraps_hide_space(joins), strict=True
        ):
            pieces[p_index][slot] = " " if spaced else ""


def _is_structural(before: str, after: str) -> bool:
    """Markdown headings, table rows and quotes, and list items, keep their own lines."""
    return bool(_STRUCTURAL.match(after) or _STRUCTURAL.match(before) or _LIST_ITEM.match(after))


def _usual_width(lines: list[str]) -> int:
    """The width a paragraph's lines wrap at: its widest line, or the 90th percentile of many
    (a PDF page is one "paragraph" of many lines, some of them odd)."""
    widths = sorted(display_width(line) for line in lines)
    if len(widths) <= 5:
        return widths[-1]
    return widths[int(0.9 * (len(widths) - 1))]


def _tail(line: str, words: int = 2) -> str:
    return " ".join(line.split(" ")[-words:])[-24:]


def _head(line: str, words: int = 2) -> str:
    return " ".join(line.split(" ")[:words])[:24]
