/**
 * Where a check gets its facts: a live cloud or a snapshot file. The engine only needs this
 * seam; `sources.ts` builds the real ones, tests build fakes.
 */
import type { Testcase } from "../testcases/testcase.ts";

export interface CheckSource<F> {
  /** What testcases read (for IaaS: `Facts` of src/facts/). */
  readonly facts: F;
  /** False for a snapshot: testcases that create resources then ABORT with "needs a live cloud". */
  readonly live: boolean;
  /** For messages: `cloud "lab-member"`, `snapshot lab.json`. */
  readonly origin: string;
  /** The role names of the credentials, for the pre-flight; absent = no pre-flight. */
  roles?(): Promise<readonly string[]>;
  /** Lets the source start fetching what the selected testcases need, all at once. */
  prefetch?(testcases: readonly Testcase<F>[]): void;
  /** Removes known secrets from a text; applied to every log line before it is reported. */
  redact?(text: string): string;
  /** HTTP requests sent so far (the benchmark reads it). */
  requestCount?(): number;
  /** Releases connections. */
  close?(): Promise<void>;
}

/** The implementations the engine may run, by SCS id (for IaaS: the testcases registry). */
export type TestcaseRegistry<F> = ReadonlyMap<string, Testcase<F>>;
