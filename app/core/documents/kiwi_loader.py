"""Loading Kiwi, the Korean morphological analyser, in whichever process runs it.

A module of its own because both the in-process analyser (``korean.py``) and the child process
that hosts it for the window (``kiwi_process.py``) load it the same way, and ``korean`` starts
that child: with the loader in either of them the two imported each other.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def load_kiwi() -> Any | None:
    try:
        from kiwipiepy import Kiwi

        # Without the typo and multi-word dictionaries Kiwi loads in about a quarter of the
        # time (1.0 + 2.7 s against 4.2 + 4.5 s to the first answer, on a loaded 2-core
        # machine), and the search tokens stay the same: on 400 paragraphs of the Korean
        # Debian FAQ (5,431 content tokens) not one differed, since a multi-word noun
        # ("토이 스토리") is split at its space into the same tokens either way.
        kiwi = Kiwi(num_workers=1, load_typo_dict=False, load_multi_dict=False)
        kiwi.tokenize("초기화")  # the first call loads the language model
        return kiwi
    except Exception:  # a broken install must not stop documents from loading
        log.warning(
            "Kiwi could not be loaded; Korean line wraps are joined without a space", exc_info=True
        )
        return None
