"""The Windows installer script compiles with makensis and packs the payload it is given.

Linux CI cannot build the Windows payload (PyInstaller does not cross-build), so a stand-in
payload with the same layout is packed; this keeps pagefold.nsi from rotting between releases.
Needs Debian's ``nsis`` (makensis) and ``p7zip-full`` (7z) packages.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import load_script

pytestmark = [
    pytest.mark.skipif(
        shutil.which("makensis") is None, reason="makensis missing: apt-get install nsis"
    ),
    pytest.mark.skipif(shutil.which("7z") is None, reason="7z missing: apt-get install p7zip-full"),
]


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    """A one-folder build's layout: the executable, _internal/, a resource, an offline model."""
    root = tmp_path / "payload"
    (root / "_internal" / "resources" / "samples").mkdir(parents=True)
    (root / "pagefold.exe").write_bytes(b"MZ" + bytes(4096))
    (root / "_internal" / "python311.dll").write_bytes(bytes(1024))
    (root / "_internal" / "resources" / "VERSION").write_text("0.0.0\n", encoding="utf-8")
    korean = root / "_internal" / "resources" / "samples" / "안내.txt"
    korean.write_text("한국어", encoding="utf-8")
    return root


def test_installer_compiles_and_lists_the_payload(payload: Path, tmp_path: Path) -> None:
    builder = load_script("windows/build_installer.py")
    setup = builder.build(
        payload, tmp_path / "Pagefold-test-windows-x64-setup.exe", tmp_path / "work"
    )
    listing = subprocess.run(
        ["7z", "l", str(setup)], capture_output=True, text=True, check=True
    ).stdout
    assert "Type = Nsis" in listing
    for name in (
        "pagefold.exe",
        "_internal/python311.dll",
        "_internal/resources/VERSION",
        "_internal/resources/samples/안내.txt",
        "uninstall.exe",
    ):
        assert name in listing, f"{name} not in the installer:\n{listing}"


def test_installer_speaks_english_and_korean(payload: Path, tmp_path: Path) -> None:
    """Every string the script shows exists in both languages (1033 English, 1042 Korean)."""
    builder = load_script("windows/build_installer.py")
    work = tmp_path / "work"
    builder.build(payload, tmp_path / "a-setup.exe", work)
    result = subprocess.run(
        [
            builder.find_makensis(),
            "-V4",
            "-INPUTCHARSET",
            "UTF8",
            f"-DAPPINFO={work / 'appinfo.nsh'}",
            f"-DPAYLOAD={payload}",
            f"-DICON={work / 'icons' / 'pagefold.ico'}",
            f"-DOUTFILE={tmp_path / 'b-setup.exe'}",
            str(builder.HERE / "pagefold.nsi"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    strings: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        if line.startswith("LangString: "):
            name, lang = line.split('"')[1], line.split('"')[2].split()[0]
            strings.setdefault(name, set()).add(lang)
    assert strings, "no LangString found in makensis output"
    assert {name for name, langs in strings.items() if langs != {"1033", "1042"}} == set()
