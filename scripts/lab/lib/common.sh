# shellcheck shell=bash disable=SC2034
# (SC2034: the variables here are used by the scripts that source this file)
# Shared by up.sh, down.sh and status.sh: where the lab keeps its state, and how it starts and
# stops the daemons it owns. Every daemon is started by start-stop-daemon with a PID file, so
# down.sh can stop exactly what up.sh started and nothing else (the machine may have no systemd).

# Debian's interpreter and tools only: a pyenv or venv python3 first on PATH lacks the OpenStack
# modules the services import.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$LAB_DIR/../.." && pwd)"

# The state and log folders are those of the lab recipe this one grew from, so `up.sh` adopts an
# installation made by it (same PID files, same schema stamp location) instead of fighting it.
LAB_STATE=/var/lib/openstack-lab
LAB_RUN="$LAB_STATE/run"
LAB_LOGS=/var/log/openstack-lab
LAB_HOST=127.0.0.1
LAB_REGION=RegionOne
KEYSTONE_URL="http://$LAB_HOST:5000"
MEMCACHED="$LAB_HOST:11211"
CLOUDS_YAML=/etc/openstack/clouds.yaml

ADMIN_PW="${LAB_ADMIN_PASSWORD:-lab-admin-secret}"
MEMBER_PW="${LAB_MEMBER_PASSWORD:-lab-member-secret}"
SERVICE_PW="${LAB_SERVICE_PASSWORD:-lab-service-secret}"
DB_PW="${LAB_DB_PASSWORD:-lab-db-secret}"
VOLUME_SERVICE="${LAB_VOLUME_SERVICE:-1}"

# The OpenStack daemons in start order; down.sh stops them in reverse, then RabbitMQ, memcached
# and MariaDB.
API_SERVICES=(keystone placement nova-api cinder-api glance-api neutron-server)
VOLUME_WORKERS=(cinder-scheduler cinder-volume cinder-backup)

LAB_T0=$(date +%s)
log() { printf '[lab %s %(%H:%M:%S)T +%ss] %s\n' "${LAB_CMD:-}" -1 "$(($(date +%s) - LAB_T0))" "$*"; }
die() {
  printf 'lab %s: %s\n' "${LAB_CMD:-}" "$*" >&2
  exit 1
}
need_root() { [ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts system daemons)"; }

# proc_start PID: the process's start time in clock ticks since boot (field 22 of
# /proc/PID/stat, counted after the command name, which may contain spaces).
proc_start() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  read -r -a fields <<<"${stat##*) }"
  echo "${fields[19]}"
}

# pid_of NAME: the recorded PID if that very process is alive, else nothing. The recorded start
# time guards against a PID file that outlived its process (a reboot) while the number was
# reused: down.sh must never stop a process that up.sh did not start.
pid_of() {
  local pf="$LAB_RUN/$1.pid" pid
  [ -f "$pf" ] || return 1
  pid=$(<"$pf")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -f "$LAB_RUN/$1.started" ] && [ "$(proc_start "$pid")" != "$(<"$LAB_RUN/$1.started")" ]; then
    return 1
  fi
  echo "$pid"
}

# config_files NAME: the files whose content a running daemon depends on; a change restarts it.
config_files() {
  case $1 in
  mariadb) echo /etc/mysql/mariadb.conf.d/99-openstack-lab.cnf ;;
  rabbitmq) echo /etc/rabbitmq/rabbitmq-env.conf /etc/rabbitmq/rabbitmq.conf ;;
  # its settings are its command line, written in start_memcached
  memcached) echo "$LAB_DIR/lib/backing.sh" ;;
  keystone) echo /etc/keystone/keystone.conf "$LAB_STATE/uwsgi/keystone.ini" ;;
  placement) echo /etc/placement/placement.conf "$LAB_STATE/uwsgi/placement.ini" ;;
  nova-api) echo /etc/nova/nova.conf "$LAB_STATE/uwsgi/nova-api.ini" ;;
  cinder-api) echo /etc/cinder/cinder.conf "$LAB_STATE/uwsgi/cinder-api.ini" ;;
  cinder-volume) echo /etc/cinder/cinder.conf "$(cinder_driver_path)" ;;
  cinder-*) echo /etc/cinder/cinder.conf ;;
  glance-api) echo /etc/glance/glance-api.conf ;;
  neutron-server) echo /etc/neutron/neutron.conf /etc/neutron/plugins/ml2/ml2_conf.ini ;;
  esac
}
config_fingerprint() { # config_fingerprint NAME
  # shellcheck disable=SC2046
  { cat $(config_files "$1") 2>/dev/null || true; } | md5sum | cut -d' ' -f1
}
# Where Debian's python3 finds local modules (/usr/local/lib/python3.N/dist-packages).
cinder_driver_path() {
  if [ -z "${CINDER_DRIVER_PATH:-}" ]; then
    local v
    v=$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo 3)
    CINDER_DRIVER_PATH="/usr/local/lib/python$v/dist-packages/scs_lab_file_volume.py"
  fi
  echo "$CINDER_DRIVER_PATH"
}

