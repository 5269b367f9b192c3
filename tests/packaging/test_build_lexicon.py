"""``packaging/build_lexicon.py``: from gettext catalogs to the word list search reads.

The real build downloads Debian packages; here a catalog written by hand stands in for them,
so what is tested is the reading, the cleaning, the linking and the file search then loads.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from app.core.retrieval.lexicon import parse
from tests.packaging.conftest import load_script

build = load_script("build_lexicon.py")


def write_mo(path: Path, messages: dict[str, str]) -> Path:
    """A GNU .mo file (the format ``msgfmt`` writes) holding ``messages``."""
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets, id_at, str_at = [], start, start + len(ids)
    for k in keys:
        offsets.append((len(k.encode()), id_at, len(messages[k].encode()), str_at))
        id_at += len(k.encode()) + 1
        str_at += len(messages[k].encode()) + 1
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    originals = b"".join(struct.pack("<2I", n, o) for n, o, _, _ in offsets)
    translations = b"".join(struct.pack("<2I", n, o) for _, _, n, o in offsets)
    path.write_bytes(header + originals + translations + ids + strs)
    return path


CATALOG = {
    "": "Content-Type: text/plain; charset=UTF-8\n",
    "_Layer": "레이어(_L)",
    "New Layer…": "새 레이어…",
    "New _Window": "새 창(_W)",
    "Delete Layer": "레이어 삭제",
    "Delete %s": "%s 삭제",
    "<b>Window</b>": "<b>창</b>",
    "menu\x04Window": "창",
    "Layer\x00Layers": "레이어\x00레이어",
    "Save": "Save",  # untranslated
    "Print": "Imprimer",  # not Korean
}


def test_strings_lose_accelerators_markup_and_format_codes(tmp_path: Path) -> None:
    found = set(build.strings([write_mo(tmp_path / "app.mo", CATALOG)]))
    assert ("Layer", "레이어") in found
    assert ("New Layer", "새 레이어") in found
    assert ("New Window", "새 창") in found
    assert ("Delete", "삭제") in found
    assert ("Window", "창") in found, "markup and a message context are dropped"
    assert not any(english in ("Save", "Print") for english, _ in found)


def test_each_word_is_linked_to_its_translation_not_its_neighbour() -> None:
    pairs = [
        (["layer"], ["레이어"]),
        (["layer"], ["레이어"]),
        (["new", "layer"], ["새", "레이어"]),
        (["new", "layer"], ["새", "레이어"]),
        (["new", "window"], ["새", "창"]),
        (["window"], ["창"]),
        (["delete", "layer"], ["레이어", "삭제"]),
        (["delete", "window"], ["창", "삭제"]),
    ]
    kept = {(e, k): n for e, k, n in build.kept(build.link(pairs))}
    assert kept[("layer", "레이어")] == 5
    assert kept[("new", "새")] == 3
    assert kept[("window", "창")] == 3
    assert kept[("delete", "삭제")] == 2
    assert ("layer", "새") not in kept and ("new", "레이어") not in kept


def test_the_written_file_is_what_search_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogs = [write_mo(tmp_path / f"app{n}.mo", CATALOG) for n in range(2)]
    monkeypatch.setattr(build, "fetch", lambda root: catalogs)
    out = tmp_path / "ko-en.tsv"
    monkeypatch.setattr("sys.argv", ["build_lexicon.py", "--out", str(out)])
    build.main()
    words = parse(out.read_text(encoding="utf-8").splitlines(keepends=True))
    assert words.translate(["layer", "window"], "ko") == ["레이어", "창"]
    assert words.translate(["삭제"], "en") == ["delete"]
    assert out.read_text(encoding="utf-8").startswith("# English<TAB>Korean<TAB>links: 3 pairs")


def test_the_committed_list_leaves_out_the_evaluations_own_programs() -> None:
    assert not any("gimp" in p or "libreoffice" in p for p in build.PACKAGES)
