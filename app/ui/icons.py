"""Line icons from ``resources/icons`` tinted with the theme's colours."""

from __future__ import annotations

import weakref
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.ui import theme
from app.ui.resources import resource_path


@lru_cache(maxsize=256)
def _svg(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


@lru_cache(maxsize=512)
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode("utf-8")))


class _TintedSvgEngine(QIconEngine):
    """Renders a line icon in one colour, at the size asked for, only when it is painted
    (start-up stays fast however many icons the window has)."""

    def __init__(self, name: str, colour: str, disabled: str) -> None:
        super().__init__()
        self._name, self._colour, self._disabled = name, colour, disabled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        colour = self._disabled if mode == QIcon.Mode.Disabled else self._colour
        _renderer(self._name, colour).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return QPixmap.fromImage(image)

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._name, self._colour, self._disabled)


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon in the theme's text colour (or ``colour``), crisp at any size."""
    return QIcon(_TintedSvgEngine(name, colour or theme.current().text, theme.current().muted))


def app_icon() -> QIcon:
    result = QIcon(str(resource_path("icons", "pagefold.svg")))
    png = resource_path("icons", "pagefold.png")
    if png.exists():
        result.addFile(str(png), QSize(256, 256))
    return result


_bound: list[tuple[weakref.ref[Any], str, str]] = []


def set_icon(target: Any, name: str, role: str = "text") -> None:
    """``target.setIcon`` with a themed icon that follows later theme switches.

    ``role`` names a colour of ``theme.Tokens`` (text, muted, accent, accent_text, danger).
    """
    target.setIcon(icon(name, getattr(theme.current(), role)))
    _bound.append((weakref.ref(target), name, role))


def refresh_icons() -> None:
    """Re-tint every icon set through ``set_icon`` (after a theme switch)."""
    alive: list[tuple[weakref.ref[Any], str, str]] = []
    for ref, name, role in _bound:
        target = ref()
        if target is None:
            continue
        try:
            target.setIcon(icon(name, getattr(theme.current(), role)))
        except RuntimeError:  # its widget is gone
            continue
        alive.append((ref, name, role))
    _bound[:] = alive


theme.on_switch(refresh_icons)
