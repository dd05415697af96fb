/** The result algebra (spec: certificate-scopes.md §3). */

/** A testcase result as a report stores it: PASS = 1, ABORT (did not finish) = 0, FAIL = -1. */
export type Result = 1 | 0 | -1;

/** An evaluation adds "missing" (no result) to the three results. */
export type Evaluation = "PASS" | "FAIL" | "ABORT" | "missing";

/** Finds the result of a testcase id; the monitor reads records, the check bare numbers. */
export type ResultLookup = (id: string) => Result | undefined;

export function lookupIn(
  results: ReadonlyMap<string, Result> | Readonly<Record<string, Result>>,
): ResultLookup {
  if (results instanceof Map) return (id) => results.get(id);
  const record = results as Readonly<Record<string, Result>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}

export interface Buckets {
  readonly passed: readonly string[];
  readonly failed: readonly string[];
  readonly aborted: readonly string[];
  readonly missing: readonly string[];
}

/** Sorts ids into buckets by their result, keeping the order of `ids`. */
export function bucket(lookup: ResultLookup, ids: Iterable<string>): Buckets {
  const b = {
    passed: [] as string[],
    failed: [] as string[],
    aborted: [] as string[],
    missing: [] as string[],
  };
  for (const id of ids) {
    const r = lookup(id);
    (r === 1 ? b.passed : r === -1 ? b.failed : r === 0 ? b.aborted : b.missing).push(id);
  }
  return b;
}

/** Any FAIL → FAIL; else any missing → missing; else any ABORT → ABORT; else PASS (also for no ids). */
export function evaluate(lookup: ResultLookup, ids: Iterable<string>): Evaluation {
  return evaluationOf(bucket(lookup, ids));
}

export function evaluationOf(b: Buckets): Evaluation {
  if (b.failed.length > 0) return "FAIL";
  if (b.missing.length > 0) return "missing";
  if (b.aborted.length > 0) return "ABORT";
  return "PASS";
}

/** The check's console wording differs: an ABORT counts as FAIL there, missing makes it tentative. */
export type ConsoleVerdict = "FAIL" | "TENTATIVE pass" | "PASS";

export function consoleVerdict(b: Buckets): ConsoleVerdict {
  if (b.failed.length > 0 || b.aborted.length > 0) return "FAIL";
  if (b.missing.length > 0) return "TENTATIVE pass";
  return "PASS";
}

export const RESULT_OF_VERDICT = { PASS: 1, FAIL: -1, ABORT: 0 } as const satisfies Record<string, Result>;
