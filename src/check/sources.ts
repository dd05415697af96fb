/**
 * The real facts sources of `scs check`: a live cloud (clouds.yaml) or a snapshot file, and the
 * registry of IaaS testcases. Kept apart from the engine so that tests use fakes.
 */
import { ScsError } from "../errors.ts";
import type { SourceRequest } from "./command.ts";
import type { CheckSource, TestcaseRegistry } from "./source.ts";

export function iaasRegistry(): TestcaseRegistry<unknown> {
  return new Map();
}

export async function openSource(request: SourceRequest): Promise<CheckSource<unknown>> {
  const what = "cloud" in request ? `cloud "${request.cloud}"` : `snapshot ${request.snapshot}`;
  throw new ScsError(
    `cannot check ${what} yet: the facts providers are not wired into scs check in this build`,
  );
}
