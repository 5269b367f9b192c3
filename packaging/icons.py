"""Render the app icon from its one source, ``resources/icons/pagefold.svg``, for each installer.

PNGs for the Linux hicolor theme, ``.ico`` for Windows, ``.icns`` for macOS. Qt renders the SVG
(QtSvg is in PySide6-Essentials, already a dependency) and Pillow writes the container formats
(Pillow comes with sentence-transformers), so no extra tool is needed on any build host.

    python packaging/icons.py OUTPUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs(svg: Path, out: Path, sizes: tuple[int, ...] = PNG_SIZES) -> dict[int, Path]:
    """One square PNG per size, transparent outside the icon's shape."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A QApplication, not a bare QGuiApplication: the process (a test run, the self-test) may
    # need widgets later, and Qt allows one application object per process.
    _app = QApplication.instance() or QApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG Qt can render")
    out.mkdir(parents=True, exist_ok=True)
    files: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        files[size] = path
    del _app
    return files


def build_icons(svg: Path, out: Path) -> dict[str, str]:
    """PNGs plus ``pagefold.ico`` and ``pagefold.icns``; keys are ``sys.platform`` values."""
    from PIL import Image

    pngs = render_pngs(svg, out / "png")
    largest = Image.open(pngs[max(pngs)])
    ico = out / "pagefold.ico"
    largest.save(ico, sizes=[(s, s) for s in ICO_SIZES])
    icns = out / "pagefold.icns"
    largest.save(icns)  # Pillow writes every ICNS size up to 1024 from the largest image
    return {"win32": str(ico), "darwin": str(icns), "linux": str(pngs[256])}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    repo = Path(__file__).resolve().parent.parent
    for key, value in build_icons(
        repo / "resources" / "icons" / "pagefold.svg", Path(sys.argv[1])
    ).items():
        print(key, value)
