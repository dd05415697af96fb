/**
 * How long a result stays valid (spec: certificate-scopes.md §7). Times are naive local
 * wall-clock times like the reports' `checked_at`; they are carried in a `Date` whose UTC fields
 * hold the wall-clock values, so no time zone ever shifts them.
 */
import type { Lifetime } from "./types.ts";

const DAY_MS = 86_400_000;

/** Midnight that starts the day of a naive time. */
function midnight(t: Date): Date {
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
}

/** The moment a result checked at `checkedAt` expires (a result is expired when now ≥ expiry). */
export function expiryOf(lifetime: Lifetime, checkedAt: Date): Date {
  const day = midnight(checkedAt);
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth();
  switch (lifetime) {
    case "day":
      return new Date(day.getTime() + 2 * DAY_MS);
    case "week": {
      // Monday = 0 as in Python's weekday(): the Monday that follows t + 7 days.
      const weekday = (day.getUTCDay() + 6) % 7;
      return new Date(day.getTime() + (14 - weekday) * DAY_MS);
    }
    case "month":
      return new Date(Date.UTC(y, m + 2, 1));
    case "quarter":
      return new Date(Date.UTC(y, Math.floor(m / 3) * 3 + 6, 1));
    case "year":
      return new Date(Date.UTC(y + 1, m + 2, 1));
  }
}

/** Parses a lifetime name, as read from a scope (`week` when absent). */
export function lifetimeOf(text: string | undefined): Lifetime | undefined {
  const value = text ?? "week";
  return (["day", "week", "month", "quarter", "year"] as const).find((l) => l === value);
}
