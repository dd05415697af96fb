/**
 * The contract between the check engine (src/check/) and the testcase modules (src/testcases/).
 * A testcase never calls an API: it names the facts it needs and gets them from `Facts`.
 */

/** The three outcomes of a testcase; in a report they are 1, -1 and 0. */
export type Verdict = "PASS" | "FAIL" | "ABORT";

export const VERDICT_VALUE: Readonly<Record<Verdict, 1 | -1 | 0>> = { PASS: 1, FAIL: -1, ABORT: 0 };

/** A log line a testcase emits, counted like the reference counts its stderr lines. */
export interface LogLine {
  readonly level: "info" | "warning" | "error" | "critical";
  /** One line, no secrets; names the object and what is wrong, e.g. `image "Ubuntu 20.04": image_source missing`. */
  readonly message: string;
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly log: readonly LogLine[];
}

/** What a testcase may do besides reading facts (creating resources needs a live cloud). */
export interface TestcaseContext {
  /** Aborted on Ctrl-C or timeout: a testcase that creates resources must still clean up. */
  readonly signal: AbortSignal;
}

export interface Testcase<F = unknown> {
  /** The SCS id, unchanged, e.g. `scs-0100-syntax-check`. */
  readonly id: string;
  /** True when the testcase creates resources and therefore cannot run on a snapshot. */
  readonly needsLiveCloud?: boolean;
  run(facts: F, ctx: TestcaseContext): Promise<Outcome>;
}
