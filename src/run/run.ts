/**
 * `scs run`: many subjects checked concurrently in one process, each under its own time limit so
 * that a hanging cloud never holds up the others; each report is signed and uploaded as soon as it
 * is written. The per-subject state feeds the live view and the final table.
 */
import { join } from "node:path";
import type { CheckOutcome } from "../check/command.ts";
import type { Progress } from "../check/engine.ts";
import { mapLimit } from "../concurrency.ts";
import { oneLine } from "../errors.ts";
import {
  type Evaluation,
  evaluate,
  isCertifiable,
  lookupIn,
  type Report,
  resultsOf,
  type Scope,
  standings,
} from "../standards/scope/index.ts";
import { readSignedReport } from "../upload/signed-report.ts";
import { deliverOrKeep, flushSpool, type UploadLine, type UploadTarget } from "../upload/upload.ts";
import type { Job, RunPlan } from "./plan.ts";

export type JobState = "waiting" | "checking" | "uploading" | "done";

export interface VersionVerdict {
  readonly version: string;
  readonly evaluation: Evaluation;
  /** Effective or warn: a failure here fails the subject. */
  readonly counts: boolean;
}

export interface JobStatus {
  readonly job: Job;
  state: JobState;
  done: number;
  total: number;
  startedMs?: number;
  endedMs?: number;
  reportPath?: string;
  verdicts?: VersionVerdict[];
  /** Why the subject ABORTed as a whole (unreachable, refused credentials, out of time). */
  reason?: string;
  upload?: UploadLine;
}

/** Runs one subject's check (the real `check()` with live sources in the CLI, fakes in tests). */
export type CheckJob = (
  job: Job,
  options: {
    output: string;
    sections?: string;
    tests?: string;
    signal: AbortSignal;
    onProgress: (p: Progress) => void;
  },
) => Promise<CheckOutcome & { readonly scope: Scope }>;

export interface RunEnvironment {
  readonly checkJob: CheckJob;
  readonly outputDir: string;
  /** Each subject's time limit, from its start. */
  readonly timeoutMs: number;
  /** Where reports go; none with --no-upload. */
  readonly upload?: UploadTarget;
  /** Reports are written with `.sig` when the runner signs (check's --sign). */
  readonly signs: boolean;
  readonly onChange?: (statuses: readonly JobStatus[]) => void;
  readonly clock?: () => number;
  readonly signal?: AbortSignal;
}

export interface RunResult {
  readonly statuses: readonly JobStatus[];
  /** Uploads that waited in the spool from earlier runs. */
  readonly spooled: readonly UploadLine[];
  readonly exitStatus: number;
}

/** Extra time a check gets to write its ABORT report after its limit, before it is given up. */
const GRACE_MS = 10_000;

export async function runSubjects(plan: RunPlan, env: RunEnvironment): Promise<RunResult> {
  const clock = env.clock ?? (() => performance.now());
  const statuses: JobStatus[] = plan.jobs.map((job) => ({ job, state: "waiting", done: 0, total: 0 }));
  const changed = () => env.onChange?.(statuses);
  const multiScope = new Set(plan.jobs.map((j) => j.scope)).size > 1;
  const earlier = env.upload ? flushSpool(env.upload) : Promise.resolve([]);

  await mapLimit(statuses, Math.max(1, plan.workers), async (status) => {
    const { job } = status;
    status.state = "checking";
    status.startedMs = clock();
    changed();
    const output = join(
      env.outputDir,
      multiScope ? `${job.subject}.${job.scope}.yaml` : `${job.subject}.yaml`,
    );
    const limit = AbortSignal.timeout(env.timeoutMs);
    const signal = env.signal ? AbortSignal.any([limit, env.signal]) : limit;
    try {
      const outcome = await withDeadline(
        env.checkJob(job, {
          output,
          ...(plan.sections === undefined ? {} : { sections: plan.sections }),
          ...(plan.tests === undefined ? {} : { tests: plan.tests }),
          signal,
          onProgress: (p) => {
            status.done = p.done;
            status.total = p.total;
            changed();
          },
        }),
        env.timeoutMs + GRACE_MS,
      );
      status.reportPath = output;
      status.verdicts = verdictsOf(outcome.scope, outcome.report);
      status.reason = abortReason(outcome.report, limit.aborted ? env.timeoutMs : undefined);
      if (env.upload && env.signs) {
        status.state = "uploading";
        changed();
        status.upload = await deliverOrKeep(env.upload, await readSignedReport(output), output);
      }
    } catch (err) {
      status.reason = limit.aborted || err instanceof DeadlineError ? outOfTime(env.timeoutMs) : oneLine(err);
    } finally {
      status.state = "done";
      status.endedMs = clock();
      changed();
    }
  });
  const spooled = await earlier;
  return { statuses, spooled, exitStatus: runExitStatus(statuses, spooled) };
}

/** The version verdicts of a report, newest version first (as the scope lists them). */
export function verdictsOf(scope: Scope, report: Report): VersionVerdict[] {
  const lookup = lookupIn(resultsOf(report));
  return standings(scope, report.reference_date)
    .filter((s) => s.explicit || report.run.forced_version === s.version.name)
    .map((s) => ({
      version: s.version.name,
      evaluation: evaluate(lookup, s.version.targets.get("main") ?? []),
      counts: isCertifiable(s.validity),
    }));
}

/** The first critical line of a report (pre-flight refusal, unreachable cloud), or the time limit. */
function abortReason(report: Report, timedOutAfterMs: number | undefined): string | undefined {
  if (timedOutAfterMs !== undefined) return outOfTime(timedOutAfterMs);
  for (const inv of Object.values(report.run.invocations)) {
    const critical = inv.stderr.find(
      (l) => l.startsWith("CRITICAL:") && !l.includes("Reporting all testcases as ABORT"),
    );
    if (critical !== undefined) return critical.slice("CRITICAL:".length).trim();
  }
  return undefined;
}

const outOfTime = (ms: number) => `no result within the time limit of ${ms / 1000} s`;

/** A subject passes when every effective or warn version it was checked against PASSes. */
export function subjectPassed(status: JobStatus): boolean {
  return status.verdicts?.every((v) => !v.counts || v.evaluation === "PASS") === true;
}

/** 0 all subjects passed and all reports arrived; 1 a subject failed or a report was refused; 75 reports wait in the spool. */
export function runExitStatus(statuses: readonly JobStatus[], spooled: readonly UploadLine[]): number {
  const uploads = [...statuses.flatMap((s) => (s.upload ? [s.upload] : [])), ...spooled];
  if (!statuses.every(subjectPassed) || uploads.some((u) => u.outcome === "rejected")) return 1;
  if (uploads.some((u) => u.outcome === "spooled")) return 75;
  return 0;
}

class DeadlineError extends Error {}

/** The check honours its signal; this is the backstop for one that does not. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
