/**
 * Nova: flavors with their extra_specs (one paginated call with microversion 2.61), flavor
 * writes for the flavor manager, and the server calls the scs-0101 VM testcases make.
 */

import { mapLimit } from "../concurrency.ts";
import { listFromBothEnds } from "./both-ends.ts";
import { isApiStatus } from "./errors.ts";
import { bool, type Json, num, obj, str, stringMap, strOrNull } from "./fields.ts";
import type { Session } from "./session.ts";
import { checkItems, checkShape, EXTRA_SPECS, FLAVOR } from "./shapes.ts";

/** From 2.61 on, `GET /flavors/detail` carries each flavor's extra_specs: no N+1 calls. */
export const FLAVOR_MICROVERSION = "2.61";
/** Flavors per page and cursor: 2000 flavors in two rounds of two concurrent requests. */
export const FLAVOR_PAGE_SIZE = 512;
/** Per-flavor extra_specs calls in flight at once on clouds older than 2.61. */
const EXTRA_SPECS_CONCURRENCY = 8;

export interface Flavor {
  readonly id: string;
  readonly name: string;
  readonly vcpus: number;
  /** MiB */
  readonly ram: number;
  /** GB; 0 means "no root disk size fixed by the flavor". */
  readonly disk: number;
  readonly ephemeral: number;
  /** MiB (Nova answers "" for none before 2.75; that is 0 here). */
  readonly swap: number;
  readonly isPublic: boolean;
  readonly disabled: boolean;
  readonly description: string | null;
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export function parseFlavor(raw: unknown, extraSpecs?: Record<string, string>): Flavor {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    vcpus: num(o, "vcpus"),
    ram: num(o, "ram"),
    disk: num(o, "disk"),
    ephemeral: num(o, "OS-FLV-EXT-DATA:ephemeral"),
    swap: num(o, "swap"),
    isPublic: bool(o, "os-flavor-access:is_public", true),
    disabled: bool(o, "OS-FLV-DISABLED:disabled"),
    description: strOrNull(o, "description"),
    extraSpecs: extraSpecs ?? stringMap(o["extra_specs"]),
  };
}

/**
 * Every flavor the caller sees (public ones plus private ones shared with the project), each
 * with its extra_specs. Clouds older than 2.61 are served with per-flavor extra_specs calls.
 */
export async function listFlavors(session: Session): Promise<Flavor[]> {
  let raw: Json[];
  try {
    // Read from both ends at once: Nova renders the two halves in two workers.
    raw = await listFromBothEnds<Json>(session, "compute", "flavors/detail", "flavors", {
      pageSize: FLAVOR_PAGE_SIZE,
      // flavorid is unique, so the two orders are exact reverses; ascending is Nova's default.
      ascending: { sort_key: "flavorid", sort_dir: "asc" },
      descending: { sort_key: "flavorid", sort_dir: "desc" },
      resultOrder: "ascending",
      microversion: FLAVOR_MICROVERSION,
    });
  } catch (err) {
    // 406: the cloud's Nova is older than 2.61.
    if (!isApiStatus(err, 406)) throw err;
    raw = await session.list<Json>("compute", "flavors/detail", "flavors");
  }
  checkItems(FLAVOR, raw, { service: "compute", what: "a flavor list", key: "flavors" });
  return mapLimit(raw, EXTRA_SPECS_CONCURRENCY, async (f) =>
    f["extra_specs"] !== undefined
      ? parseFlavor(f)
      : parseFlavor(f, await getFlavorExtraSpecs(session, str(f, "id"))),
  );
}

export async function getFlavor(session: Session, id: string): Promise<Flavor> {
  const res = await session.request<Json>("compute", "GET", `flavors/${encodeURIComponent(id)}`, {
    microversion: FLAVOR_MICROVERSION,
  });
  return parseFlavor(res.body["flavor"]);
}

export async function getFlavorExtraSpecs(
  session: Session,
  flavorId: string,
): Promise<Record<string, string>> {
  const res = await session.request<Json>(
    "compute",
    "GET",
    `flavors/${encodeURIComponent(flavorId)}/os-extra_specs`,
  );
  checkShape(EXTRA_SPECS, res.body, { service: "compute", what: "a flavor's extra_specs" });
  return stringMap(res.body["extra_specs"]);
}

export interface FlavorSpec {
  readonly name: string;
  readonly vcpus: number;
  readonly ram: number;
  readonly disk: number;
  readonly id?: string;
  readonly isPublic?: boolean;
  readonly description?: string;
}

