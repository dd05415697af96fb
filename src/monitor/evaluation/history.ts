import type { Lifetime } from "../../standards/scope/index.ts";
import { expiryOf } from "../../standards/scope/lifetime.ts";
import { wallClockDate } from "../../standards/timestamp.ts";
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

const wallMs = (timestamp: string): number => wallClockDate(timestamp).getTime();

/** The midnight that starts the first of the `days` days ending with `today`. */
function windowStart(today: string, days: number): number {
  return wallMs(`${today.slice(0, 10)}T00:00:00`) + DAY_MS - days * DAY_MS;
}

/** Days of a whole leap cycle (four years, one of them a leap year) from 2024-01-01. */
const CYCLE_START = Date.UTC(2024, 0, 1);
const CYCLE_DAYS = 4 * 365 + 1;
const reaches = new Map<Lifetime, number>();

/**
 * The most days a result of `lifetime` stays valid after the midnight that starts the day it was
 * checked on: the longest `expiryOf` over every day of a leap cycle (2 for `day`, 14 for `week`,
 * 62 for `month`, 184 for `quarter`, 428 for `year`).
 */
export function lifetimeReachDays(lifetime: Lifetime): number {
  let reach = reaches.get(lifetime);
  if (reach === undefined) {
    reach = 0;
    for (let day = CYCLE_START; day < CYCLE_START + CYCLE_DAYS * DAY_MS; day += DAY_MS) {
      reach = Math.max(reach, (expiryOf(lifetime, new Date(day)).getTime() - day) / DAY_MS);
    }
    reaches.set(lifetime, reach);
  }
  return reach;
}

/**
 * The first `checked_at` (stored text) `historyOf(scope, rows, today, days)` needs: a result
 * checked earlier has expired before the window starts, whatever the lifetime of any testcase in
 * the main targets of the scope's valid versions.
 */
export function historySince(scope: MonitorScope, today: string, days: number): string {
  let reach = 0;
  for (const v of scope.valid) {
    for (const id of v.version.targets.get("main") ?? []) {
      const tc = scope.scope.testcases.get(id);
      if (tc !== undefined) reach = Math.max(reach, lifetimeReachDays(tc.lifetime));
    }
  }
  const first = windowStart(today, days);
  return `${new Date(first - reach * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000000`;
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
  const first = windowStart(today, days);
  const end = first + days * DAY_MS;
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
