"""Which OCR engine reads scanned pages, found once per process and cached.

The engine is optional: without it Pagefold still indexes every page that has text and says
which pages it could not read, with ``MISSING_HINT`` telling the user how to fix that.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from app.core.ocr.tesseract import find_tesseract

MISSING_HINT = "install Tesseract with Korean data to read scanned pages"
KOREAN_MISSING_HINT = "install Tesseract's Korean data (tesseract-ocr-kor) to read Korean scans"


class OcrEngine(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def languages(self) -> tuple[str, ...]: ...

    def recognize(self, image: Any) -> str: ...


_lock = threading.Lock()
_cached: list[OcrEngine | None] = []


def default_engine() -> OcrEngine | None:
    """The engine to use, or None when none is installed (looked up once, then cached)."""
    with _lock:
        if not _cached:
            _cached.append(find_tesseract())
        return _cached[0]


def forget_engine() -> None:
    """Look the engine up again next time (after the user installs it, and in tests)."""
    with _lock:
        _cached.clear()


def engine_hint(engine: OcrEngine | None) -> str:
    """What the user should install, or "" when the engine reads Korean and English."""
    if engine is None:
        return MISSING_HINT
    if "kor" not in engine.languages:
        return KOREAN_MISSING_HINT
    return ""
