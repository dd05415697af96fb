/**
 * Version discovery: what API versions (and microversion range) a service offers, read from the
 * unversioned root of its endpoint. The client does not need it for its own calls (it completes
 * catalog URLs itself and falls back when a microversion is refused); it is there for diagnostics.
 */
import type { ServiceType } from "./catalog.ts";
import { obj, str } from "./fields.ts";
import type { Session } from "./session.ts";

export interface ApiVersion {
  readonly id: string;
  readonly status: string;
  /** Microversion range, "" when the service has none. */
  readonly minVersion: string;
  readonly maxVersion: string;
}

/** Parses the `versions` document every OpenStack service serves at its root. */
export function parseVersions(body: unknown): ApiVersion[] {
  const o = obj(body);
  const raw = Array.isArray(o["versions"]) ? o["versions"] : obj(o["versions"])["values"];
  const single = o["version"];
  const list = Array.isArray(raw) ? raw : single ? [single] : [];
  return list.map((v) => {
    const r = obj(v);
    return {
      id: str(r, "id"),
      status: str(r, "status"),
      minVersion: str(r, "min_version"),
      maxVersion: str(r, "version") || str(r, "max_version"),
    };
  });
}

/** The versions a service announces at the root of its endpoint. */
export async function discoverVersions(session: Session, service: ServiceType): Promise<ApiVersion[]> {
  const base = await session.endpoint(service);
  const root = new URL(base).origin + "/";
  const versioned = base.slice(new URL(base).origin.length).split("/").filter(Boolean);
  // Services mounted under a path prefix keep it: strip only the version part and what follows.
  const idx = versioned.findIndex((s) => /^v\d+(\.\d+)?$/.test(s));
  const prefix = idx > 0 ? `${versioned.slice(0, idx).join("/")}/` : "";
  const res = await session.requestUrl(`${root}${prefix}`, { multipleChoices: true });
  return parseVersions(res.body);
}
