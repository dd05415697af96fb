/**
 * Runs the testcases of a selection: one invocation per scope script, every testcase of an
 * invocation concurrently, each exactly once. The result has the shape of the reference's report
 * invocations (`<id>: VERDICT` lines on stdout, `LEVEL: message` lines on stderr, counters).
 */
import { randomUUID } from "node:crypto";
import { mapLimit } from "../concurrency.ts";
import { oneLine } from "../errors.ts";
import {
  commandLine,
  type Invocation,
  type PlannedInvocation,
  RESULT_OF_VERDICT,
  type Result,
  type Selection,
} from "../standards/scope/index.ts";
import type { LogLine, Outcome } from "../testcases/testcase.ts";
import { PREFLIGHT_FAILED, refuseRoles } from "./preflight.ts";
import { runTestcase } from "./run-testcase.ts";
import type { CheckSource, TestcaseRegistry } from "./source.ts";

export interface Progress {
  readonly done: number;
  readonly total: number;
  /** The testcase that just finished. */
  readonly id: string;
}

export interface CheckInput<F> {
  readonly selection: Selection;
  /** Every variable (defaults overlaid by `-a`), for the invocations' `cmd`. */
  readonly assignment: ReadonlyMap<string, string>;
  readonly registry: TestcaseRegistry<F>;
  readonly source: CheckSource<F>;
  /** Testcases running at the same time; they share memoised facts, so this bounds live work only. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  /** Shown in each invocation's `cmd`, e.g. `scs 0.1.0`. */
  readonly runner: string;
  /** Invocation ids; random UUIDs unless a test fixes them. */
  readonly newId?: () => string;
}

/** One invocation with the outcome of each testcase (the summary shows their log lines). */
export interface InvocationRun {
  readonly planned: PlannedInvocation;
  readonly invocation: Invocation;
  readonly outcomes: ReadonlyMap<string, Outcome>;
}

const DEFAULT_CONCURRENCY = 16;

export async function runCheck<F>(input: CheckInput<F>): Promise<InvocationRun[]> {
  const newId = input.newId ?? randomUUID;
  const signal = input.signal ?? new AbortController().signal;
  const total = input.selection.invocations.reduce((n, i) => n + i.testcaseIds.length, 0);
  let done = 0;

  const refusal = await preflight(input.source);
  const implemented = input.selection.invocations
    .flatMap((i) => i.testcaseIds)
    .flatMap((id) => {
      const t = input.registry.get(id);
      return t ? [t] : [];
    });
  if (refusal === undefined) input.source.prefetch?.(implemented);

  const runs: InvocationRun[] = [];
  for (const planned of input.selection.invocations) {
    const id = newId();
    const cmd = commandLine(planned, input.assignment);
    const shownCmd = `${input.runner} (in-process): ${cmd.ok ? cmd.text : planned.script.executable}`;
    let outcomes: Map<string, Outcome>;
    let rc = 0;
    const head: string[] = [];
    if (refusal !== undefined) {
      outcomes = new Map(planned.testcaseIds.map((tc) => [tc, { verdict: "ABORT", log: [] }] as const));
      head.push(`CRITICAL: ${refusal}`, `CRITICAL: ${PREFLIGHT_FAILED}`);
      rc = 1;
      done += planned.testcaseIds.length;
    } else {
      const results = await mapLimit(
        planned.testcaseIds,
        input.concurrency ?? DEFAULT_CONCURRENCY,
        async (tc) => {
          const outcome = await runTestcase({
            id: tc,
            testcase: input.registry.get(tc),
            facts: input.source.facts,
            live: input.source.live,
            origin: input.source.origin,
            ctx: { signal },
          });
          done += 1;
          input.onProgress?.({ done, total, id: tc });
          return [tc, outcome] as const;
        },
      );
      outcomes = new Map(results);
    }
    const redact = input.source.redact?.bind(input.source) ?? ((t: string) => t);
    const clean = new Map(
      [...outcomes].map(
        ([tc, o]) => [tc, { ...o, log: o.log.map((l) => ({ ...l, message: redact(l.message) })) }] as const,
      ),
    );
    runs.push({
      planned,
      outcomes: clean,
      invocation: invocationOf(id, shownCmd, planned, clean, rc, head.map(redact)),
    });
  }
  return runs;
}

async function preflight<F>(source: CheckSource<F>): Promise<string | undefined> {
  if (!source.roles) return undefined;
  try {
    return refuseRoles(await source.roles());
  } catch (err) {
    return `could not read the roles of the credentials: ${oneLine(err)}`;
  }
}

function invocationOf(
  id: string,
  cmd: string,
  planned: PlannedInvocation,
  outcomes: ReadonlyMap<string, Outcome>,
  rc: number,
  head: readonly string[],
): Invocation {
  const results: Record<string, Result> = {};
  const stdout: string[] = [];
  const stderr = [...head];
  const seen = new Set<string>(stderr);
  for (const tc of planned.testcaseIds) {
    const outcome = outcomes.get(tc);
    if (!outcome) continue;
    results[tc] = RESULT_OF_VERDICT[outcome.verdict];
    stdout.push(`${tc}: ${outcome.verdict}`);
    for (const line of outcome.log) {
      // A fact that failed is reported by every testcase that needs it: one line is enough.
      const text = logText(line);
      if (!seen.has(text)) stderr.push(text);
      seen.add(text);
    }
  }
  return { id, cmd, results, rc, stdout, stderr, ...countChannels(stderr, stdout) };
}

export function logText(line: LogLine): string {
  return `${line.level.toUpperCase()}: ${line.message.replace(/\s*\n\s*/g, " ")}`;
}

/** Lines whose lower-cased text starts with a level name, over stderr then stdout (like the reference). */
export function countChannels(
  stderr: readonly string[],
  stdout: readonly string[],
): Pick<Invocation, "info" | "warning" | "error" | "critical"> {
  const counts = { info: 0, warning: 0, error: 0, critical: 0 };
  for (const line of [...stderr, ...stdout]) {
    const lower = line.toLowerCase();
    for (const level of ["info", "warning", "error", "critical"] as const) {
      if (lower.startsWith(level)) counts[level] += 1;
    }
  }
  return counts;
}

/** min(127, critical + (criticalOnly ? 0 : errors + FAIL results)) over all invocations. */
export function exitStatus(invocations: readonly Invocation[], criticalOnly: boolean): number {
  let status = 0;
  for (const inv of invocations) {
    status += inv.critical;
    if (!criticalOnly) status += inv.error + Object.values(inv.results).filter((r) => r === -1).length;
  }
  return Math.min(127, status);
}
