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

if [ -x scripts/system-deps.sh ]; then
  step "system packages"
  scripts/system-deps.sh
fi
if [ -x scripts/lab/up.sh ]; then
  step "OpenStack lab"
  scripts/lab/up.sh
  started+=(scripts/lab/down.sh)
  [ -x scripts/lab/populate ] && scripts/lab/populate
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
