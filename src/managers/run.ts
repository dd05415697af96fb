/** The plan-then-apply loop both managers share: read, plan, print, ask, apply, count requests. */
import { ScsError } from "../errors.ts";
import type { Session } from "../openstack/session.ts";
import { formatIssue, type Issue } from "../standards/scope/index.ts";
import { type Confirmation, confirmApply, terminalConfirmation } from "./confirm.ts";
import type { PlanFormat } from "./output.ts";

export interface ManagerIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly confirmation?: Confirmation;
}

export interface ManagerRunOptions {
  readonly format?: PlanFormat;
  readonly yes?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
}

/** plan: 0 nothing to change, 1 changes pending or problems left. apply: 0 done, 1 a change failed. */
export const EXIT_PENDING = 1;

/** What a manager plugs into the loop. */
export interface Manager<P extends { changes: readonly unknown[]; notices: readonly unknown[] }> {
  /** Prefix of progress lines: `flavors`, `images`. */
  readonly name: string;
  readonly plan: (session: Session) => Promise<P>;
  readonly render: (plan: P, cloud: string, format: PlanFormat) => string;
  readonly summary: (plan: P) => string;
  readonly apply: (
    session: Session,
    plan: P,
    progress: (line: string) => void,
  ) => Promise<{ applied: number }>;
}

export async function runManager<P extends { changes: readonly unknown[]; notices: readonly unknown[] }>(
  mode: "plan" | "apply",
  manager: Manager<P>,
  session: Session,
  options: ManagerRunOptions,
  io: ManagerIo,
): Promise<{ exitCode: number; plan: P; requests: number }> {
  const started = performance.now();
  const progress = options.quiet ? () => {} : (line: string) => io.stderr(`${manager.name}: ${line}\n`);
  try {
    const plan = await manager.plan(session);
    const cloud = session.cloud.name;
    io.stdout(manager.render(plan, cloud, options.format ?? "table"));
    const done = (exitCode: number) => ({ exitCode, plan, requests: session.requestCount });
    if (mode === "plan" || plan.changes.length === 0) {
      const pending = plan.changes.length > 0 || plan.notices.length > 0;
      return done(mode === "plan" && pending ? EXIT_PENDING : 0);
    }
    const go = await confirmApply(
      options.yes ?? false,
      io.confirmation ?? terminalConfirmation,
      `Apply ${manager.summary(plan)} to cloud ${JSON.stringify(cloud)}?`,
    );
    if (!go) {
      progress("nothing applied");
      return done(EXIT_PENDING);
    }
    const { applied } = await manager.apply(session, plan, progress);
    progress(`applied ${applied} changes to cloud ${JSON.stringify(cloud)}`);
    return done(0);
  } finally {
    if (options.debug) {
      io.stderr(`debug: ${session.requestCount} requests in ${Math.round(performance.now() - started)} ms\n`);
    }
    await session.close();
  }
}

/** The first problem of a spec file with its file:line:col, and how many more there are. */
export function specFileError(issues: readonly Issue[], path: string): ScsError {
  const [first, ...more] = issues;
  const extra = more.length ? ` (and ${more.length} more problem${more.length > 1 ? "s" : ""})` : "";
  return new ScsError(`${formatIssue(first!, path)}${extra}`, { cause: issues });
}
