/**
 * Limits of one paginated listing, so that a server whose `next` link never ends, repeats itself
 * or whose list is absurdly long ends the listing with a one-line reason instead of running until
 * memory is gone. The caps are far above any real cloud (the largest public ones have a few
 * thousand flavors and images) and far below trouble.
 */
import { CloudError } from "./errors.ts";

export const MAX_LIST_ITEMS = 50_000;
export const MAX_LIST_PAGES = 1_000;
export const MAX_LIST_BYTES = 64 * 1024 * 1024;

export interface ListCaps {
  readonly items: number;
  readonly pages: number;
  readonly bytes: number;
}

export const LIST_CAPS: ListCaps = { items: MAX_LIST_ITEMS, pages: MAX_LIST_PAGES, bytes: MAX_LIST_BYTES };

export class ListGuard {
  readonly #what: string;
  readonly #caps: ListCaps;
  readonly #links = new Set<string>();
  readonly #ids = new Set<string>();
  #items = 0;
  #pages = 0;
  #bytes = 0;

  /** `what` names the listing in messages: `GET flavors/detail on compute`. */
  constructor(what: string, caps: ListCaps = LIST_CAPS) {
    this.#what = what;
    this.#caps = caps;
  }

  /** Counts a page; throws when a cap is passed or the page only repeats items seen before. */
  page(items: readonly unknown[], bytes: number): void {
    this.#pages++;
    this.#items += items.length;
    this.#bytes += bytes;
    if (this.#items > this.#caps.items) this.#fail(`more than ${this.#caps.items} items`);
    if (this.#pages > this.#caps.pages) this.#fail(`more than ${this.#caps.pages} pages`);
    if (this.#bytes > this.#caps.bytes)
      this.#fail(`more than ${this.#caps.bytes / 1024 / 1024} MiB of answers`);
    let fresh = items.length === 0;
    for (const item of items) {
      const id = idOf(item);
      if (id === null || !this.#ids.has(id)) fresh = true;
      if (id !== null) this.#ids.add(id);
    }
    if (!fresh) this.#fail("the server sends the same items again (it ignores the page marker)");
  }

  /** Records a next-page link (its query); a link seen before means the server goes in circles. */
  link(signature: string): void {
    if (this.#links.has(signature)) this.#fail("the server repeats a page link");
    this.#links.add(signature);
  }

  #fail(reason: string): never {
    throw new CloudError(`${this.#what}: ${reason}; stopped listing`);
  }
}

function idOf(item: unknown): string | null {
  if (typeof item !== "object" || item === null) return null;
  const id = (item as Record<string, unknown>)["id"];
  return typeof id === "string" || typeof id === "number" ? String(id) : null;
}
