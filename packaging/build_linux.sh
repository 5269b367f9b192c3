#!/usr/bin/env bash
# One command, from a clean checkout: the Linux one-folder build and its .deb.
#
#   packaging/build_linux.sh            -> dist/pagefold/ and dist/pagefold_<version>_<arch>.deb
#
# Environment:
#   VENV=.venv                the build environment (created when missing)
#   PAGEFOLD_VARIANT=cpu      cpu (default) or cuda; cuda builds the pagefold-cuda package
#   TORCH_INDEX_URL=...       extra index for torch when it is not installed yet (default: the
#                             CPU wheel index for cpu, PyPI's CUDA wheel for cuda); the version is
#                             the one pyproject.toml pins
#   PAGEFOLD_OFFLINE_ASSETS=DIR  air-gapped build: bundle models and OCR data (packaging/offline/)
#
# Needs: python3 (3.11+) with venv, and the Debian tools dpkg-deb, fakeroot, readelf (binutils).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
VENV="${VENV:-.venv}"
VARIANT="${PAGEFOLD_VARIANT:-cpu}"
export PAGEFOLD_VARIANT="$VARIANT"

for tool in dpkg-deb fakeroot readelf; do
  command -v "$tool" >/dev/null || {
    echo "$tool is missing: sudo apt-get install dpkg fakeroot binutils" >&2; exit 1; }
done

step() { printf '\n== %s\n' "$*"; }
t0=$(date +%s)

step "build environment ($VENV, $VARIANT)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
TORCH="$(python3 "$REPO/packaging/appmeta.py" get torch_requirement)"
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  # The CPU wheel keeps the base packages small (no 3 GB of CUDA libraries); see packaging/README.md.
  # As an extra index, its "+cpu" build outranks PyPI's CUDA build of the same version.
  # --no-deps: torch's own dependencies come with the project's, from the usual indexes.
  if [ "$VARIANT" = cpu ]; then
    "$VENV/bin/pip" install -q --no-deps "$TORCH" \
      --extra-index-url "${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}"
  else
    "$VENV/bin/pip" install -q "$TORCH" ${TORCH_INDEX_URL:+--extra-index-url "$TORCH_INDEX_URL"}
  fi
fi
"$VENV/bin/pip" install -q -e ".[package]"
[ "$VARIANT" = cuda ] && "$VENV/bin/pip" install -q -e ".[package,cuda]"
if [ "$VARIANT" = cpu ] && "$VENV/bin/python" -c "import sys, torch; sys.exit(torch.version.cuda is None)"; then
  echo "$VENV has a CUDA build of torch: the CPU package would carry GBs of CUDA libraries." >&2
  echo "Use a fresh VENV, or PAGEFOLD_VARIANT=cuda for the CUDA package." >&2
  exit 1
fi
t1=$(date +%s)

step "PyInstaller one-folder build"
rm -rf dist/pagefold build/pyinstaller
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pagefold.spec
t2=$(date +%s)

step ".deb"
suffix=""
[ "$VARIANT" = cuda ] && suffix="-cuda"
DEB="$(PYTHON="$VENV/bin/python" PACKAGE="pagefold$suffix" \
  packaging/linux/build_deb.sh dist/pagefold dist)"
t3=$(date +%s)

step "done"
echo "bundle  dist/pagefold  $(du -sh dist/pagefold | cut -f1)"
echo "package $DEB  $(du -h "$DEB" | cut -f1)"
echo "seconds: environment $((t1 - t0)), pyinstaller $((t2 - t1)), deb $((t3 - t2)), total $((t3 - t0))"
