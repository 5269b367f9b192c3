"""Line icons from ``resources/icons`` tinted with the theme's colours."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.ui import theme
from app.ui.resources import resource_path


@lru_cache(maxsize=256)
def _svg(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def _pixmap(name: str, colour: str, size: int) -> QPixmap:
    data = QByteArray(_svg(name).replace("currentColor", colour).encode("utf-8"))
    renderer = QSvgRenderer(data)
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon in the theme's text colour (or ``colour``), crisp at common sizes."""
    tint = colour or theme.current().text
    result = QIcon()
    for size in (16, 20, 24, 32, 48):
        result.addPixmap(_pixmap(name, tint, size), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(name, theme.current().muted, size), QIcon.Mode.Disabled)
    return result


def app_icon() -> QIcon:
    result = QIcon(str(resource_path("icons", "pagefold.svg")))
    png = resource_path("icons", "pagefold.png")
    if png.exists():
        result.addFile(str(png), QSize(256, 256))
    return result
