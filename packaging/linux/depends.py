"""Compute the .deb ``Depends:`` line from what the bundle's ELF files actually link against.

PyInstaller ships most libraries inside the bundle but leaves out the ones every desktop has
(glibc, libGL/EGL, X11/xcb, fontconfig, glib, dbus): those become package dependencies here.
Each shared object the bundle needs but does not carry is found with ``ldconfig -p`` and mapped
to its Debian package with ``dpkg -S``; libraries not installed on the build host fall back to
a table of the ones Qt's xcb platform plugin is known to need (shared/design/STACK.md). glibc
gets a minimum version from the newest ``GLIBC_2.x`` symbol version the bundle asks for.

Qt plugins the window never loads on a desktop (Wayland compositor support, EGLFS, VNC, TIFF
and WebP image formats...) would otherwise pull in a long tail; their libraries are left out
unless another part of the bundle needs them too.

    python depends.py BUNDLE_DIR
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# Always needed although no ELF file names them: Korean text must render.
EXTRA = ["fonts-noto-cjk | fonts-nanum"]

# Plugins whose only users would be other platforms or formats Pagefold does not open.
OPTIONAL_PLUGIN_DIRS = (
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqvnc",
    "platforms/libqvkkhrdisplay",
    "platforms/libqwayland",
    "platforms/libqminimalegl",
    "egldeviceintegrations",
    "wayland-",
    "platformthemes/libqgtk3",
    "imageformats/libqtiff",
    "imageformats/libqwebp",
    "sqldrivers",
    "printsupport",
    "tls/libqopensslbackend",
)

# Qt libraries that only those plugins load (Wayland client, EGLFS on a bare console).
OPTIONAL_QT_LIBS = (
    "libQt6WaylandClient",
    "libQt6WlShellIntegration",
    "libQt6EglFSDeviceIntegration",
    "libQt6EglFsKmsSupport",
    "libQt6WaylandEglClientHwIntegration",
)

# Known sonames (xcb platform plugin, Qt) in case the build host lacks them.
FALLBACK = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def elf_files(root: Path) -> list[Path]:
    files = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def _optional(path: Path) -> bool:
    text = str(path)
    return path.name.startswith(OPTIONAL_QT_LIBS) or any(
        f"/plugins/{d}" in text for d in OPTIONAL_PLUGIN_DIRS
    )


def _readelf(files: Iterable[Path], flag: str) -> str:
    out = []
    batch: list[str] = []
    for path in [*files, None]:
        if path is not None:
            batch.append(str(path))
        if batch and (path is None or len(batch) == 200):
            out.append(
                subprocess.run(
                    ["readelf", flag, "-W", *batch], capture_output=True, text=True, check=False
                ).stdout
            )
            batch = []
    return "".join(out)


def needed_sonames(files: list[Path]) -> set[str]:
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", _readelf(files, "-d")))


def glibc_minimum(files: list[Path]) -> str | None:
    versions = re.findall(r"Name: GLIBC_(\d+(?:\.\d+)+)", _readelf(files, "-V"))
    if not versions:
        return None
    return max(versions, key=lambda v: tuple(int(x) for x in v.split(".")))


def system_paths() -> dict[str, str]:
    """soname -> path for the host's x86-64 libraries, from the dynamic linker's cache."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for soname, flags, path in re.findall(r"^\s*(\S+) \(([^)]*)\) => (\S+)$", out, re.M):
        if "x86-64" in flags or "64bit" in flags or "x86_64" in flags or soname not in paths:
            paths.setdefault(soname, path)
    return paths


def package_of(path: str) -> str | None:
    for candidate in (path, str(Path(path).resolve())):
        result = subprocess.run(
            ["dpkg", "-S", candidate], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
        # /lib is a symlink to /usr/lib on merged-/usr systems; dpkg may know either name.
        if candidate.startswith("/usr/lib/"):
            alt = candidate.removeprefix("/usr")
            result = subprocess.run(
                ["dpkg", "-S", alt], capture_output=True, text=True, check=False
            )
            if result.returncode == 0:
                return result.stdout.split(":", 1)[0].strip()
    return None


# Always needed by Qt's xcb platform plugin, even where PyInstaller copied them into the bundle.
XCB = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0")


def _packages(sonames: set[str], paths: dict[str, str]) -> set[str]:
    packages: set[str] = set()
    unknown: list[str] = []
    for soname in sorted(sonames):
        package = package_of(paths[soname]) if soname in paths else None
        package = package or FALLBACK.get(soname)
        if package:
            packages.add(package)
        else:
            unknown.append(soname)
    if unknown:
        print(f"warning: no package found for {', '.join(unknown)}", file=sys.stderr)
    return packages


def relations(root: Path) -> tuple[list[str], list[str]]:
    """(Depends, Recommends): what the bundle needs to start, and what only the optional
    plugins need (Wayland's client libraries: present on every Wayland desktop anyway)."""
    files = elf_files(root)
    provided = {p.name for p in root.rglob("*")}
    paths = system_paths()
    required = needed_sonames([f for f in files if not _optional(f)]) - provided
    optional = needed_sonames([f for f in files if _optional(f)]) - provided - required
    depends = _packages(required, paths) | {FALLBACK[s] for s in XCB}
    recommends = _packages(optional, paths) - depends
    glibc = glibc_minimum(files)
    depends.discard("libc6")
    recommends.discard("libc6")
    items = [f"libc6 (>= {glibc})" if glibc else "libc6", *sorted(depends), *EXTRA]
    return items, sorted(recommends)


def depends(root: Path) -> list[str]:
    return relations(root)[0]


if __name__ == "__main__":
    # Two lines: Depends, then Recommends (possibly empty).
    needed, wanted = relations(Path(sys.argv[1]))
    print(", ".join(needed))
    print(", ".join(wanted))
