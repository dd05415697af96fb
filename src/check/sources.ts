/**
 * The real facts sources of `scs check`: a live cloud (clouds.yaml) or a snapshot file, and the
 * registry of IaaS testcases. Kept apart from the engine so that tests use fakes.
 */
import {
  type FactName,
  type Facts,
  liveFacts,
  type SampleVmFactOptions,
  snapshotFacts,
} from "../facts/index.ts";
import type { RunBudget } from "../openstack/budget.ts";
import { openSession } from "../openstack/index.ts";
import { readSnapshot } from "../snapshot/index.ts";
import type { IaasTestcase } from "../testcases/define.ts";
import { IAAS_TESTCASES } from "../testcases/registry.ts";
import type { Testcase } from "../testcases/testcase.ts";
import type { SourceRequest } from "./command.ts";
import type { CheckSource, TestcaseRegistry } from "./source.ts";

export function iaasRegistry(): TestcaseRegistry<Facts> {
  return IAAS_TESTCASES;
}

export interface OpenOptions {
  readonly signal?: AbortSignal;
  /** One line per HTTP request (--debug). */
  readonly trace?: (line: string) => void;
  /** The run's time budget: no request outlives it. */
  readonly budget?: RunBudget;
  /** Time-outs and progress lines of the scs-0101 sample VM. */
  readonly sampleVm?: SampleVmFactOptions;
}

/** Every fact the testcases need, so that all are fetched at once before the first one asks. */
function needsOf(testcases: readonly Testcase<Facts>[]): Set<FactName> {
  return new Set(testcases.flatMap((t) => (t as IaasTestcase).needs ?? []));
}

export async function openSource(
  request: SourceRequest,
  options: OpenOptions = {},
): Promise<CheckSource<Facts>> {
  if ("snapshot" in request) {
    const snapshot = await readSnapshot(request.snapshot);
    const facts = snapshotFacts(snapshot, { source: request.snapshot });
    return {
      facts,
      live: false,
      origin: facts.origin,
      roles: () => facts.get("roles"),
      prefetch: (testcases) => facts.prefetch(needsOf(testcases)),
      requestCount: () => 0,
    };
  }
  const session = openSession(request.cloud, {
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  });
  const facts = liveFacts(session, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.sampleVm ? { sampleVm: options.sampleVm } : {}),
  });
  return {
    facts,
    live: true,
    origin: facts.origin,
    roles: () => facts.get("roles"),
    prefetch: (testcases) => facts.prefetch(needsOf(testcases)),
    redact: (text) => session.redact(text),
    requestCount: () => session.requestCount,
    close: () => session.close(),
  };
}
