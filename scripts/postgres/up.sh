#!/usr/bin/env bash
# Brings up the PostgreSQL the monitor tests and benchmark use: a private cluster on port 5433
# (not Debian's default cluster), with role/password scs/scs and database scs_test.
# Idempotent: installs Debian's postgresql if missing, creates the cluster once, starts it if down.
# Environment: SCS_PG_PORT (5433), SCS_PG_DIR (data directory of the private cluster).
set -euo pipefail
port="${SCS_PG_PORT:-5433}"
dir="${SCS_PG_DIR:-${TMPDIR:-/tmp}/scs-postgres-$port}"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

bindir=""
find_bindir() {
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
}
find_bindir
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres/up: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
  find_bindir
fi

if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  pwfile="$(mktemp)"
  echo scs >"$pwfile"
  chown postgres "$pwfile"
  as_postgres "$bindir/initdb" -D "$dir" -U scs --pwfile="$pwfile" -A scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
CONF
fi

# PostgreSQL must not inherit our open files: under `flock LOCK scripts/postgres/up.sh` it would
# otherwise hold the lock for as long as it runs, and every other holder would wait forever.
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done 2>/dev/null
  true
}
if ! as_postgres "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  (
    close_inherited_fds
    as_postgres "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  )
fi

export PGPASSWORD=scs
if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U scs -d postgres -tAc "select 1 from pg_database where datname='scs_test'" | grep -q 1; then
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U scs -d postgres -qc "create database scs_test" >/dev/null
fi
echo "postgres/up: ready at postgres://scs:scs@127.0.0.1:$port/scs_test"
