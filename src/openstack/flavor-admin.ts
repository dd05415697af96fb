/**
 * Nova calls only the flavor manager makes (admin): every flavor including private ones, and
 * whether servers use a flavor (the manager never deletes one in use without --force).
 */
import { listFromBothEnds } from "./both-ends.ts";
import { FLAVOR_MICROVERSION, FLAVOR_PAGE_SIZE, type Flavor, parseFlavor } from "./compute.ts";
import { type Json, obj } from "./fields.ts";
import type { Session } from "./session.ts";

/**
 * Every flavor, public and private (`is_public=None`: without it Nova lists an admin only the
 * public ones), with extra_specs (microversion 2.61, which the flavor manager requires).
 */
export async function listAllFlavors(session: Session): Promise<Flavor[]> {
  const raw = await listFromBothEnds<Json>(session, "compute", "flavors/detail", "flavors", {
    pageSize: FLAVOR_PAGE_SIZE,
    query: { is_public: "None" },
    ascending: { sort_key: "flavorid", sort_dir: "asc" },
    descending: { sort_key: "flavorid", sort_dir: "desc" },
    resultOrder: "ascending",
    microversion: FLAVOR_MICROVERSION,
  });
  return raw.map((f) => parseFlavor(f));
}

/** True when any server of any project (all_tenants) was booted with this flavor. */
export async function flavorInUse(session: Session, flavorId: string): Promise<boolean> {
  const res = await session.request<Json>("compute", "GET", "servers", {
    query: { all_tenants: "1", flavor: flavorId, limit: 1 },
  });
  const servers = obj(res.body)["servers"];
  return Array.isArray(servers) && servers.length > 0;
}
