import type { Session } from "./rest.ts";
import type { FlavorSpec, ImageSpec, VolumeTypeSpec } from "./sample.ts";

/** What the lab's populate reads from and writes to the cloud, as an admin, over REST. */

export interface ActualFlavor extends FlavorSpec {
  readonly id: string;
  readonly description: string | null;
}

export interface ActualImage {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly visibility: string;
  readonly hidden: boolean;
  readonly minDisk: number;
  readonly minRam: number;
  readonly diskFormat: string | null;
  readonly containerFormat: string | null;
  readonly createdAt: string;
  readonly tags: readonly string[];
  /** Free-form properties only (Glance's own fields removed). */
  readonly properties: Readonly<Record<string, string>>;
}

export interface ActualVolumeType extends VolumeTypeSpec {
  readonly id: string;
}

export type JsonPatchOp =
  | { op: "add" | "replace"; path: string; value: unknown }
  | { op: "remove"; path: string };

/** Fields of a Glance image that are not free-form properties. */
const GLANCE_FIELDS = new Set([
  "id",
  "name",
  "status",
  "visibility",
  "protected",
  "os_hidden",
  "checksum",
  "os_hash_algo",
  "os_hash_value",
  "owner",
  "size",
  "virtual_size",
  "min_ram",
  "min_disk",
  "disk_format",
  "container_format",
  "created_at",
  "updated_at",
  "tags",
  "file",
  "self",
  "schema",
  "locations",
  "direct_url",
  "stores",
]);

/** Properties Glance or its clients maintain themselves; populate never removes them. */
export function isSystemProperty(key: string): boolean {
  return key.startsWith("os_glance") || key.startsWith("owner_specified.");
}

// 2.61: flavor lists embed extra_specs (no request per flavor); 2.55 added descriptions.
const NOVA = { "openstack-api-version": "compute 2.61", "x-openstack-nova-api-version": "2.61" };
const PATCH_TYPE = "application/openstack-images-v2.1-json-patch";
const IMAGE_BYTES = new Uint8Array(16 * 1024); // enough data for Glance to call an image active

export class LabCloud {
  readonly compute: string;
  readonly image: string;
  readonly volume: string;

  constructor(private readonly s: Session) {
    this.compute = s.endpoint("compute");
    this.image = s.endpoint("image");
    this.volume = s.endpoint("block-storage", "volumev3");
  }

  // -- flavors ------------------------------------------------------------------------------
  async listFlavors(): Promise<ActualFlavor[]> {
    type Raw = {
      id: string;
      name: string;
      vcpus: number;
      ram: number;
      disk: number;
      "os-flavor-access:is_public": boolean;
      description?: string | null;
      extra_specs?: Record<string, string>;
    };
    const out: ActualFlavor[] = [];
    let marker = "";
    for (;;) {
      const url = `${this.compute}/flavors/detail?is_public=None&limit=1000${marker && `&marker=${marker}`}`;
      const page = (await this.s.request<{ flavors: Raw[] }>("GET", url, { headers: NOVA })).flavors;
      for (const f of page) {
        out.push({
          id: f.id,
          name: f.name,
          vcpus: f.vcpus,
          ram: f.ram,
          disk: f.disk,
          isPublic: f["os-flavor-access:is_public"],
          description: f.description ?? null,
          extraSpecs: f.extra_specs ?? {},
        });
      }
      const last = page.at(-1);
      if (!last || page.length < 1000) return out;
      marker = encodeURIComponent(last.id);
    }
  }

  async createFlavor(spec: FlavorSpec, description: string): Promise<string> {
    const flavor = {
      name: spec.name,
      vcpus: spec.vcpus,
      ram: spec.ram,
      disk: spec.disk,
      "os-flavor-access:is_public": spec.isPublic,
      description,
    };
    const res = await this.s.request<{ flavor: { id: string } }>("POST", `${this.compute}/flavors`, {
      json: { flavor },
      headers: NOVA,
    });
    const id = res.flavor.id;
    if (Object.keys(spec.extraSpecs).length > 0) await this.setFlavorExtraSpecs(id, spec.extraSpecs);
    return id;
  }

  async setFlavorExtraSpecs(id: string, specs: Readonly<Record<string, string>>): Promise<void> {
    await this.s.request("POST", `${this.compute}/flavors/${id}/os-extra_specs`, {
      json: { extra_specs: specs },
      headers: NOVA,
    });
  }

  async unsetFlavorExtraSpec(id: string, key: string): Promise<void> {
    await this.s.request(
      "DELETE",
      `${this.compute}/flavors/${id}/os-extra_specs/${encodeURIComponent(key)}`,
      {
        headers: NOVA,
      },
    );
  }

  async describeFlavor(id: string, description: string): Promise<void> {
    await this.s.request("PUT", `${this.compute}/flavors/${id}`, {
      json: { flavor: { description } },
      headers: NOVA,
    });
  }

