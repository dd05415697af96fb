/**
 * Listing a long collection from both ends at once: one cursor walks it in ascending order,
 * another in descending order, page by page, concurrently, until they meet. A service with
 * several workers then renders two pages at the same time, halving the wall time of a list that
 * is expensive per item (Glance checks policy for every image it returns). Correctness needs two
 * exactly reverse total orders (a unique last sort key) and marker pagination.
 */

import type { ServiceType } from "./catalog.ts";
import { CloudError } from "./errors.ts";
import { ListGuard } from "./list-guard.ts";
import { nextLink, pageItems } from "./pagination.ts";
import type { Query, Session } from "./session.ts";

export interface BothEndsOptions {
  /** Items per page and cursor. */
  readonly pageSize: number;
  /** Filters for both cursors. */
  readonly query?: Query;
  /** The sort parameters of each cursor; the two orders must be exact reverses. */
  readonly ascending: Query;
  readonly descending: Query;
  /** Which order the result is returned in. */
  readonly resultOrder: "ascending" | "descending";
  readonly microversion?: string;
}

type Item = Record<string, unknown>;
const idOf = (item: Item) => String(item["id"]);

export async function listFromBothEnds<T = unknown>(
  session: Session,
  service: ServiceType,
  path: string,
  key: string,
  options: BothEndsOptions,
): Promise<T[]> {
  // When one cursor fails, the other stops too instead of retrying on in the background.
  const stop = new AbortController();
  const fetchPage = async (
    guard: ListGuard,
    sort: Query,
    marker: string | null,
  ): Promise<{ items: Item[]; more: boolean }> => {
    const res = await session.request(service, "GET", path, {
      signal: stop.signal,
      query: { ...options.query, ...sort, limit: options.pageSize, ...(marker ? { marker } : {}) },
      ...(options.microversion ? { microversion: options.microversion } : {}),
      // Two cursors at once from the start: one extra token validation buys two workers.
      alone: false,
    });
    const items = pageItems(res.body, key);
    if (items === null) throw new CloudError(`GET ${path} on ${service}: the answer has no "${key}" list`);
    guard.page(items, res.bytes);
    // The next link, not the page length, says whether there is more: servers clamp the limit.
    return { items: items as Item[], more: items.length > 0 && nextLink(res.body, key) !== null };
  };

  const up: Item[] = [];
  const down: Item[] = [];
  // A guard per cursor: its caps, and a page that only repeats what that cursor saw (a server
  // ignoring the marker) stops the listing. (The other cursor's items come back by design.)
  const upGuard = new ListGuard(`GET ${path} on ${service}`);
  const downGuard = new ListGuard(`GET ${path} on ${service}`);
  for (;;) {
    const failFast = <P>(p: Promise<P>) =>
      p.catch((err: unknown) => {
        stop.abort(err);
        throw err;
      });
    const [a, d] = await Promise.all([
      failFast(fetchPage(upGuard, options.ascending, up.length ? idOf(up.at(-1)!) : null)),
      failFast(fetchPage(downGuard, options.descending, down.length ? idOf(down.at(-1)!) : null)),
    ]);
    // One at a time: a spread of a huge page overflows the call stack.
    for (const item of a.items) up.push(item);
    for (const item of d.items) down.push(item);
    // A cursor at the far end saw everything by itself.
    if (!a.more) return order(up, [], options.resultOrder) as T[];
    if (!d.more) return order([], down, options.resultOrder) as T[];
    const seen = new Set(up.map(idOf));
    if (down.some((item) => seen.has(idOf(item)))) return order(up, down, options.resultOrder) as T[];
  }
}

/** The union of a prefix (ascending) and a suffix (descending) of one order, in the wanted order. */
function order(up: Item[], down: Item[], resultOrder: "ascending" | "descending"): Item[] {
  const seen = new Set(up.map(idOf));
  const rest = down.filter((item) => !seen.has(idOf(item))).reverse();
  const ascending = [...up, ...rest];
  return resultOrder === "ascending" ? ascending : ascending.reverse();
}
