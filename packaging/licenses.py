"""THIRD-PARTY-NOTICES: name, version, licence and licence text of every bundled distribution.

A frozen build redistributes Python, Qt, PyTorch and about a hundred more packages; their
licences (BSD, MIT, Apache's NOTICE clause, LGPL for Qt) ask for their notices to
travel with the binaries. The list is the dependency closure of the installed ``pagefold``
distribution in the build environment, so test and build tools are not listed.

    python packaging/licenses.py OUTPUT_FILE
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT_DIST = "pagefold"
#: Bundled data made from other works, with where it came from.
DATA_NOTICES = (
    (
        "resources/lexicon/ko-en.tsv",
        "English-Korean word pairs counted in the Korean user-interface translations that "
        "Debian's packages of these programs ship, each under its program's licence (GPL, "
        "LGPL or compatible; the package copyright files name them): "
        "{packages}. Built by packaging/build_lexicon.py.",
    ),
    (
        "resources/alignment/intfloat--multilingual-e5-small.npy",
        "A rotation of multilingual-e5-small's vectors (MIT), fit on the same Debian packages' "
        "English and Korean user-interface strings: {packages}. Built by "
        "packaging/build_alignment.py.",
    ),
)
LICENSE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|AUTHORS)[^/]*$", re.IGNORECASE)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(root: str = ROOT_DIST) -> list[metadata.Distribution]:
    """The installed distributions ``root`` needs at run time (markers evaluated, no extras)."""
    from packaging.requirements import Requirement

    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional or platform-specific requirement not installed here
        seen[name] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    seen.pop(_canonical(root), None)
    return sorted(seen.values(), key=lambda d: _canonical(d.metadata["Name"]))


def licence_name(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    text = (meta.get("License") or "").strip()
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0][:120] if text else "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        if LICENSE_FILE.search(str(file)):
            try:
                data = Path(str(dist.locate_file(file))).read_bytes()
            except OSError:
                continue
            texts.append((file.name, data.decode("utf-8", errors="replace")))
    return texts


def write_notices(output: Path) -> int:
    parts = ["Third-party software bundled with Pagefold", "=" * 43, ""]
    dists = closure()
    for dist in dists:
        name, version = dist.metadata["Name"], dist.version
        parts += [f"{name} {version}", f"License: {licence_name(dist)}"]
        if home := dist.metadata.get("Home-page"):
            parts.append(f"Home page: {home}")
        for file_name, text in licence_texts(dist):
            parts += ["", f"--- {file_name} ---", text.strip()]
        parts += ["", "-" * 78, ""]
    parts += ["Data bundled with Pagefold", "=" * 26, ""]
    for path, text in DATA_NOTICES:
        parts += [path, text.format(packages=", ".join(_lexicon_packages())), ""]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(parts), encoding="utf-8")
    return len(dists)


def _lexicon_packages() -> list[str]:
    """The Debian packages ``build_lexicon.py`` reads: its own list, so the two cannot part."""
    from build_lexicon import PACKAGES  # a sibling script: packaging/ is on sys.path

    return list(PACKAGES)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    count = write_notices(Path(sys.argv[1]))
    print(f"{count} distributions listed in {sys.argv[1]}")
