#!/usr/bin/env bash
# Installs the system packages the browser test of the review pages needs: Debian's chromium (which
# Playwright drives as the system browser; no browser download) and fonts-noto-core (Noto Sans and
# Noto Sans Devanagari, so Hindi renders as text, not boxes), with fontconfig to find them.
# Never fails the build: where nothing can be installed, the browser test skips and says why.
# Ends by saying what the browser test will find: the browser's version, whether it starts
# headless, and which Devanagari font is there.
set -u

say() { echo "install-system-deps: $*" >&2; }

has_chromium() { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; }
has_devanagari_font() { [ -n "$(fc-list ':lang=hi' family 2>/dev/null | grep -i 'devanagari')" ]; }

need=()
has_chromium || need+=(chromium)
has_devanagari_font || need+=(fonts-noto-core fontconfig)

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get here; the browser test will skip (missing: ${need[*]})"
    exit 0
  fi
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  say "installing ${need[*]}"
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || say "could not install ${need[*]}; the browser test will skip"
fi

# What the browser test will find.
if has_chromium; then
  exe="$(command -v chromium || echo /usr/bin/chromium)"
  say "browser: $("$exe" --version 2>/dev/null | head -n1)"
  profile="$(mktemp -d)"
  if timeout 60 "$exe" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
       --disable-background-networking --disable-component-update --disable-sync \
       --user-data-dir="$profile" --dump-dom 'data:text/html,<p>ok</p>' 2>/dev/null | grep -q '<p>ok</p>'; then
    say "headless chromium starts"
  else
    say "chromium is installed but did not start headless; the browser test will skip and say why"
  fi
  rm -rf "$profile"
else
  say "no chromium; the browser test will skip"
fi
if has_devanagari_font; then
  say "Devanagari font: $(fc-list ':lang=hi' family 2>/dev/null | grep -i devanagari | sort | head -n1)"
else
  say "no Devanagari font; the browser test's rendering check will fail where chromium runs"
fi
exit 0