/** Creates a flavor (admin). */
export async function createFlavor(session: Session, spec: FlavorSpec): Promise<Flavor> {
  const flavor: Json = { name: spec.name, vcpus: spec.vcpus, ram: spec.ram, disk: spec.disk };
  if (spec.id !== undefined) flavor["id"] = spec.id;
  if (spec.isPublic !== undefined) flavor["os-flavor-access:is_public"] = spec.isPublic;
  if (spec.description !== undefined) flavor["description"] = spec.description;
  const res = await session.request<Json>("compute", "POST", "flavors", {
    body: { flavor },
    microversion: FLAVOR_MICROVERSION,
  });
  return parseFlavor(res.body["flavor"]);
}

export async function deleteFlavor(session: Session, id: string): Promise<void> {
  await session.request("compute", "DELETE", `flavors/${encodeURIComponent(id)}`);
}

/** Adds or replaces extra_specs (admin); returns the flavor's extra_specs as Nova answers. */
export async function setFlavorExtraSpecs(
  session: Session,
  flavorId: string,
  specs: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const res = await session.request<Json>(
    "compute",
    "POST",
    `flavors/${encodeURIComponent(flavorId)}/os-extra_specs`,
    {
      body: { extra_specs: specs },
      // Setting the same keys twice gives the same result.
      idempotent: true,
    },
  );
  return stringMap(res.body["extra_specs"]);
}

export async function deleteFlavorExtraSpec(session: Session, flavorId: string, key: string): Promise<void> {
  await session.request(
    "compute",
    "DELETE",
    `flavors/${encodeURIComponent(flavorId)}/os-extra_specs/${encodeURIComponent(key)}`,
  );
}

// --- servers (scs-0101 boots one VM) ---

export interface Server {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  /** Nova's fault message when status is ERROR. */
  readonly fault: string | null;
}

export function parseServer(raw: unknown): Server {
  const o = obj(raw);
  const fault = obj(o["fault"]);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    status: str(o, "status"),
    fault: strOrNull(fault, "message"),
  };
}

export interface ServerSpec {
  readonly name: string;
  readonly flavorId: string;
  readonly networkIds: readonly string[];
  /** Boot from a new volume made from this image, deleted with the server. */
  readonly bootVolume?: { readonly imageId: string; readonly sizeGb: number };
  /** Boot from this existing volume, deleted with the server (ignored when bootVolume is given). */
  readonly bootVolumeId?: string;
  /** Boot from the image directly (ignored when bootVolume is given). */
  readonly imageId?: string;
  /** cloud-config or script text; base64-encoded here. */
  readonly userData?: string;
}

export async function createServer(session: Session, spec: ServerSpec): Promise<Server> {
  const server: Json = {
    name: spec.name,
    flavorRef: spec.flavorId,
    networks: spec.networkIds.map((uuid) => ({ uuid })),
  };
  if (spec.bootVolume) {
    server["block_device_mapping_v2"] = [
      {
        boot_index: 0,
        uuid: spec.bootVolume.imageId,
        source_type: "image",
        destination_type: "volume",
        volume_size: spec.bootVolume.sizeGb,
        delete_on_termination: true,
      },
    ];
  } else if (spec.bootVolumeId) {
    server["block_device_mapping_v2"] = [
      {
        boot_index: 0,
        uuid: spec.bootVolumeId,
        source_type: "volume",
        destination_type: "volume",
        delete_on_termination: true,
      },
    ];
  } else if (spec.imageId) {
    server["imageRef"] = spec.imageId;
  }
  if (spec.userData !== undefined)
    server["user_data"] = Buffer.from(spec.userData, "utf8").toString("base64");
  const res = await session.request<Json>("compute", "POST", "servers", {
    body: { server },
    microversion: "2.61",
  });
  const created = obj(res.body["server"]);
  return { id: str(created, "id"), name: spec.name, status: "BUILD", fault: null };
}

export async function getServer(session: Session, id: string): Promise<Server> {
  const res = await session.request<Json>("compute", "GET", `servers/${encodeURIComponent(id)}`);
  return parseServer(res.body["server"]);
}

export async function deleteServer(session: Session, id: string): Promise<void> {
  await session.request("compute", "DELETE", `servers/${encodeURIComponent(id)}`);
}

/** The server's console log (`os-getConsoleOutput`). Reading it changes nothing. */
export async function getConsoleOutput(session: Session, id: string, lines?: number): Promise<string> {
  const res = await session.request<Json>("compute", "POST", `servers/${encodeURIComponent(id)}/action`, {
    body: { "os-getConsoleOutput": lines === undefined ? {} : { length: lines } },
    idempotent: true,
  });
  return str(res.body, "output");
}
