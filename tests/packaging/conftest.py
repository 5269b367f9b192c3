"""Load the build scripts in packaging/ as modules.

packaging/ is not a Python package on purpose: its name would shadow the PyPI ``packaging``
library that pip, PyInstaller and transformers import. So the tests load files by path.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def load_script(relative: str) -> ModuleType:
    """Import ``packaging/<relative>`` under a private name (once per session)."""
    path = PACKAGING / relative
    name = "pagefold_packaging_" + path.stem
    if name in sys.modules:
        return sys.modules[name]
    if str(path.parent) not in sys.path:
        sys.path.append(str(path.parent))  # scripts import their siblings (appmeta, icons)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def appmeta() -> ModuleType:
    return load_script("appmeta.py")
