/**
 * Volume → backup → restore → delete on the lab, the calls scs-0117 makes, as member. Whatever
 * happens, everything created here is deleted again.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createBackup,
  createVolume,
  deleteBackup,
  deleteVolume,
  findVolume,
  getBackup,
  getVolume,
  isApiStatus,
  listBackups,
  listVolumes,
  loadCloudConfig,
  restoreBackup,
  Session,
} from "../../src/openstack/index.ts";
import { requirePart } from "../support/require.ts";
import { LAB_WHY, labAvailable, MEMBER, uniqueName, waitFor } from "./lab.ts";

const available = await labAvailable();

async function gone(check: () => Promise<unknown>): Promise<true | undefined> {
  try {
    await check();
    return undefined;
  } catch (err) {
    if (isApiStatus(err, 404)) return true;
    throw err;
  }
}

describe("volumes and backups on the lab", { timeout: 600_000 }, () => {
  it("creates a volume, backs it up, restores it and deletes everything", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const session = new Session(loadCloudConfig(MEMBER));
    const prefix = uniqueName("scs-client-test");
    const volumes: string[] = [];
    const backups: string[] = [];
    try {
      const volume = await createVolume(session, { name: `${prefix}-volume`, size: 1 });
      volumes.push(volume.id);
      assert.equal((await getVolume(session, volume.id)).name, `${prefix}-volume`);
      await waitFor("volume available", async () => {
        const v = await getVolume(session, volume.id);
        assert.notEqual(v.status, "error");
        return v.status === "available" ? v : undefined;
      });

      const backup = await createBackup(session, { volumeId: volume.id, name: `${prefix}-backup` });
      backups.push(backup.id);
      await waitFor("backup available", async () => {
        const b = await getBackup(session, backup.id);
        assert.notEqual(b.status, "error");
        return b.status === "available" ? b : undefined;
      });
      assert.ok((await listBackups(session)).some((b) => b.id === backup.id && b.volumeId === volume.id));

      const restore = await restoreBackup(session, backup.id, `${prefix}-restored`);
      volumes.push(restore.volumeId);
      assert.equal(restore.backupId, backup.id);
      const restored = await waitFor("restored volume available", async () => {
        const v = await findVolume(session, `${prefix}-restored`);
        return v?.status === "available" ? v : undefined;
      });
      assert.equal(restored.id, restore.volumeId);
      assert.ok((await listVolumes(session)).some((v) => v.id === restore.volumeId));
    } finally {
      for (const id of backups) {
        await waitFor("backup settled", async () => {
          const b = await getBackup(session, id).catch(() => undefined);
          return !b || ["available", "error"].includes(b.status) ? true : undefined;
        }).catch(() => {});
        await deleteBackup(session, id).catch(() => {});
        await waitFor("backup deleted", () => gone(() => getBackup(session, id)));
      }
      for (const id of volumes) {
        await waitFor("volume settled", async () => {
          const v = await getVolume(session, id).catch(() => undefined);
          return !v || ["available", "error"].includes(v.status) ? true : undefined;
        }).catch(() => {});
        await deleteVolume(session, id).catch(() => {});
        await waitFor("volume deleted", () => gone(() => getVolume(session, id)));
      }
      await session.close();
    }
    assert.equal(await findVolume(session, `${prefix}-restored`).catch(() => null), null);
  });
});
