/** The expected verdicts next to the lab sample (scripts/lab/expected-verdicts.yaml). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Verdict } from "../../src/testcases/testcase.ts";

export type Variant = "sample" | "fixed";

export interface Expectation {
  readonly sample: Verdict;
  readonly fixed: Verdict;
  readonly why?: string;
}

export const EXPECTED_VERDICTS_PATH = fileURLToPath(
  new URL("../../scripts/lab/expected-verdicts.yaml", import.meta.url),
);

export function loadExpectedVerdicts(): ReadonlyMap<string, Expectation> {
  const data = parse(readFileSync(EXPECTED_VERDICTS_PATH, "utf8")) as {
    testcases: Record<string, Expectation>;
  };
  return new Map(Object.entries(data.testcases));
}

/** `id: expected X, got Y (first error line)` for every difference. */
export function verdictDifferences(
  expected: ReadonlyMap<string, Expectation>,
  variant: Variant,
  actual: ReadonlyMap<string, { verdict: Verdict; log: readonly { level: string; message: string }[] }>,
): string[] {
  const out: string[] = [];
  for (const [id, expectation] of expected) {
    const outcome = actual.get(id);
    if (outcome === undefined) continue;
    if (outcome.verdict === expectation[variant]) continue;
    const first = outcome.log.find((l) => l.level === "error")?.message ?? "no error logged";
    out.push(`${id}: expected ${expectation[variant]}, got ${outcome.verdict} (${first})`);
  }
  return out;
}
