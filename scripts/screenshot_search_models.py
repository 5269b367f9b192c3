"""Screenshot of Settings › Search with an installed reranker and a per-collection embedder.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_search_models.py \
        [--out docs/screenshots]

A fresh data folder, the sample PDFs of ``screenshots.py`` indexed with the default embedder, and
two installed models. The catalog's weights cannot be downloaded on the build machine, so the
installed reranker and embedder are the tests' tiny random-weight encoders registered under the
catalog's ids (``tests/core/encoders/tinyencoders.py``); the window shows them as it would show
the real downloads.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def install_stand_ins(layout: object, folder: Path) -> None:
    from app.core.models.importer import import_model
    from app.core.models.registry import ModelRegistry
    from tests.core.encoders.tinyencoders import make_cross_encoder, make_embedder

    registry = ModelRegistry(layout)  # type: ignore[arg-type]
    make_cross_encoder(folder / "mmarco-mminilmv2-l12")
    make_embedder(folder / "multilingual-e5-base")
    import_model(folder / "mmarco-mminilmv2-l12", registry, name="mMiniLMv2 L12 mMARCO")
    import_model(folder / "multilingual-e5-base", registry, name="multilingual-e5-base")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefold-shots-") as tmp:
        os.environ["PAGEFOLD_HOME"] = str(Path(tmp) / "data")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from screenshots import Shooter, make_samples

        from app.core.library import Library

        shooter = Shooter(args.out, None)
        library = Library(shooter.settings)
        library.ingest("Han River", make_samples(Path(tmp) / "docs"))
        install_stand_ins(library.layout, Path(tmp) / "models")
        library.close()
        w = shooter.window
        w.refresh_collections()
        shooter.wait(lambda: w.collections.names() == ["Han River"])
        w.settings_actions.open_settings()
        from app.ui.views.settings_dialog import SettingsDialog

        dialog = w.findChildren(SettingsDialog)[-1]
        dialog.tabs.setCurrentIndex(1)
        dialog.reranker.setCurrentIndex(2)  # the installed reranker, after Automatic and Off
        combo = dialog.embedder_combos["Han River"]
        combo.setCurrentIndex(combo.findData("multilingual-e5-base"))
        dialog.resize(760, 520)
        shooter.settle(0.8)
        path = args.out / "settings-reranker-embedder.png"
        dialog.grab().save(str(path))
        print(f"saved {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
