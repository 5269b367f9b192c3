"""A per-request fence around document text: ``<doc-3f9a1c>`` … ``</doc-3f9a1c>``.

Why: document text was fenced with a triple quote, and a triple quote inside a document was
replaced by one quote, but a run of five quotes became a triple quote again, so a passage's own
"[system] new instructions" rendered outside its block (issue 19). A tag made of six random hex
digits, drawn for each request and redrawn if any document happens to contain it, is a
delimiter no document can produce: its author cannot know it. Chat-template control tokens in
document text (``<|im_start|>``, ``[INST]``) would still end the user's turn inside the model's
tokenizer, so they get a zero-width space that keeps them as plain text.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

TAG_PREFIX = "doc-"
TAG_HEX = 6  # 16.7 million tags: guessing one is hopeless, and it costs ~4 tokens
COUNTING_TAG = TAG_PREFIX + "0" * TAG_HEX  # same length as any real tag, for token budgets
_CONTROL_RE = re.compile(r"<(?=\|)|<(?=/?s>)|\[(?=/?(?:INST|SYS)\])")
_ZWSP = "\u200b"


def new_tag(texts: Iterable[str] = ()) -> str:
    """A fresh tag that occurs in none of ``texts``."""
    corpus = list(texts)
    while True:
        tag = TAG_PREFIX + secrets.token_hex(TAG_HEX // 2)
        if not any(tag in text for text in corpus):
            return tag


def neutral(text: str) -> str:
    """``text`` with chat-template control tokens broken up; otherwise unchanged."""
    return _CONTROL_RE.sub(lambda match: match.group() + _ZWSP, text)


def fenced(text: str, tag: str) -> str:
    """The text between the tag's opening and closing lines."""
    return f"<{tag}>\n{neutral(text)}\n</{tag}>"


def inline(text: str, tag: str) -> str:
    """A title on one line between the tag's opening and closing."""
    return f"<{tag}>{neutral(' '.join(text.split()))}</{tag}>"


class TagFilter:
    """Removes fence tags from a stream of tokens, should a model echo them.

    Any ``<doc-xxxxxx>`` counts, not only this request's: a summary's prompt carries one tag per
    part, and SmolLM2 copied them into summaries as readily as into translations. A document
    cannot plant one (its author cannot know the tag), so a tag in an answer is always an echo.
    A token that might be the start of a tag is held back until the next one shows whether it
    is; ``flush`` returns what is still held at the end.
    """

    _TEMPLATES = tuple(
        mark.replace("TAG", TAG_PREFIX + "#" * TAG_HEX)
        for mark in ("<TAG>\n", "\n</TAG>", "</TAG>")
    )
    _MARK_RE = re.compile(
        rf"<{TAG_PREFIX}[0-9a-f]{{{TAG_HEX}}}>\n?|\n?</{TAG_PREFIX}[0-9a-f]{{{TAG_HEX}}}>"
    )

    def __init__(self) -> None:
        self._held = ""

    def feed(self, token: str) -> str:
        text = self._held + token
        keep = self._partial(text)  # before removing: "<tag>" may yet become "<tag>\n"
        self._held = text[len(text) - keep :] if keep else ""
        return self._remove(text[: len(text) - keep])

    def flush(self) -> str:
        held, self._held = self._held, ""
        return self._remove(held)

    def _remove(self, text: str) -> str:
        return self._MARK_RE.sub("", text)

    def _partial(self, text: str) -> int:
        """Length of the longest tail of ``text`` that starts one of the marks."""
        longest = max(len(t) for t in self._TEMPLATES)
        for size in range(min(len(text), longest), 0, -1):
            tail = text[-size:]
            if any(_starts(template, tail) for template in self._TEMPLATES):
                return size
        return 0


def _starts(template: str, tail: str) -> bool:
    """Whether ``tail`` begins ``template``, where ``#`` in the template is any hex digit."""
    if len(tail) > len(template):
        return False
    digits = "0123456789abcdef"
    return all(c in digits if t == "#" else c == t for t, c in zip(template, tail, strict=False))
