/** Runs one testcase so that nothing escapes: a throw, a missing implementation, a snapshot. */
import { oneLine } from "../errors.ts";
import type { Outcome, Testcase, TestcaseContext } from "../testcases/testcase.ts";

export interface RunOne<F> {
  readonly id: string;
  readonly testcase: Testcase<F> | undefined;
  readonly facts: F;
  readonly live: boolean;
  readonly origin: string;
  readonly ctx: TestcaseContext;
}

export async function runTestcase<F>({
  id,
  testcase,
  facts,
  live,
  origin,
  ctx,
}: RunOne<F>): Promise<Outcome> {
  if (testcase === undefined) {
    return { verdict: "ABORT", log: [{ level: "warning", message: `${id}: not implemented by scs` }] };
  }
  if (testcase.needsLiveCloud && !live) {
    return {
      verdict: "ABORT",
      log: [{ level: "warning", message: `${id}: needs a live cloud, not ${origin}` }],
    };
  }
  try {
    return await testcase.run(facts, ctx);
  } catch (err) {
    // The contract says run() resolves; a throw is still an ABORT, never a crash of the check.
    return { verdict: "ABORT", log: [{ level: "error", message: `${id}: ${oneLine(err)}` }] };
  }
}
