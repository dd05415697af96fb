#!/usr/bin/env bash
# Runs tests while every core is kept busy by another job (stress-ng, or a shell busy loop without
# it): proves that no test depends on the machine's speed.
#   scripts/test-busy.sh                       src, test/monitor, test/cli and test/ssh
#   scripts/test-busy.sh src/monitor           chosen folders or files
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- src test/monitor test/cli test/ssh; fi
cores="$(nproc)"
if command -v stress-ng >/dev/null; then
  stress-ng --cpu "$cores" --quiet &
else
  for _ in $(seq "$cores"); do (while :; do :; done) & done
fi
jobs_started="$(jobs -p)"
trap 'kill $jobs_started 2>/dev/null || true' EXIT
echo "test-busy: $cores busy jobs running beside the tests" >&2
node scripts/run-tests.mjs "$@"
