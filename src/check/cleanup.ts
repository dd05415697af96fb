/**
 * `scs cleanup`: remove what earlier checks left in the project (servers, volumes, routers and
 * networks named `_scs-…`) once it is older than a given age, so that a check running right now
 * keeps its resources.
 */
import { UsageError } from "../errors.ts";
import {
  describeLeftover,
  findLeftovers,
  LEFTOVER_PREFIX,
  type Leftover,
  removeLeftovers,
  type Session,
} from "../openstack/index.ts";

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `2h`, `1d` or `0` (everything) as milliseconds. */
export function parseAge(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (match === null || (match[2] === "" && match[1] !== "0")) {
    throw new UsageError(
      `--older-than ${JSON.stringify(text)}: give an age like 30m, 2h or 1d (0: everything)`,
    );
  }
  return Number(match[1]) * (UNITS[match[2]!] ?? 0);
}

/** Leftovers younger than this may belong to a check that is still running. */
export const DEFAULT_CLEANUP_AGE = "1h";

export interface CleanupOptions {
  readonly olderThanMs: number;
  readonly now: Date;
  /** List what would be removed, remove nothing. */
  readonly dryRun?: boolean;
  /** Removal gives up on what is not gone after this long. */
  readonly timeoutMs?: number;
  readonly out: (line: string) => void;
}

export interface CleanupResult {
  readonly removed: readonly Leftover[];
  readonly kept: readonly Leftover[];
  /** One line per resource that could not be removed. */
  readonly problems: readonly string[];
}

/** Old enough to remove: also when the cloud gives no creation time. */
const oldEnough = (l: Leftover, options: CleanupOptions) =>
  Number.isNaN(l.createdAt) || options.now.getTime() - l.createdAt >= options.olderThanMs;

export async function cleanup(session: Session, options: CleanupOptions): Promise<CleanupResult> {
  const found = await findLeftovers(session, LEFTOVER_PREFIX);
  const old = found.filter((l) => oldEnough(l, options));
  const kept = found.filter((l) => !oldEnough(l, options));
  for (const l of kept) options.out(`keeping ${describeLeftover(l)}: younger than --older-than`);
  if (options.dryRun) {
    for (const l of old) options.out(`would remove ${describeLeftover(l)}`);
    return { removed: [], kept, problems: [] };
  }
  const problems = await removeLeftovers(session, old, {
    signal: AbortSignal.timeout(options.timeoutMs ?? 300_000),
  });
  const removed = old.filter((l) => !problems.some((p) => p.includes(`(${l.id})`)));
  for (const l of removed) options.out(`removed ${describeLeftover(l)}`);
  for (const problem of problems) options.out(`could not remove ${problem}`);
  return { removed, kept, problems };
}

/** The exit status: 0 when nothing old is left, 1 when something could not be removed. */
export const cleanupExitCode = (result: CleanupResult): number => (result.problems.length > 0 ? 1 : 0);
