/**
 * Resources a check creates and must remove: servers, volumes, routers and networks whose names
 * start with a prefix (`_scs-` for every run, `_scs-<runid>-` for one run). Finding them by name
 * catches what a run could not record (a create whose answer was lost); removing them waits
 * until each is gone, in the order the cloud allows (servers before their volumes and networks,
 * router interfaces before routers and networks).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { oneLine } from "../errors.ts";
import type { ServiceType } from "./catalog.ts";
import { isApiStatus } from "./errors.ts";
import { type Json, obj, str } from "./fields.ts";
import { listRouterInterfacePorts, removeRouterPort } from "./network.ts";
import type { Session } from "./session.ts";

export type LeftoverKind = "server" | "volume" | "router" | "network";

export interface Leftover {
  readonly kind: LeftoverKind;
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the epoch; NaN when the cloud did not say. */
  readonly createdAt: number;
}

interface KindApi {
  readonly service: ServiceType;
  readonly list: string;
  readonly key: string;
  readonly item: (id: string) => string;
  readonly created: string;
}

const API: Readonly<Record<LeftoverKind, KindApi>> = {
  server: {
    service: "compute",
    list: "servers/detail",
    key: "servers",
    item: (id) => `servers/${id}`,
    created: "created",
  },
  volume: {
    service: "block-storage",
    list: "volumes/detail",
    key: "volumes",
    item: (id) => `volumes/${id}`,
    created: "created_at",
  },
  router: {
    service: "network",
    list: "routers",
    key: "routers",
    item: (id) => `routers/${id}`,
    created: "created_at",
  },
  network: {
    service: "network",
    list: "networks",
    key: "networks",
    item: (id) => `networks/${id}`,
    created: "created_at",
  },
};

export const LEFTOVER_KINDS: readonly LeftoverKind[] = ["server", "volume", "router", "network"];

/** A timestamp as OpenStack writes it; Cinder leaves out the zone, which is UTC. */
export function parseCreatedAt(text: string): number {
  if (text === "") return Number.NaN;
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`);
}

export const describeLeftover = (l: Leftover): string => `${l.kind} ${l.name} (${l.id})`;

/** The project's servers, volumes, routers and networks whose name starts with `prefix`. */
export async function findLeftovers(
  session: Session,
  prefix: string,
  signal?: AbortSignal,
): Promise<Leftover[]> {
  const lists = await Promise.all(
    LEFTOVER_KINDS.map(async (kind) => {
      const api = API[kind];
      const raw = await session.list<Json>(api.service, api.list, api.key, {
        // Neutron and Nova filter by name on the server side (Nova by regular expression).
        ...(kind === "volume" ? {} : { query: { name: kind === "server" ? `^${prefix}` : undefined } }),
        ...(api.service === "network" ? { limit: null } : {}),
        ...(signal ? { signal } : {}),
      });
      return raw.map(obj).map(
        (o): Leftover => ({
          kind,
          id: str(o, "id"),
          name: str(o, "name"),
          createdAt: parseCreatedAt(str(o, api.created)),
        }),
      );
    }),
  );
  return lists.flat().filter((l) => l.name.startsWith(prefix));
}

export interface RemoveOptions {
  /** Ends the removal: what is not gone by then is reported. */
  readonly signal: AbortSignal;
  /** Wait between probes of a resource that is going away. */
  readonly pollMs?: number;
}

/** Whether the resource still exists (404 = gone). */
async function exists(session: Session, l: Leftover, signal: AbortSignal): Promise<Json | null> {
  const api = API[l.kind];
  try {
    const res = await session.request<Json>(api.service, "GET", api.item(encodeURIComponent(l.id)), {
      signal,
    });
    return obj(res.body[l.kind]);
  } catch (err) {
    if (isApiStatus(err, 404)) return null;
    throw err;
  }
}

/**
 * Deletes `l` and waits until it is gone. A delete the cloud refuses for now (409: network
 * ports still in use; 400: a volume still being created or detached) is tried again.
 */
async function removeOne(session: Session, l: Leftover, options: RemoveOptions): Promise<void> {
  const { signal } = options;
  const api = API[l.kind];
  let deleted = false;
  for (;;) {
    signal.throwIfAborted();
    const current = await exists(session, l, signal);
    if (current === null) return;
    const status = typeof current["status"] === "string" ? current["status"].toLowerCase() : "";
    // A server (or volume) already being deleted needs no second request.
    const going = status === "deleting" || (l.kind === "server" && deleted);
    if (!going) {
      try {
        if (l.kind === "router") {
          for (const port of await listRouterInterfacePorts(session, l.id)) {
            await removeRouterPort(session, l.id, port);
          }
        }
        await session.request(api.service, "DELETE", api.item(encodeURIComponent(l.id)), { signal });
        deleted = true;
      } catch (err) {
        if (isApiStatus(err, 404)) return;
        if (!isApiStatus(err, 400, 409)) throw err;
      }
    }
    await sleep(options.pollMs ?? 1000, undefined, { signal });
  }
}

/**
 * Removes the leftovers: servers first (Nova deletes their ports and boot volumes), then volumes
 * and routers, then networks. Resolves to one line per resource that is still there.
 */
export async function removeLeftovers(
  session: Session,
  leftovers: readonly Leftover[],
  options: RemoveOptions,
): Promise<string[]> {
  const problems: string[] = [];
  const remove = async (l: Leftover) => {
    try {
      await removeOne(session, l, options);
    } catch (err) {
      const why = options.signal.aborted ? "not gone in time" : oneLine(err);
      problems.push(`${describeLeftover(l)}: ${why}`);
    }
  };
  const of = (kind: LeftoverKind) => leftovers.filter((l) => l.kind === kind);
  // Routers do not wait for servers; volumes and networks do (attached, ports in use).
  await Promise.all([
    (async () => {
      await Promise.all(of("server").map(remove));
      await Promise.all(of("volume").map(remove));
    })(),
    Promise.all(of("router").map(remove)),
  ]);
  await Promise.all(of("network").map(remove));
  return problems;
}
