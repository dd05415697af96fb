# shellcheck shell=bash
# MariaDB, RabbitMQ and the services' database schemas.
#
# MariaDB rather than SQLite: neutron's migrations do not support SQLite, and several services
# writing one SQLite file at once would fail with "database is locked".

LAB_DATABASES=(keystone glance nova_api nova nova_cell0 placement cinder neutron)

start_mariadb() {
  if [ ! -d /var/lib/mysql/mysql ]; then
    log "mariadb: initialising the data directory"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  daemon_start mariadb mysql /usr/sbin/mariadbd
  local deadline=$(($(date +%s) + 30))
  until mariadb -e 'select 1' >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "MariaDB does not answer (see $LAB_LOGS/mariadb.log)"
    sleep 0.2
  done
}

# One database per service (nova has three), each owned by a user named after the service, with
# the current LAB_DB_PASSWORD (re-applied every time, so changing it just works).
ensure_databases() {
  local db user
  for db in "${LAB_DATABASES[@]}"; do
    user=${db%%_*}
    echo "CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4;"
    for host in localhost 127.0.0.1; do
      echo "CREATE USER IF NOT EXISTS '$user'@'$host';"
      echo "ALTER USER '$user'@'$host' IDENTIFIED BY '$DB_PW';"
      echo "GRANT ALL PRIVILEGES ON $db.* TO '$user'@'$host';"
    done
  done | mariadb
}

# memcached on loopback only, 64 MB, no UDP: Keystone's cache and the services' token cache.
start_memcached() {
  daemon_start memcached memcache /usr/bin/memcached -l "$LAB_HOST" -p "${MEMCACHED##*:}" -U 0 -m 64
  # Keystone and the services must find it listening when they start.
  local deadline=$(($(date +%s) + 10))
  until (exec 3<>"/dev/tcp/$LAB_HOST/${MEMCACHED##*:}") 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || die "memcached does not listen on $MEMCACHED (see $LAB_LOGS/memcached.log)"
    sleep 0.1
  done
}

start_rabbitmq() {
  # epmd must listen on loopback only; it is started by the Erlang VM, not as our child.
  daemon_start rabbitmq rabbitmq /usr/bin/env ERL_EPMD_ADDRESS=127.0.0.1 HOME=/var/lib/rabbitmq \
    /usr/lib/rabbitmq/bin/rabbitmq-server
  local deadline=$(($(date +%s) + 90))
  until rabbitmqctl -n rabbit@localhost -q await_startup >/dev/null 2>&1; do
    pid_of rabbitmq >/dev/null || die "RabbitMQ exited (see $LAB_LOGS/rabbitmq.log)"
    [ "$(date +%s)" -lt "$deadline" ] || die "RabbitMQ did not start in 90s (see $LAB_LOGS/rabbitmq.log)"
    sleep 1
  done
}

ensure_rabbitmq_user() {
  local ctl=(rabbitmqctl -n rabbit@localhost -q)
  "${ctl[@]}" add_user openstack "$SERVICE_PW" >/dev/null 2>&1 ||
    "${ctl[@]}" change_password openstack "$SERVICE_PW" >/dev/null
  "${ctl[@]}" set_permissions openstack '.*' '.*' '.*' >/dev/null
}

# The schema steps cost ~40 s even when there is nothing to migrate, so they only run when the
# packages, the passwords or the lab's layout changed since the last successful run.
schema_stamp() {
  {
    echo "scs-lab schema 1"
    dpkg-query -W -f='${Package}=${Version}\n' keystone python3-glance python3-nova python3-cinder \
      python3-neutron python3-placement rabbitmq-server 2>/dev/null
    echo "$ADMIN_PW|$MEMBER_PW|$SERVICE_PW|$DB_PW|$VOLUME_SERVICE"
  } | md5sum | cut -d' ' -f1
}
schema_is_current() {
  [ "$(cat "$LAB_STATE/schema.stamp" 2>/dev/null)" = "$(schema_stamp)" ] && [ -e /etc/keystone/fernet-keys/0 ]
}
mark_schema_current() { schema_stamp >"$LAB_STATE/schema.stamp"; }

as_user() { # as_user USER COMMAND-STRING [LOGNAME]: run a manage command, output to a log file
  local out="$LAB_LOGS/schema-${3:-$1}.log"
  su -s /bin/sh "$1" -c "$2" >>"$out" 2>&1 || die "'$2' failed (see $out)"
}

migrate_keystone() {
  as_user keystone "keystone-manage db_sync"
  [ -e /etc/keystone/fernet-keys/0 ] ||
    keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone
  [ -e /etc/keystone/credential-keys/0 ] ||
    keystone-manage credential_setup --keystone-user keystone --keystone-group keystone
  # bootstrap is idempotent: it (re)sets the admin password and the identity endpoints
  as_user keystone "keystone-manage bootstrap --bootstrap-password '$ADMIN_PW' \
    --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id $LAB_REGION \
    --bootstrap-admin-url $KEYSTONE_URL/v3/ --bootstrap-internal-url $KEYSTONE_URL/v3/ \
    --bootstrap-public-url $KEYSTONE_URL/v3/"
}

migrate_nova() {
  as_user nova "nova-manage api_db sync"
  as_user nova "nova-manage cell_v2 map_cell0 --database_connection '$(db_url nova nova_cell0)'"
  su -s /bin/sh nova -c "nova-manage cell_v2 list_cells" 2>/dev/null | grep -q ' cell1 ' ||
    as_user nova "nova-manage cell_v2 create_cell --name cell1 --transport-url fake:// \
      --database_connection '$(db_url nova nova)'"
  as_user nova "nova-manage db sync"
}

# The other services' migrations run in the background, side by side, while keystone (which
# everything else waits for) is migrated and started; wait_migrations collects them.
MIGRATION_PIDS=()
start_migrations() {
  as_user glance "glance-manage db_sync" &
  MIGRATION_PIDS+=($!)
  as_user placement "placement-manage db sync" &
  MIGRATION_PIDS+=($!)
  migrate_nova &
  MIGRATION_PIDS+=($!)
  as_user cinder "cinder-manage db sync" &
  MIGRATION_PIDS+=($!)
  as_user neutron "neutron-db-manage --config-file /etc/neutron/neutron.conf \
    --config-file /etc/neutron/plugins/ml2/ml2_conf.ini upgrade heads" &
  MIGRATION_PIDS+=($!)
}
wait_migrations() {
  local pid failed=0
  for pid in "${MIGRATION_PIDS[@]}"; do
    wait "$pid" || failed=1
  done
  MIGRATION_PIDS=()
  [ $failed = 0 ] || die "a schema migration failed (see $LAB_LOGS/schema-*.log)"
}
