"""Pagefold: private, local chat with your own documents."""

import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# OpenMP threads spin while waiting; on a busy 2-core machine that made one query embedding take
# 10x longer. It only takes effect if set before torch is imported, hence here.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _version() -> str:
    """The version from pyproject.toml, its one source, however Pagefold was started.

    Installed: the package metadata. Frozen (PyInstaller): ``resources/VERSION``, written from
    pyproject.toml by packaging/pagefold.spec, since a bundle carries no package metadata.
    A checkout that was never installed: pyproject.toml itself.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        try:
            return (Path(bundle) / "resources" / "VERSION").read_text(encoding="utf-8").strip()
        except OSError:
            return "0.0.0+frozen"
    try:
        return version("pagefold")
    except PackageNotFoundError:
        pass
    try:
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, ValueError):
        return "0.0.0+src"


__version__ = _version()

APP_NAME = "Pagefold"
APP_ID = "pagefold"
