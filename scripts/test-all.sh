#!/usr/bin/env bash
# The whole test suite over real parts: installs and starts what is missing (OpenStack lab,
# PostgreSQL, Chromium, ssh-keygen), runs `npm test` with CI=true semantics (a missing part is a
# failure, not a skip), and stops what it started, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true

started=()
cleanup() {
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    "${started[$i]}" || true
  done
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "system packages"
# Debian's package lists are empty on a fresh machine; read them once for every installer below.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mmin -1440 2>/dev/null | head -n 1)" ]; then
  apt-get update -qq
fi
if ! command -v ssh-keygen >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-client >/dev/null
fi
if [ -x scripts/system-deps.sh ]; then
  scripts/system-deps.sh
fi
if [ -x scripts/lab/up.sh ]; then
  step "OpenStack lab"
  scripts/lab/up.sh
  started+=(scripts/lab/down.sh)
  # Exactly the small sample (generated scale-test objects removed), whatever ran before.
  scripts/lab/populate --flavors 0 --images 0
fi
if [ -x scripts/postgres/up.sh ]; then
  step "PostgreSQL"
  scripts/postgres/up.sh
  started+=(scripts/postgres/down.sh)
fi
if [ -x scripts/browser/install.sh ]; then
  step "Chromium"
  scripts/browser/install.sh
fi

step "tests"
npm test
