"""The one lock every call into PDFium holds: the library is not thread-safe."""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
