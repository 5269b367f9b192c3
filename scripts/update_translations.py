"""Refresh the Korean translation source from the code and compile it.

    .venv/bin/python scripts/update_translations.py

``resources/translations/pagefold_ko.ts`` is the source translators edit (Qt Linguist:
``.venv/bin/pyside6-linguist``); ``pagefold_ko.qm`` is what the app loads. Run this after
changing any ``self.tr(...)`` text under ``app/ui``; new strings show up as unfinished.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TS = REPO / "resources" / "translations" / "pagefold_ko.ts"


def main() -> int:
    sources = sorted(str(p) for p in (REPO / "app" / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-target-language",
            "ko_KR",
            "-no-obsolete",
            *sources,
            "-ts",
            str(TS),
        ],
        check=True,
    )
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True
    )
    unfinished = TS.read_text(encoding="utf-8").count('type="unfinished"')
    if unfinished:
        print(f"{unfinished} string(s) still need a Korean translation in {TS.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
