"""The .deb helpers: which files stay executable, and the Depends line from real ELF files."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import load_script

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packaging")

LS = Path(shutil.which("ls") or "/bin/ls").resolve()


def _libc() -> Path:
    for candidate in (
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/usr/lib/x86_64-linux-gnu/libc.so.6",
        "/lib/aarch64-linux-gnu/libc.so.6",
        "/usr/lib/aarch64-linux-gnu/libc.so.6",
    ):
        if Path(candidate).exists():
            return Path(candidate).resolve()
    pytest.skip("no glibc found at a Debian path")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A tiny bundle: a program, a shared object, a script, a data file."""
    root = tmp_path / "pagefold"
    (root / "_internal" / "torch" / "bin").mkdir(parents=True)
    shutil.copy(LS, root / "pagefold")
    shutil.copy(LS, root / "_internal" / "torch" / "bin" / "torch_shm_manager")
    shutil.copy(_libc(), root / "_internal" / "libfoo.so.1")
    script = root / "_internal" / "tool.sh"
    script.write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    script.chmod(0o755)
    (root / "_internal" / "data.sh").write_text("#!/bin/sh\n", encoding="utf-8")  # not executable
    (root / "_internal" / "model.bin").write_bytes(b"\x7fELF" + bytes(100))  # truncated "ELF"
    return root


def test_programs_and_scripts_stay_executable(bundle: Path) -> None:
    found = {
        p.relative_to(bundle).as_posix()
        for p in load_script("linux/executables.py").executables(bundle)
    }
    assert found == {"pagefold", "_internal/torch/bin/torch_shm_manager", "_internal/tool.sh"}


@pytest.mark.skipif(
    shutil.which("readelf") is None or shutil.which("dpkg") is None,
    reason="needs readelf (binutils) and dpkg",
)
def test_depends_names_the_system_libraries_the_bundle_links(bundle: Path) -> None:
    items = load_script("linux/depends.py").depends(bundle)
    assert items[0].startswith("libc6 (>= 2.")
    assert "fonts-noto-cjk | fonts-nanum" in items
    assert "libxcb-cursor0" in items  # Qt's xcb platform plugin, as STACK.md warns
    # ls links libselinux on Debian: a library the bundle does not carry becomes a dependency.
    if "libselinux.so.1" in load_script("linux/depends.py").needed_sonames([bundle / "pagefold"]):
        assert "libselinux1" in items
