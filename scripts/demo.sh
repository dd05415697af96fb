#!/usr/bin/env bash
# The demo: bring up the OpenStack lab, load the SCS sample (a cloud with deliberate defects),
# run `scs check` against it as the plain member `lab-member`, and say where the report is.
#
# Usage: npm run demo [-- --fixed]
#   --fixed   load the repaired sample instead: the check then passes what the lab can offer
# Environment: SCS_DEMO_DIR  where to write the reports (default: a new temporary folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

populate_args=()
for arg in "$@"; do
  case "$arg" in
  --fixed) populate_args+=(--fixed) ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "demo: unknown argument $arg (try --help)" >&2
    exit 2
    ;;
  esac
done

out="${SCS_DEMO_DIR:-$(mktemp -d -t scs-demo.XXXXXX)}"
mkdir -p "$out"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/3 bringing up the OpenStack lab (scripts/lab/up.sh)"
scripts/lab/up.sh

step "2/3 loading the sample (scripts/lab/populate ${populate_args[*]:-})"
scripts/lab/populate "${populate_args[@]}"

step "3/3 scs check as lab-member"
set +e
node --import tsx src/cli/main.ts check -s lab --os-cloud lab-member -o "$out/report.yaml" --junit "$out/results.xml"
status=$?
set -e

step "done"
echo "report (YAML, for the SCS compliance monitor): $out/report.yaml"
echo "results (JUnit XML, for CI systems):         $out/results.xml"
echo "scs check exit status: $status (critical + error lines + failed testcases; 0 means compliant)"
if [[ ${#populate_args[@]} -eq 0 ]]; then
  echo "the sample has deliberate defects; run 'npm run demo -- --fixed' to see them repaired"
fi
