import { evaluate, type Result } from "../../standards/scope/index.ts";
import { expiryOf } from "../../standards/scope/lifetime.ts";
import type { HistoricResult } from "../db/store.ts";
import { type NumericResult, wallClock } from "./evaluate.ts";
import type { MonitorScope } from "./scope-catalog.ts";

const DAY_MS = 86_400_000;
const NUMERIC = { PASS: 1, ABORT: 0, FAIL: -1, missing: null } as const;

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

/**
 * The verdict of every version valid today, at the end of each of the last `days` days, with the
 * same rules as the current evaluation (newest unexpired result per testcase). One pass over the
 * rows, so its cost grows with the rows of the window, not with anything before it.
 */
export function historyOf(
  scope: MonitorScope,
  rows: readonly HistoricResult[],
  today: string,
  days: number,
): History {
  const end = wallClock(`${today.slice(0, 10)}T00:00:00`).getTime() + DAY_MS;
  const first = end - days * DAY_MS;
  const latest = new Map<string, { result: Result | null; at: number; expiry: number }>();
  const versions = scope.valid.map((v) => ({
    name: v.version.name,
    validity: v.validity,
    days: [] as NumericResult[],
    main: v.version.targets.get("main") ?? [],
  }));
  let next = 0;
  for (let dayEnd = first + DAY_MS; dayEnd <= end; dayEnd += DAY_MS) {
    for (; next < rows.length; next++) {
      const row = rows[next]!;
      const at = wallClock(row.checkedAt);
      if (at.getTime() >= dayEnd) break;
      const tc = scope.scope.testcases.get(row.testcase);
      if (tc === undefined) continue;
      const seen = latest.get(row.testcase);
      if (seen === undefined || seen.at <= at.getTime()) {
        latest.set(row.testcase, {
          result: row.result as Result | null,
          at: at.getTime(),
          expiry: expiryOf(tc.lifetime, at).getTime(),
        });
      }
    }
    const lookup = (id: string) => {
      const rec = latest.get(id);
      return rec === undefined || rec.expiry <= dayEnd || rec.result === null ? undefined : rec.result;
    };
    for (const v of versions) v.days.push(NUMERIC[evaluate(lookup, v.main)]);
  }
  const startDate = new Date(first);
  return {
    start: startDate.toISOString().slice(0, 10),
    versions: versions.map(({ name, validity, days: d }) => ({ name, validity, days: d })),
  };
}
