/** Builds the report of a run (spec: certificate-scopes.md §4.6) from the invocations. */
import { randomUUID } from "node:crypto";
import type { Invocation, IsoDate, Report, Scope } from "../standards/scope/index.ts";
import { formatWallTime, localWallTime } from "../standards/timestamp.ts";

export interface ReportInput {
  readonly scope: Pick<Scope, "uuid" | "name" | "url">;
  readonly subject: string;
  readonly referenceDate: IsoDate;
  /** The command-line arguments without the program name. */
  readonly argv: readonly string[];
  /** Only the `-a` assignments. */
  readonly given: ReadonlyMap<string, string>;
  readonly sections?: readonly string[];
  readonly forcedVersion?: string;
  readonly forcedTests?: string;
  readonly invocations: readonly Invocation[];
  /** When the run ended; `now()` unless a test fixes it. */
  readonly checkedAt?: string;
  readonly runUuid?: string;
}

export function buildReport(input: ReportInput): Report {
  return {
    spec: { uuid: input.scope.uuid, name: input.scope.name, url: input.scope.url },
    checked_at: input.checkedAt ?? naiveTimestamp(),
    reference_date: input.referenceDate,
    subject: input.subject,
    run: {
      uuid: input.runUuid ?? randomUUID(),
      argv: [...input.argv],
      assignment: Object.fromEntries(input.given),
      sections: input.sections ? [...input.sections] : null,
      forced_version: input.forcedVersion ?? null,
      forced_tests: input.forcedTests ?? null,
      invocations: Object.fromEntries(input.invocations.map((inv) => [inv.id, inv])),
    },
  };
}

/** Local wall-clock time, naive, with microseconds: `2026-11-21 05:26:03.929597`. */
export function naiveTimestamp(epochMs: number = performance.timeOrigin + performance.now()): string {
  return formatWallTime(localWallTime(epochMs), " ");
}
