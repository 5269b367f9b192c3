"""Build ``resources/lexicon/ko-en.tsv``: English and Korean index words that translate each other.

Why a word list: BM25 cannot match an English question against Korean passages, and the word
bridge (``app/core/retrieval/bridge.py``) only finds pairs the small embedder already places
together. Software's own translations are a large, free parallel text: Debian ships each
program's Korean user-interface strings beside their English originals in gettext catalogs
(``msgid "Layer"`` / ``msgstr "레이어"``). About 67,000 such pairs from the packages below are
tokenized exactly as BM25 tokenizes passages (``lexical_tokens``), and in each pair every
English word is linked to at most one Korean word, strongest association (Dice) first
("competitive linking", Melamed 2000). A pair of words linked often enough, and making up
enough of each word's links, is kept with its count.

Why these packages: ordinary desktop and system programs with Korean catalogs. GIMP and
LibreOffice are left out on purpose: their manuals are the development evaluation's documents
(``benchmarks/evalset``), and a lexicon made from their own strings would score them better
than it scores a user's documents.

Run (needs ``apt-get`` and Debian's package mirror; about a minute)::

    python packaging/build_lexicon.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import gettext
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.core.hangul import has_syllable  # noqa: E402
from app.core.retrieval.lexicon import LEXICON_FILE  # noqa: E402
from app.core.retrieval.stopwords import BRIDGE_STOPWORDS  # noqa: E402
from app.core.retrieval.tokenize import lexical_tokens  # noqa: E402

PACKAGES = [
    "apt",
    "aptitude-common",
    "audacity-data",
    "baobab",
    "bash",
    "brasero-common",
    "cheese-common",
    "cinnamon-l10n",
    "coreutils",
    "debconf-i18n",
    "diffutils",
    "digikam-data",
    "dolphin",
    "dpkg",
    "evince-common",
    "evolution-common",
    "file-roller",
    "filezilla-common",
    "findutils",
    "geany-common",
    "gedit-common",
    "gnome-calculator",
    "gnome-control-center-data",
    "gnome-disk-utility",
    "gnome-shell-common",
    "gnome-system-monitor",
    "gnucash-common",
    "gnumeric-common",
    "grep",
    "gthumb-data",
    "hexchat-common",
    "inkscape",
    "kdenlive-data",
    "libglib2.0-data",
    "libgtk-3-common",
    "mate-desktop-common",
    "mousepad",
    "nautilus-data",
    "pavucontrol",
    "pidgin-data",
    "rhythmbox-data",
    "ristretto",
    "sed",
    "seahorse",
    "shotwell-common",
    "tar",
    "thunar-data",
    "totem-common",
    "transmission-common",
    "util-linux-locales",
    "vlc-l10n",
    "wget",
    "xfce4-panel",
    "xfce4-session",
]
#: At most this many words a side: longer strings are sentences, whose words link less surely.
MAX_WORDS = 10
#: Dice association below which two words are never linked.
MIN_DICE = 0.05
#: A kept pair: linked this often, and this share of the English word's and of the Korean
#: word's links (so "release" keeps 해제 and 릴리스, and a word linked once by chance goes).
MIN_LINKS = 2
MIN_SHARE_EN = 0.10
MIN_SHARE_KO = 0.05

_ACCELERATOR_KO = re.compile(r"\((?:_|&)?[A-Za-z0-9]\)")  # "파일(_F)"
_MARKUP = re.compile(r"<[^>]+>")
_FORMAT = re.compile(r"%[-+0-9.]*[a-zA-Z]|%\([^)]*\)[a-z]|\{[^}]*\}|\$\w+")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--keep", type=Path, help="download and unpack into DIR, and keep it")
    parser.add_argument("--out", type=Path, default=REPO.joinpath("resources", *LEXICON_FILE))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        catalogs = fetch(root)
        pairs = list(word_pairs(strings(catalogs)))
    links = link(pairs)
    write(args.out, kept(links), len(catalogs), len(pairs))
    print(f"{args.out}: {len(kept(links))} word pairs from {len(pairs)} strings")


def fetch(root: Path) -> list[Path]:
    """The Korean catalogs of ``PACKAGES``, downloaded and unpacked under ``root``."""
    debs, tree = root / "debs", root / "tree"
    debs.mkdir(parents=True, exist_ok=True)
    if not any(debs.glob("*.deb")):
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, check=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg", "-x", str(deb), str(tree)], check=True)
    return sorted(tree.glob("**/ko/LC_MESSAGES/*.mo"))


def strings(catalogs: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """(English, Korean) user-interface strings, without accelerators, markup and format codes."""
    for path in catalogs:
        with path.open("rb") as handle:
            catalog: dict[object, str] = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key, korean in catalog.items():
            if isinstance(key, tuple):  # plural forms: the first is enough
                if key[1] != 0:
                    continue
                key = key[0]
            english = _clean(str(key))
            korean = _clean(_ACCELERATOR_KO.sub("", korean))
            if english and korean and english != korean and has_syllable(korean):
                yield english, korean


def _clean(text: str) -> str:
    text = text.split("\x04")[-1]  # a message context
    text = _FORMAT.sub(" ", _MARKUP.sub(" ", text)).replace("_", "").replace("&", "")
    return " ".join(text.replace("…", " ").replace("...", " ").split()).strip(" :.!?")


def word_pairs(pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[list[str], list[str]]]:
    """Each string pair as BM25's English words and Korean words, function words left out."""
    for english, korean in pairs:
        en = [
            t
            for t in dict.fromkeys(lexical_tokens(english))
            if t.isalpha() and t.isascii() and t not in BRIDGE_STOPWORDS
        ]
        ko = [
            t
            for t in dict.fromkeys(lexical_tokens(korean))
            if has_syllable(t) and t not in BRIDGE_STOPWORDS
        ]
        if en and ko and len(en) <= MAX_WORDS and len(ko) <= MAX_WORDS:
            yield en, ko


