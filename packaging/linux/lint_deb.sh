#!/usr/bin/env bash
# Lint built packages: desktop entry, AppStream metainfo, then lintian (errors and warnings fail;
# the accepted exceptions are in lintian-overrides, each with its reason).
#
#   packaging/linux/lint_deb.sh dist/pagefold_*.deb
set -euo pipefail
for DEB in "$@"; do
  tmp="$(mktemp -d)"
  dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$tmp" --wildcards './usr/share/applications/*' \
    './usr/share/metainfo/*'
  echo "== desktop-file-validate"
  desktop-file-validate "$tmp"/usr/share/applications/*.desktop && echo ok
  echo "== appstreamcli validate"
  appstreamcli validate --no-net --explain "$tmp"/usr/share/metainfo/*.metainfo.xml
  rm -rf "$tmp"
  echo "== lintian $(basename "$DEB")"
  lintian --fail-on error,warning --display-info --tag-display-limit 0 "$DEB"
  echo ok
done
