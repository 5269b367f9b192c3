"""Pagefold: private, local chat with your own documents."""

import os
import sys
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
    from importlib.metadata import PackageNotFoundError, version

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


def __getattr__(name: str) -> str:
    """``__version__`` is read on first use: the package metadata lookup cost 0.2 s of every
    command's start on a loaded machine, and only ``--version`` and the About box need it."""
    if name == "__version__":
        value = _version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


APP_NAME = "Pagefold"
APP_ID = "pagefold"
