"""Pagefold: private, local chat with your own documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pagefold")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+src"

APP_NAME = "Pagefold"
APP_ID = "pagefold"
