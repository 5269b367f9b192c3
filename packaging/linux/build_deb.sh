#!/usr/bin/env bash
# Package a PyInstaller one-folder build as a .deb:
#   /usr/lib/pagefold/ (the bundle), /usr/bin/pagefold -> ../lib/pagefold/pagefold,
#   desktop entry, hicolor icons, AppStream metainfo, man page, copyright, changelog,
#   third-party notices and lintian overrides.
#
#   packaging/linux/build_deb.sh [BUNDLE_DIR] [OUTPUT_DIR]
#     BUNDLE_DIR  default dist/pagefold (from pyinstaller packaging/pagefold.spec)
#     OUTPUT_DIR  default dist
#   PYTHON       the build venv's python (default .venv/bin/python); it needs PySide6 + Pillow
#   PACKAGE      package name: pagefold (default) or pagefold-cuda (conflicts with pagefold)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BUNDLE="$(realpath "${1:-$REPO/dist/pagefold}")"
OUT="$(mkdir -p "${2:-$REPO/dist}" && realpath "${2:-$REPO/dist}")"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
META="$PYTHON $REPO/packaging/appmeta.py"

[ -x "$BUNDLE/pagefold" ] || { echo "no PyInstaller bundle at $BUNDLE (run pyinstaller first)" >&2; exit 1; }
for tool in dpkg-deb fakeroot gzip; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install dpkg fakeroot gzip" >&2; exit 1; }
done

PKG="${PACKAGE:-pagefold}"
VERSION="$($META get deb_version)"
ARCH="$(dpkg --print-architecture)"
WORK="$REPO/build/deb"
STAGE="$WORK/${PKG}_${VERSION}_${ARCH}"
DEB="$OUT/${PKG}_${VERSION}_${ARCH}.deb"
RELATIONS=""
if [ "$PKG" != pagefold ]; then  # a variant installs the same files as pagefold: one or the other
  RELATIONS=$'Provides: pagefold\nConflicts: pagefold\nReplaces: pagefold\n'
fi
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)}"

rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/usr/lib" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/$PKG" "$STAGE/usr/share/man/man1" \
  "$STAGE/usr/share/lintian/overrides" "$STAGE/usr/share/icons/hicolor/scalable/apps"

# --- the bundle ----------------------------------------------------------------------------------
# Hard links when possible: the CUDA bundle is several GB and CI runners have little disk.
cp -al "$BUNDLE" "$STAGE/usr/lib/pagefold" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/usr/lib/pagefold"
ln -s ../lib/pagefold/pagefold "$STAGE/usr/bin/pagefold"

# --- desktop integration, rendered from pyproject.toml + resources/app.json ---------------------
$META render "$HERE/pagefold.desktop.in" "$STAGE/usr/share/applications/pagefold.desktop"
RDNS="$($META get rdns)"
$META render "$HERE/pagefold.metainfo.xml.in" "$STAGE/usr/share/metainfo/$RDNS.metainfo.xml"
cp "$REPO/resources/icons/pagefold.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/pagefold.svg"
"$PYTHON" "$REPO/packaging/icons.py" "$WORK/icons" >/dev/null
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 0644 "$WORK/icons/png/$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/pagefold.png"
done

# --- documentation -------------------------------------------------------------------------------
DOC="$STAGE/usr/share/doc/$PKG"
$META render "$HERE/copyright.in" "$DOC/copyright" "package=$PKG"
$META render "$HERE/changelog.in" "$WORK/changelog" "package=$PKG"
gzip -9n < "$WORK/changelog" > "$DOC/changelog.gz"
"$PYTHON" "$REPO/packaging/licenses.py" "$WORK/THIRD-PARTY-NOTICES" >/dev/null
gzip -9n < "$WORK/THIRD-PARTY-NOTICES" > "$DOC/THIRD-PARTY-NOTICES.gz"
$META render "$HERE/pagefold.1.in" "$WORK/pagefold.1"
gzip -9n < "$WORK/pagefold.1" > "$STAGE/usr/share/man/man1/pagefold.1.gz"
install -m 0644 "$HERE/lintian-overrides" "$STAGE/usr/share/lintian/overrides/$PKG"

# --- permissions: directories 0755; shared objects and data 0644; programs 0755 -----------------
# Executables inside the bundle: ELF programs (not shared objects) and scripts with a #! line.
"$PYTHON" "$HERE/executables.py" "$STAGE/usr/lib/pagefold" > "$WORK/executables.txt"
find "$STAGE/usr" -type d -exec chmod 0755 {} +
find "$STAGE/usr" -type f -exec chmod 0644 {} +
xargs -r -d '\n' chmod 0755 < "$WORK/executables.txt"

# --- control -------------------------------------------------------------------------------------
{ read -r DEPENDS; read -r RECOMMENDS; } < <("$PYTHON" "$HERE/depends.py" "$STAGE/usr/lib/pagefold")
[ -z "$RECOMMENDS" ] || RELATIONS="Recommends: $RECOMMENDS"$'\n'"$RELATIONS"
SIZE_KB="$(du -sk --apparent-size "$STAGE/usr" | cut -f1)"
$META render "$HERE/control.in" "$STAGE/DEBIAN/control" \
  "package=$PKG" "arch=$ARCH" "installed_size=$SIZE_KB" "depends=$DEPENDS" "relations=$RELATIONS"
(cd "$STAGE" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$STAGE/DEBIAN/control" "$STAGE/DEBIAN/md5sums"

# zstd: xz takes minutes on a 1.2 GB tree, zstd seconds (shared/design/STACK.md).
fakeroot dpkg-deb --root-owner-group -Zzstd --build "$STAGE" "$DEB" >/dev/null
echo "$DEB"
