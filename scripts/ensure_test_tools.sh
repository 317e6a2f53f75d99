#!/usr/bin/env bash
# Make sure the tools the tests drive are installed, from Debian's packages:
#   chromium        the browser for the browser tests (Playwright drives it)
#   docker-compose  a real Compose implementation, to validate docker-compose.yml (no Docker engine needed)
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "The tests need these Debian packages: ${missing[*]} (apt-get install ${missing[*]})," >&2
  echo "or run 'make test' as a user who may run apt-get." >&2
  exit 1
fi
echo "Installing ${missing[*]} for the tests (Debian packages)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq "${missing[@]}" >/dev/null
command -v chromium >/dev/null && command -v docker-compose >/dev/null
