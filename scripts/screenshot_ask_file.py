"""Screenshot of "Ask about this file": the offer after one PDF is dropped on an empty chat, and
the temporary-collection bar once it is indexed and asked about (one PNG, the two states stacked).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_ask_file.py \
        [--out docs/screenshots] [--model PATH.gguf]

A fresh data folder, the real sample PDF, the default embedder; without ``--model`` the answer is
search-only (the passages and their pages).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
SAMPLE = REPO / "resources" / "samples" / "pagefold-sample.pdf"


def stack(top: object, bottom: object, path: Path) -> None:
    from PySide6.QtGui import QColor, QPainter, QPixmap

    a, b = top, bottom
    assert isinstance(a, QPixmap) and isinstance(b, QPixmap)
    out = QPixmap(max(a.width(), b.width()), a.height() + b.height() + 8)
    out.fill(QColor("#8a8f98"))
    painter = QPainter(out)
    painter.drawPixmap(0, 0, a)
    painter.drawPixmap(0, a.height() + 8, b)
    painter.end()
    out.save(str(path))
    print(f"saved {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefold-shots-") as tmp:
        os.environ["PAGEFOLD_HOME"] = str(Path(tmp) / "data")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from screenshots import Shooter

        from tests.ui.test_indexing import drop

        pdf = Path(shutil.copy(SAMPLE, Path(tmp) / "harbor-handbook.pdf"))
        shooter = Shooter(args.out, args.model)
        w = shooter.window
        w.resize(1280, 760)
        shooter.wait(lambda: w._started and not w.hub.busy("io"), 60)
        shooter.settle(0.5)
        w.welcome.start_button.click()
        shooter.wait(lambda: w.center.currentWidget() is w.chat_page, 10)
        drop(w.chat_page, [pdf])
        shooter.wait(lambda: w.chat_page.offer.isVisible(), 60)
        shooter.settle(0.6)
        offer = w.grab()
        w.chat_page.offer.ask_button.click()
        shooter.wait(lambda: w.ask_file.name != "", 60)
        shooter.wait(lambda: not w.indexing.busy and w.collections.rowCount() == 1, 300)
        if args.model:
            w.models.choose(args.model)
            shooter.wait(lambda: not w.models.loading, 300)
        shooter.ask("What is the access code of the Harbor Archive?")
        shooter.settle(0.8)
        stack(offer, w.grab(), args.out / "12-ask-about-file.png")
        w.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
