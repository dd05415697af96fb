/**
 * Following list pages. OpenStack services mark the next page differently:
 * Nova, Cinder, Neutron: `<key>_links: [{rel: "next", href}]`; Glance: `next: "/v2/images?marker=…"`;
 * Barbican: `next: "http://…?offset=…"`; Keystone: `links: {next: url}`. Pure.
 */

/** The next-page link of a list answer, or null on the last page. */
export function nextLink(body: unknown, key: string): string | null {
  if (typeof body !== "object" || body === null) return null;
  const o = body as Record<string, unknown>;
  const links = o[`${key}_links`];
  if (Array.isArray(links)) {
    const next = links.find(
      (l) => l && typeof l === "object" && (l as Record<string, unknown>)["rel"] === "next",
    );
    const href = next ? (next as Record<string, unknown>)["href"] : null;
    if (typeof href === "string" && href) return href;
  }
  if (typeof o["next"] === "string" && o["next"]) return o["next"];
  const kl = o["links"];
  if (kl && typeof kl === "object" && !Array.isArray(kl)) {
    const next = (kl as Record<string, unknown>)["next"];
    if (typeof next === "string" && next) return next;
  }
  return null;
}

/**
 * The query of the next page. Only the query string of the link is used, applied to our own
 * URL: services behind proxies often put an internal host name into their links.
 */
export function nextQuery(link: string): URLSearchParams {
  const q = link.indexOf("?");
  return new URLSearchParams(q < 0 ? "" : link.slice(q + 1));
}

/** The items of one list answer under `key`; a body without that array is a protocol error. */
export function pageItems(body: unknown, key: string): unknown[] | null {
  if (typeof body !== "object" || body === null) return null;
  const items = (body as Record<string, unknown>)[key];
  return Array.isArray(items) ? items : null;
}