# Part of the command line each daemon runs with, to recognise it when adopting.
command_of() {
  case $1 in
  mariadb) echo mariadbd ;;
  rabbitmq) echo rabbit ;;
  memcached) echo memcached ;;
  keystone | placement | nova-api | cinder-api) echo uwsgi ;;
  *) echo "$1" ;;
  esac
}

# adopt_running: a daemon that runs without a recorded configuration (started by an earlier
# version of the lab) is adopted with the configuration it has now, before up.sh rewrites it;
# if the rewrite changes its files, daemon_start restarts it. A PID file whose process is gone or
# is something else is dropped.
adopt_running() {
  local f name pid
  for f in "$LAB_RUN"/*.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid)
    [ -f "$LAB_RUN/$name.started" ] && continue
    pid=$(<"$f")
    if pid_of "$name" >/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(command_of "$name")"; then
      proc_start "$pid" >"$LAB_RUN/$name.started"
      [ -f "$LAB_RUN/$name.config" ] || config_fingerprint "$name" >"$LAB_RUN/$name.config"
      log "adopted running $name (pid $pid)"
    else
      rm -f "$f" "$LAB_RUN/$name.config"
    fi
  done
}

# daemon_start NAME USER CMD ARGS...
# Starts CMD as USER unless NAME already runs with its current configuration. A daemon whose
# configuration files changed since it was started is restarted, so `up` converges.
daemon_start() {
  local name=$1 user=$2 pid fp
  shift 2
  fp=$(config_fingerprint "$name")
  if pid=$(pid_of "$name"); then
    [ "$(cat "$LAB_RUN/$name.config" 2>/dev/null)" = "$fp" ] && return 0
    log "$name: configuration changed, restarting"
    daemon_stop "$name"
  fi
  local as=()
  [ "$user" = root ] || as=(--chuid "$user")
  # --startas needs an absolute path; the daemon's stdout/stderr go to its own log file.
  start-stop-daemon --start --background --make-pidfile --pidfile "$LAB_RUN/$name.pid" \
    --output "$LAB_LOGS/$name.log" "${as[@]}" --startas "$1" -- "${@:2}"
  echo "$fp" >"$LAB_RUN/$name.config"
  proc_start "$(<"$LAB_RUN/$name.pid")" >"$LAB_RUN/$name.started"
  log "started $name (pid $(<"$LAB_RUN/$name.pid"))"
}

# daemon_stop NAME [GRACE_SECONDS]: TERM, then KILL after the grace time; only the recorded PID.
daemon_stop() {
  local name=$1 pf="$LAB_RUN/$1.pid" pid
  if pid=$(pid_of "$name"); then
    start-stop-daemon --stop --quiet --oknodo --pidfile "$pf" --retry "TERM/${2:-20}/KILL/5"
    if kill -0 "$pid" 2>/dev/null; then
      log "could not stop $name (pid $pid)"
      return 1
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pf" "$LAB_RUN/$name.config" "$LAB_RUN/$name.started"
}

# stop_rabbitmq: RabbitMQ, and epmd, which the Erlang VM spawned (not as our child): epmd is
# asked to exit only if no other Erlang node still uses it.
stop_rabbitmq() {
  if pid_of rabbitmq >/dev/null; then
    rabbitmqctl -n rabbit@localhost -q stop >/dev/null 2>&1 || true
    daemon_stop rabbitmq 30
    if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then
      epmd -kill >/dev/null 2>&1 || true
    fi
  fi
  rm -f "$LAB_RUN/rabbitmq.pid" "$LAB_RUN/rabbitmq.config" "$LAB_RUN/rabbitmq.started"
}

# wait_http URL [SECONDS]: until the URL answers at all (any HTTP status).
wait_http() {
  local url=$1 deadline=$(($(date +%s) + ${2:-90}))
  until curl -s -o /dev/null -m 2 "$url"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "no answer from $url after ${2:-90}s (see $LAB_LOGS/)"
    sleep 0.25
  done
}
