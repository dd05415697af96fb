/** From the OpenStack client's records (live or snapshot) to the facts the testcases read. Pure. */
import type * as os from "../openstack/index.ts";
import type { CatalogEntry, DefaultRulesListing, Flavor, Image, VolumeType } from "./model.ts";

export function toFlavor(flavor: os.Flavor): Flavor {
  const { id, name, vcpus, ram, disk, extraSpecs } = flavor;
  return { id, name, vcpus, ram, disk, extraSpecs };
}

/** Glance keeps `os_hash_algo` among its own fields; the rules read it like any property. */
export function toImage(image: os.Image): Image {
  return {
    id: image.id,
    name: image.name ?? "",
    visibility: image.visibility,
    hidden: image.osHidden,
    createdAt: image.createdAt || null,
    size: image.size,
    minDisk: image.minDisk,
    minRam: image.minRam,
    properties:
      image.osHashAlgo === null ? image.properties : { ...image.properties, os_hash_algo: image.osHashAlgo },
  };
}

/**
 * The images the reference sees: it lists without a visibility filter, so Glance leaves out
 * community images of other projects; `visibility=all` would include them.
 */
export function referenceVisible(image: os.Image, projectId: string | null): boolean {
  return image.visibility === "public" || (image.visibility === "community" && image.owner === projectId);
}

export function toVolumeType({ id, name, description }: os.VolumeType): VolumeType {
  return { id, name, description };
}

export function toCatalogEntry(entry: os.CatalogEntry): CatalogEntry {
  return {
    type: entry.type,
    name: entry.name,
    endpoints: entry.endpoints.map((e) => ({
      interface: e.interface,
      url: e.url,
      ...(e.region ? { region: e.region } : {}),
    })),
  };
}

/** null = the cloud's Neutron has no default-security-group-rules API. */
export function toDefaultRules(rules: readonly os.DefaultSecurityGroupRule[] | null): DefaultRulesListing {
  if (rules === null) return { kind: "unsupported", reason: "default-security-group-rules not found" };
  return {
    kind: "listed",
    rules: rules.map((rule) => ({
      direction: rule.direction,
      ethertype: rule.ethertype,
      remoteGroupId: rule.remoteGroupId,
      remoteIpPrefix: rule.remoteIpPrefix,
      usedInDefaultSg: rule.usedInDefaultSg,
      usedInNonDefaultSg: rule.usedInNonDefaultSg,
    })),
  };
}
