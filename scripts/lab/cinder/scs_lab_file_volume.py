"""Cinder volume driver of the scs-compliance lab: every volume is a sparse file.

The lab machine has neither LVM/device-mapper nor iSCSI. Volumes therefore live as sparse files
in one directory and are handed to consumers (cinder-backup, which reads and restores them)
through os-brick's "local" connector, i.e. as a plain path. Good enough for create, delete,
clone, snapshot, backup and restore through the API; never for real instances.

Installed by scripts/lab/up.sh next to Debian's python3 packages and selected in cinder.conf with
volume_driver = scs_lab_file_volume.FileVolumeDriver.
"""
import os
import shutil

from cinder.volume import driver
from oslo_config import cfg

OPTS = [
    cfg.StrOpt(
        "lab_volumes_dir",
        default="/var/lib/cinder/lab-volumes",
        help="Directory with one sparse file per volume and snapshot.",
    ),
]
cfg.CONF.register_opts(OPTS, group="backend_defaults")

GIB = 1 << 30


class FileVolumeDriver(driver.VolumeDriver):
    VERSION = "1.0.0"
    SUPPORTS_ACTIVE_ACTIVE = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.configuration.append_config_values(OPTS)
        self._root = self.configuration.safe_get("lab_volumes_dir")

    # -- files -------------------------------------------------------------------------------
    def _file(self, name):
        return os.path.join(self._root, name)

    def _resize(self, name, size_gib):
        with open(self._file(name), "r+b" if os.path.exists(self._file(name)) else "wb") as f:
            f.truncate(int(size_gib) * GIB)

    def _copy(self, source, target, size_gib):
        shutil.copyfile(self._file(source), self._file(target))
        self._resize(target, size_gib)

    def _remove(self, name):
        try:
            os.unlink(self._file(name))
        except FileNotFoundError:
            pass

    # -- lifecycle ---------------------------------------------------------------------------
    def do_setup(self, context):
        os.makedirs(self._root, exist_ok=True)

    def check_for_setup_error(self):
        if not os.access(self._root, os.W_OK):
            raise RuntimeError("volume directory %s is not writable" % self._root)

    def create_volume(self, volume):
        self._resize(volume.name, volume.size)
        return {}

    def delete_volume(self, volume):
        self._remove(volume.name)

    def extend_volume(self, volume, new_size):
        self._resize(volume.name, new_size)

    def create_cloned_volume(self, volume, src_vref):
        self._copy(src_vref.name, volume.name, max(volume.size, src_vref.size))

    def create_snapshot(self, snapshot):
        self._copy(snapshot.volume_name, snapshot.name, snapshot.volume_size)

    def delete_snapshot(self, snapshot):
        self._remove(snapshot.name)

    def create_volume_from_snapshot(self, volume, snapshot):
        self._copy(snapshot.name, volume.name, max(volume.size, snapshot.volume_size))

    # -- attachment: a path on this host --------------------------------------------------------
    def _local(self, name):
        return {"driver_volume_type": "local", "data": {"device_path": self._file(name)}}

    def initialize_connection(self, volume, connector, **kwargs):
        return self._local(volume.name)

    def initialize_connection_snapshot(self, snapshot, connector, **kwargs):
        return self._local(snapshot.name)

    def terminate_connection(self, volume, connector, **kwargs):
        pass

    def terminate_connection_snapshot(self, snapshot, connector, **kwargs):
        pass

    # Exports are a no-op: nothing has to be published for a local path.
    def ensure_export(self, context, volume):
        pass

    def create_export(self, context, volume, connector):
        pass

    def remove_export(self, context, volume):
        pass

    def create_export_snapshot(self, context, snapshot, connector):
        pass

    def remove_export_snapshot(self, context, snapshot):
        pass

    # -- capacity report for the scheduler ----------------------------------------------------
    def _update_volume_stats(self):
        fs = os.statvfs(self._root)
        self._stats = {
            "volume_backend_name": self.configuration.safe_get("volume_backend_name") or "labfile",
            "vendor_name": "scs-compliance lab",
            "driver_version": self.VERSION,
            "storage_protocol": "local",
            "total_capacity_gb": fs.f_blocks * fs.f_frsize // GIB,
            "free_capacity_gb": fs.f_bavail * fs.f_frsize // GIB,
            "reserved_percentage": 0,
            "thin_provisioning_support": True,
            "thick_provisioning_support": False,
            "max_over_subscription_ratio": 20.0,
            "multiattach": False,
        }
