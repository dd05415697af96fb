/** `scs snapshot`: the library call behind the command (the CLI only parses options). */
import { oneLine } from "../errors.ts";
import { elevatedRoles, hasMemberRole } from "../facts/roles.ts";
import { RunBudget, SNAPSHOT_TIMEOUT_S, timeoutMs } from "../openstack/budget.ts";
import { openSession } from "../openstack/index.ts";
import { formatSnapshot, writeSnapshot } from "./file.ts";
import { failedFacts, takeSnapshot } from "./take.ts";
import type { Snapshot } from "./types.ts";

export interface SnapshotCommandOptions {
  /** Cloud name; default OS_CLOUD (or the OS_* envvars cloud). */
  readonly cloud?: string;
  /** File to write; undefined or "-" writes to stdout. */
  readonly output?: string;
  readonly debug?: boolean;
  readonly quiet?: boolean;
  /** `--timeout SECONDS`: the time budget of the whole snapshot (default SNAPSHOT_TIMEOUT_S). */
  readonly timeout?: string;
}

export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit statuses: 0 complete, 1 written but some facts could not be read. Errors throw (2 config, 3 cloud). */
export const EXIT_INCOMPLETE = 1;

export async function snapshotCommand(
  options: SnapshotCommandOptions,
  io: CommandIo,
): Promise<{ exitCode: number; snapshot: Snapshot }> {
  const started = performance.now();
  const budgetMs = timeoutMs(options.timeout, SNAPSHOT_TIMEOUT_S);
  const budget = new RunBudget(budgetMs, "--timeout");
  let session: ReturnType<typeof openSession>;
  try {
    session = openSession(options.cloud, {
      budget,
      ...(options.debug ? { trace: (l: string) => io.stderr(`debug: ${l}\n`) } : {}),
    });
  } catch (err) {
    budget.dispose();
    throw err;
  }
  try {
    const progress = options.quiet ? undefined : (line: string) => io.stderr(`snapshot: ${line}\n`);
    progress?.(`reading cloud "${session.cloud.name}"`);
    // Facts still being read when the budget is spent are recorded as failed, with the reason.
    const snapshot = await takeSnapshot(session.withSignal(budget.signal), progress ? { progress } : {});
    if (budget.signal.aborted) io.stderr(`snapshot: ${oneLine(budget.signal.reason)}\n`);
    const toStdout = options.output === undefined || options.output === "-";
    if (toStdout) io.stdout(formatSnapshot(snapshot));
    else await writeSnapshot(options.output!, snapshot);
    const failed = failedFacts(snapshot);
    for (const f of failed) io.stderr(`snapshot: warning: could not read ${f}\n`);
    const roleProblem = preflightProblem(snapshot.identity.roles);
    if (roleProblem) io.stderr(`snapshot: warning: ${roleProblem}\n`);
    progress?.(
      `${toStdout ? "written to stdout" : `wrote ${options.output}`}: ${snapshot.stats.requests} requests in ${Math.round(performance.now() - started)} ms`,
    );
    return { exitCode: failed.length ? EXIT_INCOMPLETE : 0, snapshot };
  } finally {
    budget.dispose();
    if (options.debug)
      io.stderr(`debug: ${session.requestCount} requests in ${Math.round(performance.now() - started)} ms\n`);
    await session.close();
  }
}

/** What the check's pre-flight will say about these roles, or null when they are fine. */
export function preflightProblem(roles: readonly string[]): string | null {
  const high = elevatedRoles(roles);
  if (high.length) {
    return `taken with role ${high.join(" and ")}: scs check refuses such snapshots (its testcases run as plain members)`;
  }
  if (!hasMemberRole(roles)) return "taken without role member: scs check refuses such snapshots";
  return null;
}
