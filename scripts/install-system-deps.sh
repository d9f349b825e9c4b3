#!/usr/bin/env bash
# Installs the system packages the browser test needs (Debian's chromium and a Devanagari font).
# Never fails the build: where nothing can be installed, the browser test skips and says why.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -n "$(fc-list 2>/dev/null | grep -i 'Noto Sans Devanagari')" ] || need+=(fonts-noto-core fontconfig)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get here; the browser test will skip (missing: ${need[*]})" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
echo "install-system-deps: installing ${need[*]}" >&2
$SUDO apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "install-system-deps: could not install ${need[*]}; the browser test will skip" >&2
exit 0
