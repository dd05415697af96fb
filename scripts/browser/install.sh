#!/usr/bin/env bash
# Installs Debian's chromium (the browser the monitor's page tests drive through playwright-core).
# Idempotent: does nothing when /usr/bin/chromium exists. Waits for a dpkg lock held by others.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt_get() { apt-get -o DPkg::Lock::Timeout=900 -y -q "$@"; }
apt_get install --no-install-recommends chromium fonts-noto-color-emoji >/dev/null 2>&1 \
  || { apt_get update >/dev/null && apt_get install --no-install-recommends chromium fonts-noto-color-emoji >/dev/null; }
/usr/bin/chromium --version
