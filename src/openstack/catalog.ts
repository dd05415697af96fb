/**
 * The service catalog of a Keystone v3 token and choosing an endpoint from it. Pure.
 */
import type { Interface } from "./config.ts";
import { CloudError } from "./errors.ts";

export interface Endpoint {
  readonly id: string;
  readonly interface: string;
  readonly region: string | null;
  readonly url: string;
}

export interface CatalogEntry {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly endpoints: readonly Endpoint[];
}

/** The services this client talks to, by their official type. */
export type ServiceType =
  | "identity"
  | "compute"
  | "image"
  | "block-storage"
  | "network"
  | "key-manager"
  | "placement"
  | "object-store"
  | "load-balancer";

/** Catalog types that stand for a service, best first (Cinder is registered under several). */
export const SERVICE_TYPE_ALIASES: Readonly<Record<ServiceType, readonly string[]>> = {
  identity: ["identity"],
  compute: ["compute"],
  image: ["image"],
  "block-storage": ["block-storage", "volumev3", "volume"],
  network: ["network"],
  "key-manager": ["key-manager"],
  placement: ["placement"],
  "object-store": ["object-store"],
  "load-balancer": ["load-balancer"],
};

/** The catalog from a token body (`token.catalog`), tolerating missing fields. */
export function parseCatalog(raw: unknown): CatalogEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e: Record<string, unknown>) => ({
    id: String(e["id"] ?? ""),
    type: String(e["type"] ?? ""),
    name: String(e["name"] ?? ""),
    endpoints: (Array.isArray(e["endpoints"]) ? e["endpoints"] : []).map((p: Record<string, unknown>) => ({
      id: String(p["id"] ?? ""),
      interface: String(p["interface"] ?? ""),
      region:
        typeof p["region_id"] === "string"
          ? p["region_id"]
          : typeof p["region"] === "string"
            ? p["region"]
            : null,
      url: String(p["url"] ?? ""),
    })),
  }));
}

export interface EndpointChoice {
  readonly serviceType: ServiceType;
  readonly catalogType: string;
  readonly url: string;
  readonly region: string | null;
}

/**
 * The endpoint of a service for an interface and region. Without a region the first matching
 * endpoint wins (keystoneauth does the same). Throws a `CloudError` that says what the catalog has.
 */
export function selectEndpoint(
  catalog: readonly CatalogEntry[],
  service: ServiceType,
  iface: Interface,
  region: string | null,
): EndpointChoice {
  const aliases = SERVICE_TYPE_ALIASES[service];
  for (const type of aliases) {
    for (const entry of catalog) {
      if (entry.type !== type) continue;
      const ep = entry.endpoints.find(
        (e) => e.interface === iface && (region === null || e.region === region),
      );
      if (ep) return { serviceType: service, catalogType: type, url: ep.url, region: ep.region };
    }
  }
  const present = catalog.filter((e) => aliases.includes(e.type));
  if (present.length === 0) {
    const types = [...new Set(catalog.map((e) => e.type))].sort().join(", ") || "nothing";
    throw new CloudError(`the cloud has no ${service} service in its catalog (it has: ${types})`);
  }
  const offered = present
    .flatMap((e) => e.endpoints)
    .map((e) => `${e.interface}${e.region ? `@${e.region}` : ""}`)
    .sort();
  throw new CloudError(
    `the ${service} service has no ${iface} endpoint${region ? ` in region ${region}` : ""} (it has: ${[...new Set(offered)].join(", ") || "none"}); set interface or region_name in clouds.yaml`,
  );
}

/** The version path a service's API calls are made under when the catalog URL has none. */
const DEFAULT_VERSION: Partial<Record<ServiceType, string>> = {
  identity: "v3",
  compute: "v2.1",
  image: "v2",
  network: "v2.0",
  "block-storage": "v3",
  "key-manager": "v1",
};

const VERSION_SEGMENT = /^v\d+(\.\d+)?$/;

/**
 * The base URL API paths are appended to: the catalog URL, completed with the service's major
 * version when the catalog lists the unversioned root (Glance, Neutron and Barbican usually do).
 * A URL that already names a version (`/v2.1`, `/v3/<project>`) is used as is.
 */
export function apiBase(service: ServiceType, url: string, projectId: string | null): string {
  const u = new URL(url);
  const segments = u.pathname.split("/").filter(Boolean);
  const trimmed = u.origin + (segments.length ? `/${segments.join("/")}` : "");
  if (segments.some((s) => VERSION_SEGMENT.test(s))) return trimmed;
  const version = DEFAULT_VERSION[service];
  if (!version) return trimmed;
  if (service === "block-storage" && projectId) return `${trimmed}/${version}/${projectId}`;
  return `${trimmed}/${version}`;
}
