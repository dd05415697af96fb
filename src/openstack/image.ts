/**
 * Glance v2 images. Glance returns an image's properties (architecture, os_distro, image_source,
 * ...) as top-level string fields next to its own; `Image` separates the two.
 */
import { listFromBothEnds } from "./both-ends.ts";
import { bool, type Json, num, numOrNull, obj, str, strings, strOrNull } from "./fields.ts";
import type { Session } from "./session.ts";
import { checkItems, IMAGE } from "./shapes.ts";

export type Visibility = "public" | "community" | "shared" | "private";

export interface Image {
  readonly id: string;
  readonly name: string | null;
  readonly visibility: Visibility;
  readonly status: string;
  readonly osHidden: boolean;
  readonly protected: boolean;
  readonly owner: string | null;
  /** As Glance writes it, e.g. `2024-05-01T10:00:00Z`. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Bytes; null when the image has no data yet. */
  readonly size: number | null;
  readonly virtualSize: number | null;
  /** GB */
  readonly minDisk: number;
  /** MiB */
  readonly minRam: number;
  readonly diskFormat: string | null;
  readonly containerFormat: string | null;
  readonly osHashAlgo: string | null;
  readonly osHashValue: string | null;
  readonly checksum: string | null;
  readonly tags: readonly string[];
  /** Every other field: the image's properties, e.g. `architecture`, `os_distro`, `image_source`. */
  readonly properties: Readonly<Record<string, string>>;
}

/** Glance's own fields; everything else of an image answer is a property. */
const CORE_FIELDS = new Set([
  "id",
  "name",
  "visibility",
  "status",
  "os_hidden",
  "protected",
  "owner",
  "created_at",
  "updated_at",
  "size",
  "virtual_size",
  "min_disk",
  "min_ram",
  "disk_format",
  "container_format",
  "os_hash_algo",
  "os_hash_value",
  "checksum",
  "tags",
  "self",
  "file",
  "schema",
  "locations",
  "direct_url",
]);

const VISIBILITIES = new Set(["public", "community", "shared", "private"]);

export function parseImage(raw: unknown): Image {
  const o = obj(raw);
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (CORE_FIELDS.has(k) || v === null || v === undefined) continue;
    properties[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  const visibility = str(o, "visibility");
  return {
    id: str(o, "id"),
    name: strOrNull(o, "name"),
    visibility: (VISIBILITIES.has(visibility) ? visibility : "private") as Visibility,
    status: str(o, "status"),
    osHidden: bool(o, "os_hidden"),
    protected: bool(o, "protected"),
    owner: strOrNull(o, "owner"),
    createdAt: str(o, "created_at"),
    updatedAt: str(o, "updated_at"),
    size: numOrNull(o, "size"),
    virtualSize: numOrNull(o, "virtual_size"),
    minDisk: num(o, "min_disk"),
    minRam: num(o, "min_ram"),
    diskFormat: strOrNull(o, "disk_format"),
    containerFormat: strOrNull(o, "container_format"),
    osHashAlgo: strOrNull(o, "os_hash_algo"),
    osHashValue: strOrNull(o, "os_hash_value"),
    checksum: strOrNull(o, "checksum"),
    tags: strings(o["tags"]),
    properties,
  };
}

export interface ListImagesOptions {
  /** Glance `visibility` filter; `all` lists everything the caller may see. */
  readonly visibility?: Visibility | "all";
  /** Hidden images (`os_hidden=true`) are only listed when asked for, and then only they. */
  readonly hidden?: boolean;
  readonly query?: Readonly<Record<string, string>>;
}

/** Images per page and cursor; two cursors list 1000 images in two concurrent requests. */
export const IMAGE_PAGE_SIZE = 512;

/**
 * Images in Glance's default order (newest first). Glance spends about a millisecond per image
 * on policy checks, so the list is read from both ends at once (two workers render half each).
 */
export async function listImages(session: Session, options: ListImagesOptions = {}): Promise<Image[]> {
  const raw = await listFromBothEnds<Json>(session, "image", "images", "images", {
    pageSize: IMAGE_PAGE_SIZE,
    query: {
      ...options.query,
      ...(options.visibility ? { visibility: options.visibility } : {}),
      ...(options.hidden ? { os_hidden: "true" } : {}),
    },
    // `id` last makes the order total, so the two orders are exact reverses.
    ascending: { sort: "created_at:asc,id:asc" },
    descending: { sort: "created_at:desc,id:desc" },
    resultOrder: "descending",
  });
  checkItems(IMAGE, raw, { service: "image", what: "an image list", key: "images" });
  return raw.map(parseImage);
}

/**
 * The images the checks look at: public and community ones, in one paginated listing
 * (`visibility=all`, then filtered), with all their properties.
 */
export async function listPublicImages(
  session: Session,
  options: { hidden?: boolean } = {},
): Promise<Image[]> {
  const all = await listImages(session, { visibility: "all", ...(options.hidden ? { hidden: true } : {}) });
  return all.filter((i) => i.visibility === "public" || i.visibility === "community");
}

export async function getImage(session: Session, id: string): Promise<Image> {
  const res = await session.request("image", "GET", `images/${encodeURIComponent(id)}`);
  return parseImage(res.body);
}

export interface ImageSpec {
  readonly name: string;
  readonly visibility?: Visibility;
  readonly diskFormat?: string;
  readonly containerFormat?: string;
  readonly minDisk?: number;
  readonly minRam?: number;
  readonly tags?: readonly string[];
  readonly properties?: Readonly<Record<string, string>>;
}

/** Registers an image record (admin for public ones); uploading data is a separate step. */
export async function createImage(session: Session, spec: ImageSpec): Promise<Image> {
  const body: Json = {
    ...spec.properties,
    name: spec.name,
    disk_format: spec.diskFormat ?? "raw",
    container_format: spec.containerFormat ?? "bare",
  };
  if (spec.visibility) body["visibility"] = spec.visibility;
  if (spec.minDisk !== undefined) body["min_disk"] = spec.minDisk;
  if (spec.minRam !== undefined) body["min_ram"] = spec.minRam;
  if (spec.tags) body["tags"] = spec.tags;
  const res = await session.request("image", "POST", "images", { body });
  return parseImage(res.body);
}

/** Sets (string) or removes (null) properties with one JSON-patch request. */
export async function updateImageProperties(
  session: Session,
  image: Image,
  changes: Readonly<Record<string, string | null>>,
): Promise<Image> {
  const ops = Object.entries(changes).flatMap(([key, value]) => {
    const path = `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    const exists = key in image.properties;
    if (value === null) return exists ? [{ op: "remove", path }] : [];
    return [{ op: exists ? "replace" : "add", path, value }];
  });
  if (ops.length === 0) return image;
  const res = await session.request("image", "PATCH", `images/${encodeURIComponent(image.id)}`, {
    body: ops,
    contentType: "application/openstack-images-v2.1-json-patch",
    idempotent: true,
  });
  return parseImage(res.body);
}

export async function deleteImage(session: Session, id: string): Promise<void> {
  await session.request("image", "DELETE", `images/${encodeURIComponent(id)}`);
}
