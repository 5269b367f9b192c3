#!/usr/bin/env bash
# macOS: Pagefold.app (PyInstaller) and a drag-to-Applications .dmg. Run on a Mac (arm64).
#
#   packaging/macos/build_macos.sh      -> dist/Pagefold.app, dist/Pagefold-<version>-macos-arm64.dmg
#
# torch on macOS is PyPI's default wheel (CPU + Metal/MPS); there is no CUDA variant.
# Signing: PyInstaller signs ad hoc, which runs on the machine that built it; for other Macs set
# CODESIGN_IDENTITY (a "Developer ID Application" certificate in the keychain) and notarize the
# .dmg with `xcrun notarytool submit --wait` (see packaging/README.md).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
VENV="${VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -e ".[package]" dmgbuild
t0=$(date +%s)
rm -rf dist/pagefold dist/Pagefold.app build/pyinstaller
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pagefold.spec
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp -s "$CODESIGN_IDENTITY" dist/Pagefold.app
fi
t1=$(date +%s)
VERSION="$("$VENV/bin/python" packaging/appmeta.py get version)"
DMG="dist/Pagefold-$VERSION-macos-$(uname -m).dmg"
"$VENV/bin/dmgbuild" -s packaging/macos/dmg_settings.py -D app=dist/Pagefold.app Pagefold "$DMG"
t2=$(date +%s)
echo "app $(du -sh dist/Pagefold.app | cut -f1), dmg $(du -h "$DMG" | cut -f1)"
echo "seconds: pyinstaller $((t1 - t0)), dmg $((t2 - t1))"
