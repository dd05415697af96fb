/**
 * Cinder (block-storage v3): volume types (scs-0114), and volumes and backups (scs-0117 creates,
 * backs up, restores and deletes them).
 */
import { isApiStatus } from "./errors.ts";
import { bool, type Json, num, obj, str, stringMap, strOrNull } from "./fields.ts";
import type { Session } from "./session.ts";
import { checkItems, checkShape, VOLUME, VOLUME_TYPE } from "./shapes.ts";

export interface VolumeType {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly isPublic: boolean;
  /** As far as policy shows them: plain members usually get `{}`. */
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export function parseVolumeType(raw: unknown): VolumeType {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    description: strOrNull(o, "description"),
    isPublic: bool(o, "is_public", bool(o, "os-volume-type-access:is_public", true)),
    extraSpecs: stringMap(o["extra_specs"]),
  };
}

export async function listVolumeTypes(session: Session): Promise<VolumeType[]> {
  const raw = await session.list<Json>("block-storage", "types", "volume_types");
  checkItems(VOLUME_TYPE, raw, { service: "block-storage", what: "a volume type list", key: "volume_types" });
  return raw.map(parseVolumeType);
}

export interface Volume {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  /** GiB */
  readonly size: number;
  readonly volumeType: string | null;
  readonly createdAt: string;
}

export function parseVolume(raw: unknown): Volume {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    status: str(o, "status"),
    size: num(o, "size"),
    volumeType: strOrNull(o, "volume_type"),
    createdAt: str(o, "created_at"),
  };
}

export async function listVolumes(session: Session): Promise<Volume[]> {
  const raw = await session.list<Json>("block-storage", "volumes/detail", "volumes");
  checkItems(VOLUME, raw, { service: "block-storage", what: "a volume list", key: "volumes" });
  return raw.map(parseVolume);
}

export async function getVolume(session: Session, id: string): Promise<Volume> {
  const res = await session.request<Json>("block-storage", "GET", `volumes/${encodeURIComponent(id)}`);
  checkShape(VOLUME, res.body["volume"], { service: "block-storage", what: "a volume", root: "volume" });
  return parseVolume(res.body["volume"]);
}

/** A volume by id, else by exact name (null if neither matches); always the detailed record. */
export async function findVolume(session: Session, idOrName: string): Promise<Volume | null> {
  try {
    return await getVolume(session, idOrName);
  } catch (err) {
    if (!isApiStatus(err, 404)) throw err;
  }
  const raw = await session.list<Json>("block-storage", "volumes/detail", "volumes", {
    query: { name: idOrName },
  });
  const match = raw.map(parseVolume).filter((v) => v.name === idOrName);
  return match[0] ?? null;
}

export interface VolumeSpec {
  readonly name: string;
  /** GiB */
  readonly size: number;
  readonly volumeType?: string;
  readonly description?: string;
  /** Fill the new volume with this image (Cinder downloads and converts it). */
  readonly imageId?: string;
}

export async function createVolume(session: Session, spec: VolumeSpec): Promise<Volume> {
  const volume: Json = { name: spec.name, size: spec.size };
  if (spec.volumeType) volume["volume_type"] = spec.volumeType;
  if (spec.description) volume["description"] = spec.description;
  if (spec.imageId) volume["imageRef"] = spec.imageId;
  const res = await session.request<Json>("block-storage", "POST", "volumes", { body: { volume } });
  return parseVolume(res.body["volume"]);
}

export async function deleteVolume(session: Session, id: string): Promise<void> {
  await session.request("block-storage", "DELETE", `volumes/${encodeURIComponent(id)}`);
}

export interface Backup {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly volumeId: string;
  readonly size: number;
  readonly createdAt: string;
}

export function parseBackup(raw: unknown): Backup {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    status: str(o, "status"),
    volumeId: str(o, "volume_id"),
    size: num(o, "size"),
    createdAt: str(o, "created_at"),
  };
}

export async function listBackups(session: Session): Promise<Backup[]> {
  const raw = await session.list<Json>("block-storage", "backups/detail", "backups");
  checkItems(VOLUME, raw, { service: "block-storage", what: "a backup list", key: "backups" });
  return raw.map(parseBackup);
}

export async function getBackup(session: Session, id: string): Promise<Backup> {
  const res = await session.request<Json>("block-storage", "GET", `backups/${encodeURIComponent(id)}`);
  checkShape(VOLUME, res.body["backup"], { service: "block-storage", what: "a backup", root: "backup" });
  return parseBackup(res.body["backup"]);
}

/** Starts a backup of a volume; the answer only has id and name, status follows with getBackup. */
export async function createBackup(
  session: Session,
  spec: { readonly volumeId: string; readonly name: string },
): Promise<{ readonly id: string; readonly name: string }> {
  const res = await session.request<Json>("block-storage", "POST", "backups", {
    body: { backup: { volume_id: spec.volumeId, name: spec.name } },
  });
  const b = obj(res.body["backup"]);
  return { id: str(b, "id"), name: str(b, "name") || spec.name };
}

export async function deleteBackup(session: Session, id: string): Promise<void> {
  await session.request("block-storage", "DELETE", `backups/${encodeURIComponent(id)}`);
}

export interface Restore {
  readonly backupId: string;
  readonly volumeId: string;
  readonly volumeName: string;
}

/** Restores a backup into a new volume with the given name. */
export async function restoreBackup(
  session: Session,
  backupId: string,
  volumeName: string,
): Promise<Restore> {
  const res = await session.request<Json>(
    "block-storage",
    "POST",
    `backups/${encodeURIComponent(backupId)}/restore`,
    {
      body: { restore: { name: volumeName } },
    },
  );
  const r = obj(res.body["restore"]);
  return { backupId: str(r, "backup_id"), volumeId: str(r, "volume_id"), volumeName: str(r, "volume_name") };
}
