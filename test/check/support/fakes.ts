/** Fake testcases and sources for the engine and command tests. */

import type { CheckSource } from "../../../src/check/source.ts";
import type { LogLine, Outcome, Testcase, Verdict } from "../../../src/testcases/testcase.ts";

export interface FakeFacts {
  readonly calls: Map<string, number>;
  running: number;
  maxRunning: number;
}

export function fakeFacts(): FakeFacts {
  return { calls: new Map(), running: 0, maxRunning: 0 };
}

/** A testcase that waits `ms`, counts its calls and concurrency, and ends with `verdict`. */
export function fake(
  id: string,
  verdict: Verdict | "throw",
  log: LogLine[] = [],
  options: { ms?: number; needsLiveCloud?: boolean } = {},
): Testcase<FakeFacts> {
  return {
    id,
    ...(options.needsLiveCloud ? { needsLiveCloud: true } : {}),
    async run(facts): Promise<Outcome> {
      facts.calls.set(id, (facts.calls.get(id) ?? 0) + 1);
      facts.running += 1;
      facts.maxRunning = Math.max(facts.maxRunning, facts.running);
      await new Promise((r) => setTimeout(r, options.ms ?? 5));
      facts.running -= 1;
      if (verdict === "throw") throw new Error(`boom in ${id}\nsecond line`);
      return { verdict, log };
    },
  };
}

export function registryOf(...testcases: Testcase<FakeFacts>[]): Map<string, Testcase<FakeFacts>> {
  return new Map(testcases.map((t) => [t.id, t]));
}

export function fakeSource(
  facts: FakeFacts,
  options: { live?: boolean; roles?: readonly string[] | Error } = {},
): CheckSource<FakeFacts> & { closed: boolean; prefetched: string[] } {
  const source = {
    facts,
    live: options.live ?? true,
    origin: options.live === false ? "snapshot fake.json" : 'cloud "fake"',
    closed: false,
    prefetched: [] as string[],
    async roles() {
      if (options.roles instanceof Error) throw options.roles;
      return options.roles ?? ["member", "reader"];
    },
    prefetch(testcases: readonly Testcase<FakeFacts>[]) {
      source.prefetched.push(...testcases.map((t) => t.id));
    },
    async close() {
      source.closed = true;
    },
  };
  return source;
}
