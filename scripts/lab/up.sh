#!/usr/bin/env bash
# Bring up the OpenStack lab: a real OpenStack Zed control plane from Debian bookworm's packages,
# API-only, on 127.0.0.1 (Keystone, Nova API, Placement, Glance, Cinder API/scheduler/volume/
# backup, Neutron server, MariaDB, RabbitMQ, memcached). Writes /etc/openstack/clouds.yaml with
# the clouds lab-admin and lab-member.
#
# Idempotent: installs only missing packages, rewrites the configuration, runs the schema steps
# only when packages or passwords changed, starts what is not running and restarts what runs
# with an outdated configuration. Fresh machine ~3.5 min, already running ~10 s, after
# down.sh ~30 s.
#
# Environment (all optional):
#   LAB_ADMIN_PASSWORD, LAB_MEMBER_PASSWORD, LAB_SERVICE_PASSWORD, LAB_DB_PASSWORD
#   LAB_VOLUME_SERVICE=0   no RabbitMQ and no cinder scheduler/volume/backup (~0.5 GB less;
#                          volume types and the volume API still answer, volumes stay "creating")
#   LAB_SKIP_INSTALL=1     never call apt-get
#   LAB_EXTRA_PACKAGES     more Debian packages to install (space separated)
#
# Examples:
#   sudo scripts/lab/up.sh && scripts/lab/populate
#   LAB_VOLUME_SERVICE=0 scripts/lab/up.sh     # smaller, without volume/backup workers
set -euo pipefail
LAB_CMD=up
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/packages.sh
source "$LAB_DIR/lib/packages.sh"
# shellcheck source=lib/configure.sh
source "$LAB_DIR/lib/configure.sh"
# shellcheck source=lib/backing.sh
source "$LAB_DIR/lib/backing.sh"

case "${1:-}" in
"") ;;
-h | --help)
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
  ;;
*) die "unknown argument '$1' (see --help)" ;;
esac
need_root
command -v node >/dev/null || die "node is missing (install Node.js 20 and run npm ci first)"
[ -d "$REPO_DIR/node_modules/tsx" ] || die "run 'npm ci' in the repository first (tsx is missing)"

install -d "$LAB_RUN" "$LAB_LOGS"
adopt_running
install_packages
configure_all

start_mariadb
ensure_databases
start_memcached
if [ "$VOLUME_SERVICE" = 1 ]; then
  start_rabbitmq
fi

migrated=0
if ! schema_is_current; then
  log "schemas: migrating (packages or passwords changed)"
  start_migrations
  migrate_keystone
  [ "$VOLUME_SERVICE" = 1 ] && ensure_rabbitmq_user
  migrated=1
fi

UWSGI=/usr/bin/uwsgi_python3
daemon_start keystone root $UWSGI --ini "$LAB_STATE/uwsgi/keystone.ini"
wait_http "$KEYSTONE_URL/v3"
log "keystone answers"
# A keystone worker that has just started can refuse its first admin calls (403 on
# identity:list_users while its policy enforcer initialises under concurrent threads); the
# setup is idempotent, so it is simply tried again.
for attempt in 1 2 3 4; do
  if (cd "$REPO_DIR" && LAB_ADMIN_PASSWORD="$ADMIN_PW" LAB_MEMBER_PASSWORD="$MEMBER_PW" \
    LAB_SERVICE_PASSWORD="$SERVICE_PW" LAB_APPLY_PASSWORDS=$migrated node --import tsx scripts/lab/src/keystone-setup.ts); then
    break
  fi
  [ $attempt = 4 ] && die "keystone setup failed"
  log "keystone setup: trying again"
  sleep 2
done

[ $migrated = 1 ] && wait_migrations
daemon_start placement root $UWSGI --ini "$LAB_STATE/uwsgi/placement.ini"
daemon_start nova-api root $UWSGI --ini "$LAB_STATE/uwsgi/nova-api.ini"
daemon_start cinder-api root $UWSGI --ini "$LAB_STATE/uwsgi/cinder-api.ini"
daemon_start glance-api glance /usr/bin/glance-api --config-file /etc/glance/glance-api.conf
daemon_start neutron-server neutron /usr/bin/neutron-server --config-file /etc/neutron/neutron.conf \
  --config-file /etc/neutron/plugins/ml2/ml2_conf.ini
if [ "$VOLUME_SERVICE" = 1 ]; then
  for w in "${VOLUME_WORKERS[@]}"; do
    daemon_start "$w" cinder "/usr/bin/$w" --config-file /etc/cinder/cinder.conf
  done
else
  for w in "${VOLUME_WORKERS[@]}"; do daemon_stop "$w"; done
  stop_rabbitmq
fi

for port in 8778 8774 8776 9292 9696; do
  wait_http "http://$LAB_HOST:$port/"
done
[ $migrated = 1 ] && mark_schema_current
log "every API answers"

install -d /etc/openstack
umask 022
cat >"$CLOUDS_YAML.tmp" <<EOF
# Written by scripts/lab/up.sh. lab-admin is the cloud's admin; lab-member is a plain member of
# lab-project (roles member and reader), the identity the SCS checks must run as.
clouds:
  lab-admin:
    auth:
      auth_url: $KEYSTONE_URL/v3
      username: admin
      password: $ADMIN_PW
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: $LAB_REGION
    identity_api_version: 3
    interface: public
  lab-member:
    auth:
      auth_url: $KEYSTONE_URL/v3
      username: lab-member
      password: $MEMBER_PW
      project_name: lab-project
      user_domain_name: Default
      project_domain_name: Default
    region_name: $LAB_REGION
    identity_api_version: 3
    interface: public
EOF
mv "$CLOUDS_YAML.tmp" "$CLOUDS_YAML"
log "lab is up: clouds lab-admin and lab-member in $CLOUDS_YAML"
