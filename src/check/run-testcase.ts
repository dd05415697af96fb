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

/** Runs `task` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
