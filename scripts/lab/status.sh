#!/usr/bin/env bash
# Show the OpenStack lab: each daemon up.sh starts, its PID, memory (RSS and PSS over its whole
# process tree, in MiB), port and whether that port answers HTTP; then the clouds.
#
# Exit status: 0 every daemon runs and answers, 1 some do not, 3 the lab is not running at all.
# (LAB_VOLUME_SERVICE=0: RabbitMQ and the cinder workers are not expected.)
#
# Example: scripts/lab/status.sh || scripts/lab/up.sh   # bring back whatever is down
set -uo pipefail
LAB_CMD=status
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

case "${1:-}" in
"") ;;
-h | --help)
  sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
  ;;
*) die "unknown argument '$1' (see --help)" ;;
esac

declare -A PORT=([mariadb]=3306 [rabbitmq]=5672 [memcached]=11211 [keystone]=5000 [placement]=8778 [nova-api]=8774
  [cinder-api]=8776 [glance-api]=9292 [neutron-server]=9696)

descendants() { # the PID and all its descendants
  local c
  echo "$1"
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do descendants "$c"; done
}
memory_kib() { # memory_kib FIELD PID...: sum of Rss or Pss over the processes
  local field=$1 p total=0 v
  shift
  for p in "$@"; do
    v=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

names=(mariadb)
[ "$VOLUME_SERVICE" = 1 ] && names+=(rabbitmq)
names+=(memcached)
names+=("${API_SERVICES[@]}")
[ "$VOLUME_SERVICE" = 1 ] && names+=("${VOLUME_WORKERS[@]}")

running=0 bad=0 rss_all=0 pss_all=0
printf '%-17s %-8s %-5s %8s %8s  %s\n' DAEMON PID STATE RSS_MiB PSS_MiB PORT
for name in "${names[@]}"; do
  port=${PORT[$name]:-}
  if ! pid=$(pid_of "$name"); then
    printf '%-17s %-8s %-5s %8s %8s  %s\n' "$name" - down - - "${port:--}"
    bad=$((bad + 1))
    continue
  fi
  running=$((running + 1))
  mapfile -t tree < <(descendants "$pid")
  # epmd belongs to RabbitMQ but is not its child
  [ "$name" = rabbitmq ] && mapfile -t -O "${#tree[@]}" tree < <(pgrep -u rabbitmq -x epmd)
  rss=$(memory_kib Rss "${tree[@]}")
  pss=$(memory_kib Pss "${tree[@]}")
  rss_all=$((rss_all + rss)) pss_all=$((pss_all + pss))
  state=up answer=""
  case $name in
  mariadb | rabbitmq | memcached) answer="$port" ;;
  cinder-scheduler | cinder-volume | cinder-backup) answer="(RPC only)" ;;
  *)
    if curl -s -o /dev/null -m 3 "http://$LAB_HOST:$port/"; then
      answer="$port answers"
    else
      answer="$port NOT ANSWERING" state=busy bad=$((bad + 1))
    fi
    ;;
  esac
  printf '%-17s %-8s %-5s %8d %8d  %s\n' "$name" "$pid" "$state" $((rss / 1024)) $((pss / 1024)) "${answer:--}"
done
printf '%-17s %-8s %-5s %8d %8d\n' total '' '' $((rss_all / 1024)) $((pss_all / 1024))
echo
if [ -r "$CLOUDS_YAML" ]; then
  echo "clouds: $(grep -oE '^  [a-z][a-z0-9-]*:' "$CLOUDS_YAML" | tr -d ' :' | paste -sd' ') in $CLOUDS_YAML"
else
  echo "clouds: $CLOUDS_YAML missing (run scripts/lab/up.sh)"
fi

[ $running = 0 ] && exit 3
[ $bad = 0 ] || exit 1
exit 0