def link(pairs: list[tuple[list[str], list[str]]]) -> Counter[tuple[str, str]]:
    """How often each English word was linked to each Korean word (competitive linking)."""
    count_en: Counter[str] = Counter()
    count_ko: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for en, ko in pairs:
        count_en.update(en)
        count_ko.update(ko)
        together.update((e, k) for e in en for k in ko)
    links: Counter[tuple[str, str]] = Counter()
    for en, ko in pairs:
        scored = sorted(
            ((2 * together[e, k] / (count_en[e] + count_ko[k]), e, k) for e in en for k in ko),
            reverse=True,
        )
        used_en: set[str] = set()
        used_ko: set[str] = set()
        for dice, e, k in scored:
            if dice < MIN_DICE:
                break
            if e not in used_en and k not in used_ko:
                used_en.add(e)
                used_ko.add(k)
                links[e, k] += 1
    return links


def kept(links: Counter[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """The pairs that pass ``MIN_LINKS`` and both shares, sorted by English word then count."""
    per_en: Counter[str] = Counter()
    per_ko: Counter[str] = Counter()
    for (e, k), n in links.items():
        per_en[e] += n
        per_ko[k] += n
    return sorted(
        (
            (e, k, n)
            for (e, k), n in links.items()
            if n >= MIN_LINKS and n / per_en[e] >= MIN_SHARE_EN and n / per_ko[k] >= MIN_SHARE_KO
        ),
        key=lambda row: (row[0], -row[2], row[1]),
    )


def write(path: Path, rows: list[tuple[str, str, int]], catalogs: int, pairs: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"# English<TAB>Korean<TAB>links: {len(rows)} pairs linked in {pairs} user-interface\n"
        f"# strings of {catalogs} gettext catalogs from Debian packages"
        " (packaging/build_lexicon.py).\n"
    )
    body = "".join(f"{e}\t{k}\t{n}\n" for e, k, n in rows)
    path.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main()
