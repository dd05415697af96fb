#!/usr/bin/env bash
# Build the lab's bootable Debian 12 image for the scs-0101 sample VM, from Debian packages only:
# debootstrap (minbase), systemd, the cloud kernel, cloud-init (config drive first), rng-tools5
# and sudo, serial console on ttyS0. One ext4 file system over the whole disk with extlinux in
# its boot sector (no partition table), converted to qcow2.
#
# Cached: the image is rebuilt only when this script changed (its checksum is in the image's
# name), so the next `up` reuses it. Prints the path of the qcow2 file on stdout.
#
# Usage: sudo scripts/lab/vm-image.sh [--force]
# Environment: LAB_IMAGE_CACHE (default /var/cache/scs-lab), LAB_IMAGE_MIRROR (default: the
# machine's own Debian apt source).
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive
CACHE=${LAB_IMAGE_CACHE:-/var/cache/scs-lab}
log() { printf '[vm-image %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

force=0
case "${1:-}" in
"") ;;
--force) force=1 ;;
-h | --help)
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
  ;;
*) die "unknown argument '$1' (see --help)" ;;
esac
[ "$(id -u)" = 0 ] || die "run as root (debootstrap, loop mount)"

sum=$(md5sum "$0" | cut -c1-12)
OUT=$CACHE/debian12-scs-lab-$sum.qcow2
if [ $force = 0 ] && [ -s "$OUT" ]; then
  log "cached: $OUT"
  echo "$OUT"
  exit 0
fi

for p in debootstrap extlinux syslinux-common e2fsprogs qemu-utils; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] ||
    apt-get install -y -q --no-install-recommends "$p" >&2
done
MIRROR=${LAB_IMAGE_MIRROR:-$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)}
[ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$MIRROR" ] || die "no Debian apt source found: set LAB_IMAGE_MIRROR"

WORK=$(mktemp -d /var/tmp/scs-lab-image.XXXXXX)
ROOT=$WORK/root
release() {
  mountpoint -q "$WORK/mnt" 2>/dev/null && umount "$WORK/mnt"
  for m in dev/pts dev proc sys; do mountpoint -q "$ROOT/$m" 2>/dev/null && umount "$ROOT/$m"; done
  rm -rf "$WORK"
}
trap release EXIT
t0=$(date +%s)

log "debootstrap bookworm (minbase)"
debootstrap --variant=minbase --include=systemd-sysv,ca-certificates bookworm "$ROOT" "$MIRROR" \
  >"$WORK/debootstrap.log" 2>&1 || {
  tail -20 "$WORK/debootstrap.log" >&2
  die "debootstrap failed"
}
# Kernel and cloud-init need their postinst scripts, which fail inside debootstrap's --include:
# they are installed with apt in the chroot; no daemon may start there.
for m in proc sys dev dev/pts; do mount --bind "/$m" "$ROOT/$m"; done
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
echo "deb $MIRROR bookworm main" >"$ROOT/etc/apt/sources.list"
{
  chroot "$ROOT" apt-get update -q
  chroot "$ROOT" apt-get install -y -q --no-install-recommends linux-image-cloud-amd64 \
    initramfs-tools udev dbus cloud-init rng-tools5 sudo iproute2 e2fsprogs procps
} >"$WORK/apt.log" 2>&1 || {
  tail -20 "$WORK/apt.log" >&2
  die "installing the image's packages failed"
}
rm -f "$ROOT/usr/sbin/policy-rc.d"
chroot "$ROOT" apt-get clean
log "packages installed ($(($(date +%s) - t0)) s)"

echo 'LABEL=cloudimg-rootfs / ext4 defaults,discard 0 1' >"$ROOT/etc/fstab"
echo debian >"$ROOT/etc/hostname"
: >"$ROOT/etc/machine-id" # a new one on first boot
rm -f "$ROOT/var/lib/dbus/machine-id"
# The lab gives user data on a config drive (it has no metadata service).
echo 'datasource_list: [ ConfigDrive, OpenStack, None ]' >"$ROOT/etc/cloud/cloud.cfg.d/90-scs-lab.cfg"
cat >"$ROOT/etc/cloud/cloud.cfg.d/91-scs-lab-user.cfg" <<'EOF'
system_info:
  default_user:
    name: debian
    lock_passwd: true
    gecos: Debian
    groups: [adm, sudo]
    sudo: ["ALL=(ALL) NOPASSWD:ALL"]
    shell: /bin/bash
EOF
# The lab's tenant networks have no DHCP server: boot must not wait minutes for "online".
mkdir -p "$ROOT/etc/systemd/system/systemd-networkd-wait-online.service.d"
cat >"$ROOT/etc/systemd/system/systemd-networkd-wait-online.service.d/scs-lab.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=/lib/systemd/systemd-networkd/systemd-networkd-wait-online --any --timeout=10
EOF
chroot "$ROOT" systemctl enable systemd-networkd >/dev/null 2>&1 || true
# MODULES=dep would look at the build host; the guest's disk is virtio.
sed -i 's/^MODULES=.*/MODULES=most/' "$ROOT/etc/initramfs-tools/initramfs.conf"
printf 'virtio_pci\nvirtio_blk\nvirtio_scsi\next4\n' >>"$ROOT/etc/initramfs-tools/modules"
echo 'COMPRESS=gzip' >"$ROOT/etc/initramfs-tools/conf.d/scs-lab-compress"
chroot "$ROOT" update-initramfs -u -k all >/dev/null 2>&1
for m in dev/pts dev proc sys; do umount "$ROOT/$m"; done
KVER=$(find "$ROOT/boot" -name 'vmlinuz-*' -printf '%f\n' | sed 's/^vmlinuz-//' | sort -V | tail -1)
[ -n "$KVER" ] || die "no kernel in the image"
mkdir -p "$ROOT/boot/extlinux"
cat >"$ROOT/boot/extlinux/extlinux.conf" <<EOF
DEFAULT debian
TIMEOUT 0
PROMPT 0
SERIAL 0 115200
LABEL debian
  LINUX /boot/vmlinuz-$KVER
  INITRD /boot/initrd.img-$KVER
  APPEND root=LABEL=cloudimg-rootfs ro console=tty0 console=ttyS0,115200n8 quiet
EOF
rm -rf "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/var/cache/apt/*.bin \
  "$ROOT"/var/lib/apt/lists/*_Packages

RAW=$WORK/disk.raw
truncate -s 1536M "$RAW"
# syslinux 6.04 reads no kernel from ext4 with 64bit, metadata_csum or extents ("I/O error").
mkfs.ext4 -q -F -L cloudimg-rootfs -O ^64bit,^metadata_csum,^orphan_file,^extent,^flex_bg,^huge_file \
  -d "$ROOT" "$RAW"
mkdir -p "$WORK/mnt"
mount -o loop "$RAW" "$WORK/mnt"
extlinux --install "$WORK/mnt/boot/extlinux" >/dev/null 2>&1
umount "$WORK/mnt"
install -d "$CACHE"
qemu-img convert -O qcow2 "$RAW" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
find "$CACHE" -name 'debian12-scs-lab-*.qcow2' ! -path "$OUT" -delete
log "image ready: $OUT ($(du -m "$OUT" | cut -f1) MB, kernel $KVER) in $(($(date +%s) - t0)) s"
echo "$OUT"
