"""Deciding whether a hard line wrap inside Korean text hid a space, and putting back the
spaces a Korean text has lost altogether (``respaced``).

Korean extracted from PDFs and terminals wraps at any syllable, so ``배\\n포하면`` must become
``배포하면`` while ``조건에\\n따라`` must become ``조건에 따라``. No character rule tells them
apart; Kiwi's spacing model does. On the 923 Hangul–Hangul wraps of the Debian FAQ in Korean
it agreed with the document's own usage on 98.9% of the wraps whose answer the document shows,
against 88% for "always join" and 91% for the best hand-written particle rules tried.

Kiwi costs about a second to load and two more for its first call, so it is loaded lazily, once
per process, and only for documents that have such wraps. ``shared_kiwi()`` is the one instance
other modules (Korean-aware search tokens) should use too: each copy holds ~500 MB.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Sequence
from typing import Any

from app.core.documents.kiwi_loader import load_kiwi
from app.core.hangul import SYLLABLE_CLASS, count_syllables

log = logging.getLogger(__name__)

_lock = threading.Lock()
_call_lock = threading.Lock()
_state: dict[str, Any] = {"kiwi": None, "failed": False, "child": False}


def analyse_in_child_process() -> None:
    """From now on Kiwi loads in a child process (``kiwi_process``): for the window, whose
    event loop must not wait while Kiwi's loader holds the GIL. Call before the first use."""
    _state["child"] = True


def shared_kiwi() -> Any | None:
    """The process's Kiwi analyser, loaded on first use; None when it cannot be loaded."""
    if _state["kiwi"] is None and not _state["failed"]:
        with _lock:
            if _state["kiwi"] is None and not _state["failed"]:
                _state["kiwi"] = _child_kiwi() if _state["child"] else load_kiwi()
                _state["failed"] = _state["kiwi"] is None
    return _state["kiwi"]


def _child_kiwi() -> Any | None:
    from app.core.documents.kiwi_process import KiwiProcess

    try:
        proxy = KiwiProcess()
        if proxy.available():  # waits in this worker thread; the GIL is free meanwhile
            return proxy
        proxy.close()
    except Exception:  # no child process here (a sandbox, a script without a main guard)
        log.warning("Kiwi cannot run in a child process; loading it here", exc_info=True)
    return load_kiwi()


def wraps_hide_space(joins: Sequence[tuple[str, str]]) -> list[bool]:
    """For each (text before the wrap, text after it), whether a space belongs at the wrap.

    Only a few words either side are needed; without Kiwi every wrap is joined directly,
    the right call for most Korean wraps (and the harmless error for the rest).
    """
    kiwi = shared_kiwi() if joins else None
    if kiwi is None:
        return [False] * len(joins)
    with _call_lock:  # loaders run in worker threads; Kiwi's thread safety is not promised
        return [_space_at(left, right) for left, right in joins]


@functools.lru_cache(maxsize=65536)  # running headers and footers repeat on every PDF page
def _space_at(left: str, right: str) -> bool:
    spaced = str(_state["kiwi"].space(left + right, reset_whitespace=False))
    wanted = len(left.replace(" ", ""))
    if len(spaced.replace(" ", "")) != wanted + len(right.replace(" ", "")):
        return False  # Kiwi changed the characters themselves: do not trust it here
    seen = 0
    for i, char in enumerate(spaced):
        if char != " ":
            seen += 1
            if seen == wanted:
                return spaced[i + 1 : i + 2] == " "
    return False


#: Spaces after a Hangul syllable, per Hangul syllable, below which a text has lost the spaces
#: between its words. Korean prose with its spaces: 0.29 (a Debian FAQ page); Debian's "Short
#: History of Debian" Korean PDF, whose converter dropped them ("데비안프로젝트는무엇인가?"):
#: 0.04; the same page re-spaced by Kiwi: 0.29.
LOST_SPACES_BELOW = 0.1
#: Fewer Hangul syllables than this say nothing about spacing (a heading, a table cell).
_MIN_SYLLABLES = 20
_SPACE_AFTER_SYLLABLE = re.compile(f"(?<=[{SYLLABLE_CLASS}]) ")
_WHITESPACE = re.compile(r"\s+")


def lost_spaces(text: str) -> bool:
    """Whether ``text`` is Korean that has lost the spaces between its words."""
    syllables = count_syllables(text)
    if syllables < _MIN_SYLLABLES:
        return False
    return len(_SPACE_AFTER_SYLLABLE.findall(text)) < LOST_SPACES_BELOW * syllables


def respaced(text: str) -> str:
    """``text`` with Kiwi's spaces between its Korean words where it has lost them; any other
    text (and all text without Kiwi) unchanged.

    Why: in text without spaces multilingual-e5 reads run-together syllables as unfamiliar
    words, and BM25's morphemes are cut worse. For what is indexed only; the passage a user
    reads and its offsets stay the page's own. Measured on the development evaluation's 38
    questions about that PDF (``benchmarks/evalset/history_facts.jsonl``; see the README).
    """
    if not lost_spaces(text):
        return text
    kiwi = shared_kiwi()
    if kiwi is None:
        return text
    try:
        with _call_lock:
            spaced = str(kiwi.space(text, reset_whitespace=False))
    except Exception:  # the document still indexes, as it reads
        log.warning("Kiwi could not re-space a passage; indexing it as it is", exc_info=True)
        return text
    if _WHITESPACE.sub("", spaced) != _WHITESPACE.sub("", text):
        return text  # Kiwi changed the characters themselves: index what the page says
    return spaced


def spaced_position(text: str, spaced: str, offset: int) -> int:
    """Where ``text[offset:]`` starts in ``spaced``, ``text`` as ``respaced`` returned it
    (the same characters, other spaces)."""
    if spaced == text:
        return offset
    wanted = len(_WHITESPACE.sub("", text[:offset]))
    seen = 0
    for position, char in enumerate(spaced):
        if seen == wanted:
            return position
        seen += not char.isspace()
    return len(spaced)
