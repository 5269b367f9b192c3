"""Pagefold: private, local chat with your own documents."""

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


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
