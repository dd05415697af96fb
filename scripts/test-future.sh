#!/usr/bin/env bash
# Runs tests with the machine's clock a year ahead (Debian's faketime): proves that no test depends
# on today's date. Tests set the clock they judge by and build their data relative to it.
#   scripts/test-future.sh                     src, test/monitor, test/cli and test/ssh
#   scripts/test-future.sh src/monitor         chosen folders or files
# Environment: SCS_CLOCK_AHEAD (default +365d, any faketime offset such as +400d or +2y).
# The lab folders (test/check, test/openstack, test/lab, test/snapshot, test/testcases) talk to a
# cloud whose tokens carry the cloud's real time; run them with the real clock.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null; then
  echo "test-future: needs Debian's faketime (apt-get install faketime)" >&2
  exit 2
fi
ahead="${SCS_CLOCK_AHEAD:-+365d}"
if [ "$#" -eq 0 ]; then set -- src test/monitor test/cli test/ssh; fi
echo "test-future: the tests see $(FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$ahead" date '+%Y-%m-%d %H:%M:%S') (clock ${ahead})" >&2
# Only the wall clock moves: timers and timeouts keep the real monotonic clock.
FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f "$ahead" node scripts/run-tests.mjs "$@"
