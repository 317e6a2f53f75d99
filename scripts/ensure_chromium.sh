#!/usr/bin/env bash
# Make sure a Chromium for the browser tests is installed (Debian's package; Playwright drives it).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "Chromium is needed for the browser tests: install Debian's 'chromium' package (apt-get install chromium)" >&2
  echo "or run 'make test' as a user who may run apt-get." >&2
  exit 1
fi
echo "Installing Chromium for the browser tests (Debian package 'chromium')..." >&2
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >/dev/null
command -v chromium >/dev/null
