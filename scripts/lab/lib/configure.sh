# shellcheck shell=bash
# Configuration of every service, written over the files the Debian packages ship. Each file gets
# one `crudini --merge` of an ini fragment (one process per file, not one per key: that alone
# saves ~10 s on every `up`). Everything binds to 127.0.0.1.

db_url() { echo "mysql+pymysql://$1:$DB_PW@$LAB_HOST/$2?charset=utf8mb4"; }

merge() { # merge FILE < fragment
  crudini --merge "$1"
}

# [keystone_authtoken] (validating incoming tokens) and a service-credentials section, the same
# for every service that sits behind Keystone.
authtoken_ini() { # authtoken_ini SERVICE_USER
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
user_domain_name = Default
project_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PW
region_name = $LAB_REGION
service_token_roles_required = true
memcached_servers = $MEMCACHED
EOF
}
service_auth_ini() { # service_auth_ini SECTION SERVICE_USER
  cat <<EOF
[$1]
auth_type = password
auth_url = $KEYSTONE_URL/v3
user_domain_name = Default
project_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PW
region_name = $LAB_REGION
EOF
}

configure_mariadb() {
  install -d -o mysql -g mysql /run/mysqld
  # Same content as the recipe's file, so an adopted MariaDB is not restarted for nothing.
  cat >/etc/mysql/mariadb.conf.d/99-openstack-lab.cnf <<'EOF'
[mysqld]
bind-address = 127.0.0.1
max_connections = 1000
innodb_buffer_pool_size = 128M
performance_schema = off
skip-name-resolve
EOF
}

configure_rabbitmq() {
  cat >/etc/rabbitmq/rabbitmq-env.conf <<'EOF'
NODE_IP_ADDRESS=127.0.0.1
NODENAME=rabbit@localhost
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
  cat >/etc/rabbitmq/rabbitmq.conf <<'EOF'
listeners.tcp.default = 127.0.0.1:5672
loopback_users = none
EOF
}

configure_keystone() {
  merge /etc/keystone/keystone.conf <<EOF
[DEFAULT]
use_stderr = false
[database]
connection = $(db_url keystone keystone)
[token]
provider = fernet
[cache]
enabled = true
backend = oslo_cache.memcache_pool
memcache_servers = $MEMCACHED
[catalog]
driver = sql
EOF
}

configure_glance() {
  local f=/etc/glance/glance-api.conf
  merge $f <<EOF
[DEFAULT]
bind_host = $LAB_HOST
bind_port = 9292
workers = 2
enabled_backends = file:file
show_image_direct_url = false
log_dir = /var/log/glance
[database]
connection = $(db_url glance glance)
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = /var/lib/glance/images/
[paste_deploy]
flavor = keystone
[oslo_concurrency]
lock_path = /var/lib/glance/lock
$(authtoken_ini glance)
EOF
  # the packaged single-store setting conflicts with enabled_backends
  crudini --del $f glance_store filesystem_store_datadir || true
}

configure_placement() {
  merge /etc/placement/placement.conf <<EOF
[DEFAULT]
log_dir = /var/log/placement
[api]
auth_strategy = keystone
[placement_database]
connection = $(db_url placement placement)
$(authtoken_ini placement)
EOF
}

# nova: the compute API only. No conductor, scheduler or compute run, so servers never boot; the
# API, flavors, quotas and microversions behave as in any cloud.
configure_nova() {
  local f=/etc/nova/nova.conf
  merge $f <<EOF
[DEFAULT]
my_ip = $LAB_HOST
transport_url = fake://
enabled_apis = osapi_compute
osapi_compute_listen = $LAB_HOST
osapi_compute_workers = 1
log_dir = /var/log/nova
[api]
auth_strategy = keystone
[api_database]
connection = $(db_url nova nova_api)
[database]
connection = $(db_url nova nova)
[oslo_concurrency]
lock_path = /var/lib/nova/lock
[vnc]
enabled = false
[spice]
enabled = false
server_listen = $LAB_HOST
[glance]
api_servers = http://$LAB_HOST:9292
[cinder]
os_region_name = $LAB_REGION
[neutron]
service_name = neutron
[service_user]
send_service_user_token = false
$(authtoken_ini nova)
$(service_auth_ini placement placement)
$(service_auth_ini neutron neutron)
EOF
  # ([placement] above also replaces Debian's broken `username = =`.) The packaged [neutron]
  # section turns on a metadata proxy and a floating pool the lab does not have.
  crudini --del $f neutron default_floating_pool || true
  crudini --del $f neutron service_metadata_proxy || true
}

