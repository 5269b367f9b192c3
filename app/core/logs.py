"""Logging to a rotating file in the data folder: users see messages, the log keeps tracebacks."""

from __future__ import annotations

import logging
import logging.handlers

from app.core.storage.layout import DataLayout

_configured: set[str] = set()


def configure_logging(layout: DataLayout, level: int = logging.INFO) -> None:
    """Idempotent per log file; safe to call from the CLI and the GUI alike."""
    path = layout.log_file
    if str(path) in _configured:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root = logging.getLogger("app")
    root.setLevel(level)
    root.addHandler(handler)
    _configured.add(str(path))
