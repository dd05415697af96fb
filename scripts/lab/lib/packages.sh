# shellcheck shell=bash
# The Debian bookworm packages of the lab (OpenStack Zed). Nothing comes from anywhere but the
# Debian apt repositories.

LAB_PACKAGES=(
  # database and message bus (RabbitMQ only carries cinder's scheduler/volume/backup RPC)
  mariadb-server python3-pymysql rabbitmq-server
  # the token cache every production OpenStack has: Keystone caches issued and validated tokens,
  # the services' keystonemiddleware shares validations across workers
  memcached python3-memcache
  # the services; nova-api brings nova-common (nova-manage), cinder-* bring cinder-common
  keystone glance-api placement-api nova-api
  cinder-api cinder-scheduler cinder-volume cinder-backup
  neutron-server
  uwsgi-plugin-python3
  # os-brick (cinder-backup) calls dmidecode when the machine has no /sys/class/dmi
  dmidecode
  # used by the lab scripts, and the `openstack` CLI for troubleshooting
  crudini curl procps iproute2 python3-openstackclient
)

missing_packages() {
  local p status
  for p in "${LAB_PACKAGES[@]}" ${LAB_EXTRA_PACKAGES:-}; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || echo "$p"
  done
}

# Every OpenStack package asks debconf whether to configure databases, endpoints and users. The
# answers default to "no", which is what the lab wants (up.sh configures everything itself); they
# are pinned so that a pre-seeded machine behaves the same.
preseed_debconf() {
  local pkg q
  {
  for pkg in keystone glance nova cinder neutron placement; do
    for q in configure_db configure_rabbit configure_ksat configure_api-endpoint register-endpoint \
      create-admin-tenant configure_nova configure_neutron configure_placement; do
      echo "$pkg $pkg/$q boolean false"
    done
  done
  echo "nova-api novaapi/configure_db boolean false"
  } | debconf-set-selections 2>/dev/null || true
}

install_packages() {
  [ "${LAB_SKIP_INSTALL:-0}" = 1 ] && return 0
  local missing
  mapfile -t missing < <(missing_packages)
  if [ ${#missing[@]} = 0 ]; then
    log "packages: all ${#LAB_PACKAGES[@]} installed"
    return 0
  fi
  log "packages: installing ${missing[*]}"
  # Without systemd the postinst scripts must not try to start daemons: a policy-rc.d that
  # answers 101 ("action forbidden") makes invoke-rc.d skip them. Ours only lives for the install.
  local own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  preseed_debconf
  local apt=(apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold)
  if ! "${apt[@]}" "${missing[@]}"; then
    log "packages: install failed, refreshing the package lists once"
    apt-get update -q
    "${apt[@]}" "${missing[@]}"
  fi
  [ $own_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  log "packages: installed"
}