configure_cinder() {
  local f=/etc/cinder/cinder.conf rpc=fake://
  [ "$VOLUME_SERVICE" = 1 ] && rpc="rabbit://openstack:$SERVICE_PW@$LAB_HOST:5672/"
  merge $f <<EOF
[DEFAULT]
my_ip = $LAB_HOST
auth_strategy = keystone
transport_url = $rpc
osapi_volume_listen = $LAB_HOST
osapi_volume_workers = 1
glance_api_servers = http://$LAB_HOST:9292
log_dir = /var/log/cinder
state_path = /var/lib/cinder
enabled_backends = labfile
default_volume_type = __DEFAULT__
backup_driver = cinder.backup.drivers.posix.PosixBackupDriver
backup_posix_path = /var/lib/cinder/backups
# Volumes here are sparse files of zeros: compressing them only burns the lab's two cores.
backup_compression_algorithm = none
[database]
connection = $(db_url cinder cinder)
[oslo_concurrency]
lock_path = /var/lib/cinder/lock
[labfile]
volume_driver = scs_lab_file_volume.FileVolumeDriver
volume_backend_name = labfile
lab_volumes_dir = /var/lib/cinder/lab-volumes
$(authtoken_ini cinder)
$(service_auth_ini nova nova)
EOF
  # the packaged LVM backend needs a volume group this machine does not have
  crudini --del $f lvm || true
  install -d -o cinder -g cinder /var/lib/cinder/backups /var/lib/cinder/lab-volumes
  install -D -m 0644 "$LAB_DIR/cinder/scs_lab_file_volume.py" "$(cinder_driver_path)"
}

# neutron: ML2 without mechanism drivers or agents. Networks, subnets, routers and security
# groups are API/database objects; ports never bind.
configure_neutron() {
  local f=/etc/neutron/neutron.conf
  merge $f <<EOF
[DEFAULT]
bind_host = $LAB_HOST
bind_port = 9696
core_plugin = ml2
service_plugins = router
transport_url = fake://
api_workers = 1
rpc_workers = 0
rpc_state_report_workers = 0
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
log_dir = /var/log/neutron
[database]
connection = $(db_url neutron neutron)
[oslo_concurrency]
lock_path = /var/lib/neutron/lock
$(authtoken_ini neutron)
$(service_auth_ini nova nova)
EOF
  crudini --del $f oslo_policy policy_file || true
  merge /etc/neutron/plugins/ml2/ml2_conf.ini <<'EOF'
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers =
extension_drivers = port_security
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
firewall_driver = noop
EOF
}

# The WSGI-only services run under uwsgi's HTTP socket; no Apache.
write_uwsgi_ini() { # write_uwsgi_ini NAME USER PORT WSGI_SCRIPT PROCESSES THREADS
  cat >"$LAB_STATE/uwsgi/$1.ini" <<EOF
[uwsgi]
plugins = python3
http-socket = $LAB_HOST:$3
master = true
processes = $5
threads = $6
enable-threads = true
lazy-apps = true
die-on-term = true
no-orphans = true
thunder-lock = true
buffer-size = 65535
add-header = Connection: close
uid = $2
gid = $2
chdir = /var/lib/$2
wsgi-file = $4
name = $1
EOF
}

configure_all() {
  local s
  install -d "$LAB_RUN" "$LAB_LOGS" "$LAB_STATE/uwsgi"
  # Debian points lock paths at /var/lock/<svc>, which only systemd-tmpfiles would create.
  for s in keystone glance nova placement cinder neutron; do
    install -d -o "$s" -g "$s" "/var/lib/$s" "/var/lib/$s/lock"
  done
  configure_mariadb
  [ "$VOLUME_SERVICE" = 1 ] && configure_rabbitmq
  configure_keystone
  configure_glance
  configure_placement
  configure_nova
  configure_cinder
  configure_neutron
  write_uwsgi_ini keystone keystone 5000 /usr/bin/keystone-wsgi-public 2 4
  write_uwsgi_ini placement placement 8778 /usr/bin/placement-api 1 4
  # nova-api monkey-patches with eventlet: several uwsgi threads in one process deadlock it
  # ("greenlet.error: cannot switch to a different thread", then a full listen queue), so it
  # gets single-threaded processes instead.
  write_uwsgi_ini nova-api nova 8774 /usr/bin/nova-api-wsgi 3 1
  write_uwsgi_ini cinder-api cinder 8776 /usr/bin/cinder-wsgi 1 8
  log "configuration written"
}