  async deleteFlavor(id: string): Promise<void> {
    await this.s.request("DELETE", `${this.compute}/flavors/${id}`, { headers: NOVA });
  }

  // -- images -------------------------------------------------------------------------------
  /** Every image the admin sees, hidden ones included (Glance lists those only on request). */
  async listImages(): Promise<ActualImage[]> {
    const [shown, hidden] = await Promise.all([this.imagePages(""), this.imagePages("&os_hidden=true")]);
    return [...shown, ...hidden];
  }

  private async imagePages(filter: string): Promise<ActualImage[]> {
    const out: ActualImage[] = [];
    let next: string | undefined = `/v2/images?limit=1000${filter}`;
    while (next) {
      const page: { images: Record<string, unknown>[]; next?: string } = await this.s.request(
        "GET",
        `${this.image}${next}`,
      );
      for (const raw of page.images) out.push(toImage(raw));
      next = page.next;
    }
    return out;
  }

  async createImage(spec: ImageSpec, properties: Record<string, string>, tags: string[]): Promise<string> {
    const body = {
      ...properties,
      name: spec.name,
      visibility: spec.visibility,
      os_hidden: spec.hidden,
      min_disk: spec.minDisk,
      min_ram: spec.minRam,
      disk_format: spec.diskFormat,
      container_format: spec.containerFormat,
      tags,
    };
    const created = await this.s.request<{ id: string }>("POST", `${this.image}/v2/images`, { json: body });
    try {
      await this.s.request("PUT", `${this.image}/v2/images/${created.id}/file`, { body: IMAGE_BYTES });
    } catch (err) {
      await this.deleteImage(created.id).catch(() => undefined); // never leave a "queued" image behind
      throw err;
    }
    return created.id;
  }

  async patchImage(id: string, ops: JsonPatchOp[]): Promise<void> {
    await this.s.request("PATCH", `${this.image}/v2/images/${id}`, { json: ops, contentType: PATCH_TYPE });
  }

  async tagImage(id: string, tag: string): Promise<void> {
    await this.s.request("PUT", `${this.image}/v2/images/${id}/tags/${encodeURIComponent(tag)}`);
  }

  async deleteImage(id: string): Promise<void> {
    await this.s.request("DELETE", `${this.image}/v2/images/${id}`);
  }

  // -- volume types -------------------------------------------------------------------------
  async listVolumeTypes(): Promise<ActualVolumeType[]> {
    type Raw = {
      id: string;
      name: string;
      description: string | null;
      is_public: boolean;
      extra_specs?: Record<string, string>;
    };
    const res = await this.s.request<{ volume_types: Raw[] }>("GET", `${this.volume}/types?is_public=None`);
    return res.volume_types.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description ?? "",
      isPublic: t.is_public,
      extraSpecs: t.extra_specs ?? {},
    }));
  }

  async createVolumeType(spec: VolumeTypeSpec): Promise<void> {
    const volume_type = {
      name: spec.name,
      description: spec.description,
      "os-volume-type-access:is_public": spec.isPublic,
      extra_specs: spec.extraSpecs,
    };
    await this.s.request("POST", `${this.volume}/types`, { json: { volume_type } });
  }

  async updateVolumeType(id: string, description: string, isPublic: boolean): Promise<void> {
    await this.s.request("PUT", `${this.volume}/types/${id}`, {
      json: { volume_type: { description, is_public: isPublic } },
    });
  }

  async setVolumeTypeExtraSpecs(id: string, specs: Readonly<Record<string, string>>): Promise<void> {
    await this.s.request("POST", `${this.volume}/types/${id}/extra_specs`, { json: { extra_specs: specs } });
  }

  async unsetVolumeTypeExtraSpec(id: string, key: string): Promise<void> {
    await this.s.request("DELETE", `${this.volume}/types/${id}/extra_specs/${encodeURIComponent(key)}`);
  }

  async deleteVolumeType(id: string): Promise<void> {
    await this.s.request("DELETE", `${this.volume}/types/${id}`);
  }
}

function toImage(raw: Record<string, unknown>): ActualImage {
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!GLANCE_FIELDS.has(k) && typeof v === "string") properties[k] = v;
  }
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    id: String(raw["id"]),
    name: String(raw["name"] ?? ""),
    status: String(raw["status"]),
    visibility: String(raw["visibility"]),
    hidden: raw["os_hidden"] === true,
    minDisk: num(raw["min_disk"]),
    minRam: num(raw["min_ram"]),
    diskFormat: str(raw["disk_format"]),
    containerFormat: str(raw["container_format"]),
    createdAt: String(raw["created_at"]),
    tags: Array.isArray(raw["tags"]) ? (raw["tags"] as string[]) : [],
    properties,
  };
}
