#!/usr/bin/env bash
# Stops the private PostgreSQL cluster started by scripts/postgres/up.sh (keeps its data).
set -euo pipefail
port="${SCS_PG_PORT:-5433}"
dir="${SCS_PG_DIR:-${TMPDIR:-/tmp}/scs-postgres-$port}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -f "$dir/PG_VERSION" ] && [ -n "$bindir" ] || exit 0
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
if as_postgres "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_postgres "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
fi
echo "postgres/down: stopped"
