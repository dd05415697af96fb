#!/usr/bin/env bash
# Stop the OpenStack lab: every daemon that up.sh started, by the PID it recorded, and nothing
# else. Data, packages and configuration stay; `up.sh` brings the same cloud back.
#
#   down.sh           stop the daemons
#   down.sh --purge   also drop the lab's databases, images, volumes, backups and Keystone keys,
#                     so the next up.sh starts an empty cloud (packages and config files stay)
#
# Example: scripts/lab/down.sh --purge && scripts/lab/up.sh && scripts/lab/populate
set -uo pipefail
LAB_CMD=down
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

purge=0
case "${1:-}" in
"") ;;
--purge) purge=1 ;;
-h | --help)
  sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
  ;;
*) die "unknown argument '$1' (see --help)" ;;
esac
need_root

# The OpenStack daemons first, all at once; then the message bus; the database last, so that
# nothing loses its database while shutting down.
for name in "${VOLUME_WORKERS[@]}" "${API_SERVICES[@]}"; do
  daemon_stop "$name" &
done
wait

stop_rabbitmq
daemon_stop memcached

if [ $purge = 1 ]; then
  if pid_of mariadb >/dev/null; then
    for db in keystone glance nova_api nova nova_cell0 placement cinder neutron; do
      mariadb -e "DROP DATABASE IF EXISTS $db"
    done
    log "dropped the lab's databases"
  fi
  rm -rf /var/lib/glance/images/* /var/lib/cinder/lab-volumes/* /var/lib/cinder/backups/* \
    /etc/keystone/fernet-keys /etc/keystone/credential-keys "$LAB_STATE/schema.stamp"
  log "removed images, volumes, backups and Keystone keys"
fi

daemon_stop mariadb 60
left=$(find "$LAB_RUN" -name '*.pid' 2>/dev/null | wc -l)
[ "$left" = 0 ] || die "$left daemon(s) still recorded in $LAB_RUN; see scripts/lab/status.sh"
log "lab stopped"
