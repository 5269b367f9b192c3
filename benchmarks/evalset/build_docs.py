"""Build the evaluation documents from Debian packages: the same manuals in Korean and English.

    .venv/bin/python benchmarks/evalset/build_docs.py [--out .cache/evalset]

Sources (all install offline from Debian, fetched with ``apt-get download`` and unpacked with
``dpkg -x``, nothing installed): ``gimp-help-ko``/``gimp-help-en`` (the GIMP manual),
``libreoffice-help-ko``/``libreoffice-help-en-us``, ``debian-faq``/``debian-faq-ko`` and
``debian-history`` (its PDFs, copied as they are: the Korean one has lost the spaces between
its words).

Out: ``docs/ko/`` and ``docs/en/``, one collection each, with the same pages in both. A page is
named after its source with the language before the suffix (``lo-scalc-01-04060106.ko.html``),
so a question's ``doc`` names its language too. Which pages: every GIMP page whose Korean text
is mostly Hangul (22 of 691 are; the rest of gimp-help-ko is untranslated English), 20 other
GIMP pages as part-translated distractors, 150 LibreOffice pages drawn with a fixed seed from
the 408 with mostly-Hangul Korean text, and every Debian FAQ chapter. 36 of them (18 a
language, the same pages) are printed to PDF with Qt's ``QTextDocument`` and ``QPdfWriter``, so
the PDF path is exercised; the others stay HTML. Running it again gives the same files.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "gimp-help-ko",
    "gimp-help-en",
    "libreoffice-help-ko",
    "libreoffice-help-en-us",
    "debian-faq",
    "debian-faq-ko",
    "debian-history",
)
HISTORY = "doc/debian-history/docs/project-history"
SEED = 15
LIBREOFFICE_PAGES = 150
GIMP_DISTRACTORS = 20
PDF_PAGES = 18
_HANGUL = re.compile("[\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z]")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fetch(out: Path) -> Path:
    """Download and unpack the packages once; returns the unpacked tree's ``usr/share``."""
    debs, tree = out / "debs", out / "x"
    share = tree / "usr" / "share"
    if all((share / part).exists() for part in ("libreoffice", "gimp", f"{HISTORY}.ko.pdf")):
        return share
    debs.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, check=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg", "-x", str(deb), str(tree)], check=True)
    return share


def plain(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"(?s)<(script|style|head)[^>]*>.*?</\1>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def hangul_share(text: str) -> float:
    hangul, latin = len(_HANGUL.findall(text)), len(_LATIN.findall(text))
    return hangul / (hangul + latin + 1)


def pairs(share: Path) -> list[tuple[str, Path, Path]]:
    """(name, Korean page, English page) for every page picked, in a fixed order."""
    rng = random.Random(SEED)
    chosen: list[tuple[str, Path, Path]] = []
    gimp_ko, gimp_en = share / "gimp/2.0/help/ko", share / "gimp/2.0/help/en"
    translated, partial = [], []
    for ko in sorted(gimp_ko.glob("*.html")):
        en = gimp_en / ko.name
        if not en.exists():
            continue
        text = plain(ko)
        share_ko = hangul_share(text)
        if share_ko > 0.5 and len(text) > 800:
            translated.append((f"gimp-{ko.stem}", ko, en))
        elif share_ko > 0.1 and len(text) > 800:
            partial.append((f"gimp-{ko.stem}", ko, en))
    chosen += translated + rng.sample(partial, min(GIMP_DISTRACTORS, len(partial)))
    lo_ko, lo_en = share / "libreoffice/help/ko", share / "libreoffice/help/en-US"
    office = []
    for ko in sorted(lo_ko.glob("text/**/*.html")):
        en = lo_en / ko.relative_to(lo_ko)
        text = plain(ko)
        if en.exists() and hangul_share(text) > 0.5 and len(text) > 600:
            name = "lo-" + "-".join(ko.relative_to(lo_ko / "text").with_suffix("").parts)
            office.append((name, ko, en))
    chosen += rng.sample(office, min(LIBREOFFICE_PAGES, len(office)))
    faq = share / "doc/debian/FAQ"
    for ko in sorted((faq / "ko").glob("*.ko.html")):
        chapter = ko.name.split(".")[0]
        en = faq / f"{chapter}.en.html"
        if en.exists() and chapter != "index":
            chosen.append((f"faq-{chapter}", ko, en))
    return chosen


def write_html(source: Path, target: Path) -> None:
    """The page as it is, images dropped (their files are not copied)."""
    text = source.read_text(encoding="utf-8", errors="replace")
    target.write_text(re.sub(r"<img\b[^>]*>", "", text), encoding="utf-8")


def write_pdf(source: Path, target: Path) -> None:
    """The page printed by Qt's rich-text engine: real text runs, fonts and page breaks."""
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    body = re.sub(r"<img\b[^>]*>", "", source.read_text(encoding="utf-8", errors="replace"))
    body = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", "", body)
    doc = QTextDocument()
    doc.setDefaultFont(QFont("Noto Sans CJK KR", 10))
    doc.setHtml(body)
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    found = re.search(r"(?is)<title[^>]*>(.*?)</title>", body)
    writer.setTitle(html.unescape(found.group(1)).strip() if found else target.stem)
    doc.print_(writer)


def build(out: Path) -> None:
    share = fetch(out)
    docs = out / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    chosen = pairs(share)
    as_pdf = {name for name, _, _ in random.Random(SEED + 1).sample(chosen, PDF_PAGES)}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for lang in ("ko", "en"):
        (docs / lang).mkdir(parents=True)
    for name, ko, en in chosen:
        for lang, source in (("ko", ko), ("en", en)):
            if name in as_pdf:
                write_pdf(source, docs / lang / f"{name}.{lang}.pdf")
            else:
                write_html(source, docs / lang / f"{name}.{lang}.html")
    del app
    for lang in ("ko", "en"):  # Debian's own PDFs, as its package ships them
        target = docs / lang / f"project-history.{lang}.pdf"
        shutil.copyfile(share / f"{HISTORY}.{lang}.pdf", target)
    log(f"{len(chosen)} pages a language ({len(as_pdf)} as PDF) and the project history in {docs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "evalset")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
