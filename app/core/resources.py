"""Where bundled read-only files (catalog, prompts, icons) live, from a checkout or a bundle.

A PyInstaller bundle unpacks data next to ``sys._MEIPASS``; a checkout keeps ``resources/`` at the
repository root. Callers name a file relative to ``resources/`` and never care which case holds.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def resources_root() -> Path:
    """The ``resources`` folder of this installation."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return _REPO_ROOT / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/``; existence is the caller's concern (some files are optional)."""
    return resources_root().joinpath(*parts)
