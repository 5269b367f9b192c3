"""Installer metadata: one source each, rendered into files the platform tools accept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging.conftest import PACKAGING, REPO


def _meta_with_version(appmeta: ModuleType, version: str):  # type: ignore[no-untyped-def]
    import dataclasses

    return dataclasses.replace(appmeta.load(REPO), version=version)


def test_version_comes_from_pyproject(appmeta: ModuleType) -> None:
    import tomllib

    import app

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert appmeta.load(REPO).version == pyproject["project"]["version"]
    assert app.__version__ == pyproject["project"]["version"]


def test_app_name_matches_the_running_app(appmeta: ModuleType) -> None:
    import app

    meta = appmeta.load(REPO)
    assert (meta.name, meta.app_id) == (app.APP_NAME, app.APP_ID)
    assert meta.icon.is_file()


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="dpkg is not installed")
@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("1.2.0rc1", "1.2.0"),
        ("1.2.0a1", "1.2.0b2"),
        ("1.2.0", "1.2.0.post1"),
        ("1.2.0.dev3", "1.2.0"),
        ("1.2.0", "1.10.0"),
    ],
)
def test_debian_versions_sort_like_pep440(appmeta: ModuleType, older: str, newer: str) -> None:
    """apt must see a release candidate as older than the release, as pip does."""
    a = _meta_with_version(appmeta, older).deb_version
    b = _meta_with_version(appmeta, newer).deb_version
    assert subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0, (a, b)


def test_windows_version_has_four_numbers(appmeta: ModuleType) -> None:
    assert _meta_with_version(appmeta, "2.1rc1").win_version == "2.1.0.0"
    assert _meta_with_version(appmeta, "0.3.7").short_version == "0.3.7"


def test_unknown_placeholder_is_an_error(appmeta: ModuleType, tmp_path: Path) -> None:
    template = tmp_path / "t.in"
    template.write_text("Name=${name}\nOops=${no_such_key}\n", encoding="utf-8")
    with pytest.raises(KeyError):
        appmeta.render(template, tmp_path / "out")


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate missing (apt-get install desktop-file-utils)",
)
def test_desktop_entry_validates(appmeta: ModuleType, tmp_path: Path) -> None:
    out = appmeta.render(PACKAGING / "linux" / "pagefold.desktop.in", tmp_path / "pagefold.desktop")
    result = subprocess.run(["desktop-file-validate", str(out)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    assert "Comment[ko]=" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstreamcli missing (apt-get install appstream)"
)
def test_metainfo_validates(appmeta: ModuleType, tmp_path: Path) -> None:
    meta = appmeta.load(REPO)
    out = appmeta.render(
        PACKAGING / "linux" / "pagefold.metainfo.xml.in", tmp_path / f"{meta.rdns}.metainfo.xml"
    )
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'xml:lang="ko"' in out.read_text(encoding="utf-8")


def test_control_file_is_well_formed(appmeta: ModuleType, tmp_path: Path) -> None:
    """Debian control syntax: no blank lines, continuation lines start with a space."""
    out = appmeta.render(
        PACKAGING / "linux" / "control.in",
        tmp_path / "control",
        extra={
            "package": "pagefold-cuda",
            "arch": "amd64",
            "installed_size": "1",
            "depends": "libc6",
            "relations": "Conflicts: pagefold\n",
        },
    )
    lines = out.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert all(line and (line[0] == " " or ":" in line) for line in lines), lines
    assert "Conflicts: pagefold" in lines
