/**
 * The evaluation of one subject under one scope (compliance-monitor.md §6), pure: the same
 * numbers for /status, the overview, the detail pages and badges.
 */
import { type Evaluation, evaluate, type Lifetime, type Result } from "../../standards/scope/index.ts";
import { expiryOf } from "../../standards/scope/lifetime.ts";
import { wallClockDate } from "../../standards/timestamp.ts";
import type { MonitorScope } from "./scope-catalog.ts";

/** A kept result: the newest unexpired one of a testcase. */
export interface ResultRecord {
  result: Result | null;
  /** naive ISO timestamp, six fractional digits */
  checkedAt: string;
  report: string;
}

export type NumericResult = 1 | 0 | -1 | null;
const NUMERIC: Record<Evaluation, NumericResult> = { PASS: 1, ABORT: 0, FAIL: -1, missing: null };

export interface VersionEvaluation {
  name: string;
  idx: number;
  result: NumericResult;
  targets: Map<string, { testcases: readonly string[]; result: NumericResult }>;
  validity: string;
}

export interface ScopeEvaluation {
  scope: MonitorScope;
  versions: VersionEvaluation[];
  relevant: string[];
  result: NumericResult;
  passed: string[];
  passedStr: string;
  bestPassed: number | null;
  validity: string;
  /** testcase ids of relevant versions by result key "1" | "0" | "-1" | "null" */
  buckets: Record<"1" | "0" | "-1" | "null", string[]>;
  results: Map<string, ResultRecord>;
}

export const VALIDITY_SYMBOL: Record<string, string> = {
  effective: "",
  draft: "*",
  warn: "†",
  deprecated: "††",
};

/**
 * Step 1: keep per testcase the newest result that has not expired at `now`; rows of testcases the
 * scope does not know are reported through `unknown`.
 */
export function keepResults(
  scope: MonitorScope,
  rows: Iterable<{ testcase: string; result: number | null; checkedAt: string; reportuuid: string }>,
  now: string,
  unknown?: (testcase: string) => void,
): Map<string, ResultRecord> {
  const kept = new Map<string, ResultRecord>();
  for (const row of rows) {
    const tc = scope.scope.testcases.get(row.testcase);
    if (tc === undefined) {
      unknown?.(row.testcase);
      continue;
    }
    // Fixed-width naive timestamps compare as text.
    if (now >= expiryText(tc.lifetime, row.checkedAt)) continue;
    const seen = kept.get(row.testcase);
    if (seen === undefined || seen.checkedAt < row.checkedAt) {
      kept.set(row.testcase, {
        result: row.result as Result | null,
        checkedAt: row.checkedAt,
        report: row.reportuuid,
      });
    }
  }
  return kept;
}

// Expiry depends only on the lifetime and the calendar day checked: memoised (bounded).
const EXPIRIES = new Map<string, string>();

/** The expiry of a result as a naive timestamp (`YYYY-MM-DDT00:00:00.000000`). */
export function expiryText(lifetime: Lifetime, checkedAt: string): string {
  const key = `${lifetime}${checkedAt.slice(0, 10)}`;
  let text = EXPIRIES.get(key);
  if (text === undefined) {
    const e = expiryOf(lifetime, wallClockDate(`${checkedAt.slice(0, 10)}T00:00:00`));
    text = `${e.toISOString().slice(0, 10)}T00:00:00.000000`;
    if (EXPIRIES.size > 50_000) EXPIRIES.clear();
    EXPIRIES.set(key, text);
  }
  return text;
}

