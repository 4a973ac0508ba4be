#!/usr/bin/env bash
# Installs Debian's chromium for the headless browser tests of HTML reports.
#   usage: install-chromium.sh
# Idempotent: does nothing when a chromium binary is already on PATH (well under a second).
# Runs apt-get update only when there are no package lists or the first install attempt fails.
# Prints the path of the chromium binary on stdout.
set -euo pipefail

find_chromium() {
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if bin="$(find_chromium)"; then
  echo "$bin"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium.sh: chromium is missing and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y --no-install-recommends chromium fonts-liberation >&2; }
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then apt-get update >&2; fi
if ! install; then
  apt-get update >&2
  install
fi

find_chromium
