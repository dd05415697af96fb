/**
 * Listing a long collection from both ends at once: one cursor walks it in ascending order,
 * another in descending order, page by page, concurrently, until they meet. A service with
 * several workers then renders two pages at the same time, halving the wall time of a list that
 * is expensive per item (Glance checks policy for every image it returns). Correctness needs two
 * exactly reverse total orders (a unique last sort key) and marker pagination.
 */

import type { ServiceType } from "./catalog.ts";
import { CloudError } from "./errors.ts";
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
  /** Stops a runaway listing (a server ignoring the marker). */
  readonly maxItems?: number;
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
  const fetchPage = async (sort: Query, marker: string | null): Promise<{ items: Item[]; more: boolean }> => {
    const res = await session.request(service, "GET", path, {
      signal: stop.signal,
      query: { ...options.query, ...sort, limit: options.pageSize, ...(marker ? { marker } : {}) },
      ...(options.microversion ? { microversion: options.microversion } : {}),
      // Two cursors at once from the start: one extra token validation buys two workers.
      alone: false,
    });
    const items = pageItems(res.body, key);
    if (items === null) throw new CloudError(`GET ${path} on ${service}: the answer has no "${key}" list`);
    // The next link, not the page length, says whether there is more: servers clamp the limit.
    return { items: items as Item[], more: items.length > 0 && nextLink(res.body, key) !== null };
  };

  const up: Item[] = [];
  const down: Item[] = [];
  const maxItems = options.maxItems ?? 1_000_000;
  for (;;) {
    const failFast = <P>(p: Promise<P>) =>
      p.catch((err: unknown) => {
        stop.abort(err);
        throw err;
      });
    const [a, d] = await Promise.all([
      failFast(fetchPage(options.ascending, up.length ? idOf(up.at(-1)!) : null)),
      failFast(fetchPage(options.descending, down.length ? idOf(down.at(-1)!) : null)),
    ]);
    up.push(...a.items);
    down.push(...d.items);
    // A cursor at the far end saw everything by itself.
    if (!a.more) return order(up, [], options.resultOrder) as T[];
    if (!d.more) return order([], down, options.resultOrder) as T[];
    const seen = new Set(up.map(idOf));
    if (down.some((item) => seen.has(idOf(item)))) return order(up, down, options.resultOrder) as T[];
    if (up.length + down.length > maxItems) {
      throw new CloudError(
        `GET ${path} on ${service}: more than ${maxItems} items, or the server ignores the marker`,
      );
    }
  }
}

/** The union of a prefix (ascending) and a suffix (descending) of one order, in the wanted order. */
function order(up: Item[], down: Item[], resultOrder: "ascending" | "descending"): Item[] {
  const seen = new Set(up.map(idOf));
  const rest = down.filter((item) => !seen.has(idOf(item))).reverse();
  const ascending = [...up, ...rest];
  return resultOrder === "ascending" ? ascending : ascending.reverse();
}
