"""Compile the Windows installer (NSIS) around a one-folder build.

    python packaging/windows/build_installer.py [--payload dist/pagefold] [--output FILE.exe]

Works with Windows' makensis and with Debian's (``apt-get install nsis``), which is how Linux CI
keeps the script from rotting: it compiles it against a small stand-in payload
(tests/packaging/test_nsis.py). Needs PySide6 and Pillow (for the icon) in the running Python.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
REPO = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))

import appmeta  # noqa: E402
import icons  # noqa: E402


def find_makensis(explicit: str | None = None) -> str:
    candidates = (
        [explicit]
        if explicit
        else [
            "makensis",
            r"C:\Program Files (x86)\NSIS\makensis.exe",
            r"C:\Program Files\NSIS\makensis.exe",
        ]
    )
    for candidate in filter(None, candidates):
        if found := shutil.which(candidate):
            return found
        if Path(candidate).is_file():
            return candidate
    raise SystemExit("makensis not found: install NSIS (Debian: apt-get install nsis)")


def build(payload: Path, output: Path, work: Path, makensis: str | None = None) -> Path:
    """Render the defines and the icon, then run makensis; returns the installer path."""
    meta = appmeta.load(REPO)
    exe = payload / f"{meta.app_id}.exe"
    if not exe.is_file():
        raise SystemExit(f"{payload} is not a Windows one-folder build: {exe.name} is missing")
    appinfo = appmeta.render(HERE / "appinfo.nsh.in", work / "appinfo.nsh", meta)
    icon = icons.build_icons(meta.icon, work / "icons")["win32"]
    output.parent.mkdir(parents=True, exist_ok=True)
    defines = {
        "APPINFO": appinfo,
        "PAYLOAD": payload.resolve(),
        "ICON": Path(icon).resolve(),
        "OUTFILE": output.resolve(),
    }
    license_file = REPO / "LICENSE"
    if license_file.is_file():
        defines["LICENSE_FILE"] = license_file
    command = [find_makensis(makensis), "-V2", "-WX", "-INPUTCHARSET", "UTF8"]  # warnings fail
    command += [f"-D{key}={value}" for key, value in defines.items()]
    command.append(str(HERE / "pagefold.nsi"))
    subprocess.run(command, check=True)
    return output


def main(argv: list[str] | None = None) -> int:
    meta = appmeta.load(REPO)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payload", type=Path, default=REPO / "dist" / meta.app_id)
    parser.add_argument(
        "--output",
        type=Path,
        default=REPO / "dist" / f"{meta.name}-{meta.version}-windows-x64-setup.exe",
    )
    parser.add_argument("--work", type=Path, default=REPO / "build" / "nsis")
    parser.add_argument("--makensis", default=None)
    args = parser.parse_args(argv)
    path = build(args.payload, args.output, args.work, args.makensis)
    print(f"{path} ({path.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
