import type { Lifetime } from "../../standards/scope/index.ts";
import { expiryOf } from "../../standards/scope/lifetime.ts";
import type { HistoricResult } from "../db/store.ts";
import type { NumericResult } from "./evaluate.ts";
import type { MonitorScope } from "./scope-catalog.ts";

const DAY_MS = 86_400_000;

export interface VersionHistory {
  name: string;
  validity: string;
  /** main-target result at the end of each day, oldest first */
  days: NumericResult[];
}

export interface History {
  /** first day, `YYYY-MM-DD` */
  start: string;
  versions: VersionHistory[];
}

/** A naive timestamp's wall-clock milliseconds (fixed positions: this runs for every row). */
function wallMs(t: string): number {
  return Date.UTC(
    +t.slice(0, 4),
    +t.slice(5, 7) - 1,
    +t.slice(8, 10),
    +t.slice(11, 13),
    +t.slice(14, 16),
    +t.slice(17, 19),
  );
}

/**
 * The verdict of every version valid today, at the end of each of the last `days` days, with the
 * same rules as the current evaluation (newest unexpired result per testcase; FAIL before missing
 * before ABORT before PASS). One pass over the rows of the window.
 */
export function historyOf(
  scope: MonitorScope,
  rows: readonly HistoricResult[],
  today: string,
  days: number,
): History {
  const end = wallMs(`${today.slice(0, 10)}T00:00:00`) + DAY_MS;
  const first = end - days * DAY_MS;
  // Expiry depends only on the lifetime and the calendar day of checked_at: memoised.
  const expiries = new Map<string, number>();
  const expiry = (lifetime: Lifetime, t: string) => {
    const key = `${lifetime}${t.slice(0, 10)}`;
    let e = expiries.get(key);
    if (e === undefined) {
      e = expiryOf(lifetime, new Date(wallMs(`${t.slice(0, 10)}T00:00:00`))).getTime();
      expiries.set(key, e);
    }
    return e;
  };
  const index = new Map<string, number>();
  const ids: string[] = [];
  for (const v of scope.valid) {
    for (const id of v.version.targets.get("main") ?? []) {
      if (!index.has(id)) {
        index.set(id, ids.length);
        ids.push(id);
      }
    }
  }
  const result = new Array<number | null>(ids.length).fill(null);
  // Stored timestamps have a fixed width, so comparing them as text is comparing times.
  const at = new Array<string>(ids.length).fill("");
  const expires = new Array<number>(ids.length).fill(Number.NEGATIVE_INFINITY);
  const versions = scope.valid.map((v) => ({
    name: v.version.name,
    validity: v.validity,
    days: [] as NumericResult[],
    main: (v.version.targets.get("main") ?? []).map((id) => index.get(id)!),
  }));
  let next = 0;
  for (let dayEnd = first + DAY_MS; dayEnd <= end; dayEnd += DAY_MS) {
    const dayEndText = `${new Date(dayEnd).toISOString().slice(0, 10)}T00:00:00`;
    for (; next < rows.length; next++) {
      const row = rows[next]!;
      if (row.checkedAt >= dayEndText) break;
      const i = index.get(row.testcase);
      if (i === undefined || row.checkedAt < at[i]!) continue;
      const tc = scope.scope.testcases.get(row.testcase)!;
      result[i] = row.result;
      at[i] = row.checkedAt;
      expires[i] = expiry(tc.lifetime, row.checkedAt);
    }
    for (const v of versions) {
      let failed = false;
      let missing = false;
      let aborted = false;
      for (const i of v.main) {
        // Judged at the last instant of the day: expired when that instant ≥ expiry.
        const r = expires[i]! >= dayEnd ? result[i] : null;
        if (r === -1) failed = true;
        else if (r === 0) aborted = true;
        else if (r !== 1) missing = true;
      }
      v.days.push(failed ? -1 : missing ? null : aborted ? 0 : 1);
    }
  }
  return {
    start: new Date(first).toISOString().slice(0, 10),
    versions: versions.map(({ name, validity, days: d }) => ({ name, validity, days: d })),
  };
}