/** Step 2: versions, relevant versions, the winner and buckets. */
export function evaluateScope(
  scope: MonitorScope,
  results: Map<string, ResultRecord>,
  includeDrafts: boolean,
): ScopeEvaluation {
  const lookup = (id: string) => {
    const r = results.get(id)?.result;
    return r === null ? undefined : r;
  };
  const versions: VersionEvaluation[] = scope.valid.map(({ version, validity }) => {
    const targets = new Map(
      [...version.targets].map(([name, ids]) => [
        name,
        { testcases: ids, result: NUMERIC[evaluate(lookup, ids)] },
      ]),
    );
    const main = targets.get("main");
    return {
      name: version.name,
      idx: version.index,
      // `??` would turn "missing" (null) into PASS.
      result: main === undefined ? 1 : main.result,
      targets,
      validity,
    };
  });
  const relevantVersions = versions.filter((v) => includeDrafts || v.validity !== "draft");
  let result: NumericResult = -1;
  const passed: VersionEvaluation[] = [];
  let winner: VersionEvaluation | undefined;
  for (const v of relevantVersions) {
    result = v.result;
    if (v.result === -1) continue;
    passed.push(v);
    if (v.validity !== "draft") {
      winner = v;
      break;
    }
  }
  const attn = scope.scope.attention;
  const inRelevant = new Set(
    relevantVersions.flatMap((v) => [...v.targets.values()].flatMap((t) => t.testcases)),
  );
  const buckets: ScopeEvaluation["buckets"] = { "1": [], "0": [], "-1": [], null: [] };
  for (const id of inRelevant) {
    const r = results.get(id)?.result;
    buckets[r === undefined || r === null ? "null" : (String(r) as "1" | "0" | "-1")].push(id);
  }
  const stableFirst = (a: string, b: string) => {
    const sa = (attn.get(a) ?? 0) > 0 ? 0 : 1;
    const sb = (attn.get(b) ?? 0) > 0 ? 0 : 1;
    return sa - sb || (a < b ? -1 : a > b ? 1 : 0);
  };
  for (const list of Object.values(buckets)) list.sort(stableFirst);
  return {
    scope,
    versions,
    relevant: relevantVersions.map((v) => v.name),
    result,
    passed: passed.map((v) => v.name),
    passedStr: passed.map((v) => `${v.name}${VALIDITY_SYMBOL[v.validity] ?? ""}`).join(", "),
    bestPassed: winner?.idx ?? null,
    validity: winner?.validity ?? "deprecated",
    buckets,
    results,
  };
}

/** Python's datetime.isoformat(): microseconds only when non-zero. */
export function isoFormat(naive: string): string {
  return naive.endsWith(".000000") ? naive.slice(0, -7) : naive;
}

// The same for every subject of a scope: built once per loaded scope.
const TESTCASES = new WeakMap<MonitorScope, Record<string, unknown>>();
const TC_TARGETS = new WeakMap<MonitorScope, Map<string, Record<string, string>>>();

function testcasesJson(ms: MonitorScope): Record<string, unknown> {
  let json = TESTCASES.get(ms);
  if (json === undefined) {
    const scope = ms.scope;
    json = Object.fromEntries(
      [...scope.testcases.values()].map((tc) => [
        tc.id,
        {
          id: tc.id,
          ...(tc.description === undefined ? {} : { description: tc.description }),
          ...(tc.url === undefined ? {} : { url: tc.url }),
          attn: scope.attention.get(tc.id) ?? 0,
          ...(tc.lifetime === "week" ? {} : { lifetime: tc.lifetime }),
          ...(tc.section === undefined ? {} : { section: tc.section }),
        },
      ]),
    );
    TESTCASES.set(ms, json);
  }
  return json;
}

function tcTargetJson(ms: MonitorScope, version: string): Record<string, string> {
  let byVersion = TC_TARGETS.get(ms);
  if (byVersion === undefined) {
    byVersion = new Map(ms.valid.map((v) => [v.version.name, Object.fromEntries(v.version.targetOf)]));
    TC_TARGETS.set(ms, byVersion);
  }
  return byVersion.get(version) ?? {};
}

/** The JSON shape of /status for one scope, with exactly the reference's keys. */
export function statusJson(e: ScopeEvaluation): Record<string, unknown> {
  const scope = e.scope.scope;
  return {
    name: scope.name,
    testcases: testcasesJson(e.scope),
    results: Object.fromEntries(
      [...e.results].map(([id, r]) => [
        id,
        { result: r.result, checked_at: isoFormat(r.checkedAt), report: r.report },
      ]),
    ),
    buckets: e.buckets,
    versions: Object.fromEntries(
      e.versions.map((v) => [
        v.name,
        {
          _idx: v.idx,
          result: v.result,
          targets: Object.fromEntries(
            [...v.targets].map(([name, t]) => [name, { testcases: t.testcases, result: t.result }]),
          ),
          tc_target: tcTargetJson(e.scope, v.name),
          validity: v.validity,
        },
      ]),
    ),
    relevant: e.relevant,
    result: e.result,
    passed: e.passed,
    passed_str: e.passedStr,
    best_passed: e.bestPassed,
    validity: e.validity,
  };
}
