/**
 * scs-0117 volume backup: create a volume, back it up, restore the backup; clean up before and
 * after, also when interrupted. Every error is a FAIL (as in the reference); only an interrupted
 * run (Ctrl-C, timeout of the check) ends as ABORT.
 */
import { oneLine } from "../errors.ts";
import { httpStatus, type LiveCloud, type StorageObject } from "../facts/live-cloud.ts";
import { cleanupSignal, DEFAULT_POLL, GiveUp, type PollOptions, pollUntil } from "../poll.ts";
import { Abort, defineTestcase, type IaasTestcase, type Log } from "./define.ts";

/** Every resource of this testcase starts with this prefix, so a cleanup can recognise leftovers. */
export const RESOURCE_PREFIX = "scs-test-";
export const VOLUME_NAME = "scs-test-volume";
export const BACKUP_NAME = "scs-test-volume-backup";
export const RESTORED_VOLUME_NAME = "scs-test-restored-backup";

type Kind = "volumes" | "backups";

/**
 * Leftovers younger than this may belong to a concurrent check of the same project (the names are
 * fixed by the standard): the initial cleanup leaves them alone instead of breaking that run.
 */
export const CONCURRENT_RUN_GRACE_MS = 15 * 60_000;

interface Run {
  readonly cloud: LiveCloud;
  readonly log: Log;
  readonly poll: PollOptions;
  /** What this run created: its final cleanup removes exactly these. */
  readonly created: Set<string>;
}

/** Cinder writes `created_at` without a zone; it is UTC. */
function ageMs(object: StorageObject, now: number): number {
  if (!object.createdAt) return Number.POSITIVE_INFINITY;
  const text = /(Z|[+-]\d\d:?\d\d)$/.test(object.createdAt) ? object.createdAt : `${object.createdAt}Z`;
  const at = Date.parse(text);
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : now - at;
}

/** Leftovers of earlier runs: prefixed, and not so young that a concurrent run may own them. */
function leftoverOf(run: Run, now: number): (object: StorageObject) => boolean {
  return (object) => {
    if (!object.name?.startsWith(RESOURCE_PREFIX)) return false;
    if (ageMs(object, now) >= CONCURRENT_RUN_GRACE_MS) return true;
    run.log.info(
      `cleanup: leaving ${object.name} (${object.id}) alone, created minutes ago by a concurrent run?`,
    );
    return false;
  };
}

/** Waits until the object has one of the statuses; an `error` status ends the wait early. */
function waitForStatus(
  run: Run,
  kind: Kind,
  id: string,
  statuses: readonly string[],
  signal: AbortSignal,
): Promise<StorageObject> {
  return pollUntil(
    async () => {
      const object = await run.cloud[kind].get(id, signal);
      if (statuses.includes(object.status)) return object;
      if (object.status === "error") throw new GiveUp(`${kind.slice(0, -1)} ${id} went into status error`);
      throw new Error(
        `${kind.slice(0, -1)} ${id} has status ${object.status}, waiting for ${statuses.join("/")}`,
      );
    },
    signal,
    run.poll,
  );
}

/**
 * Waits until the object can be deleted (`available`/`error`) or is gone (a leftover already
 * `deleting`); if it never gets there, the delete is tried anyway. True when it still exists.
 */
async function settle(run: Run, kind: Kind, id: string, signal: AbortSignal): Promise<boolean> {
  try {
    return await pollUntil(
      async () => {
        let object: StorageObject;
        try {
          object = await run.cloud[kind].get(id, signal);
        } catch (err) {
          if (isNotFound(err)) return false;
          throw err;
        }
        if (object.status === "available" || object.status === "error") return true;
        throw new Error(`${kind.slice(0, -1)} ${id} has status ${object.status}`);
      },
      signal,
      run.poll,
    );
  } catch (err) {
    signal.throwIfAborted();
    run.log.warning(`cleanup: ${oneLine(err)}; deleting anyway`);
    return true;
  }
}

const isNotFound = (err: unknown): boolean => httpStatus(err) === 404;

/** Removes the backups and volumes `select` picks; returns the problems (empty = clean). */
export async function cleanup(
  run: Run,
  signal: AbortSignal,
  select: (object: StorageObject) => boolean,
): Promise<string[]> {
  const problems: string[] = [];
  const prefixed = (objects: readonly StorageObject[]) => objects.filter(select);
  for (const backup of prefixed(await run.cloud.backups.list(signal))) {
    try {
      if (await settle(run, "backups", backup.id, signal)) await run.cloud.backups.delete(backup.id, signal);
    } catch (err) {
      if (isNotFound(err) && !oneLine(err).includes("cinder-backup")) continue;
      if (isNotFound(err)) throw err;
      run.log.warning(`cleanup: backup ${JSON.stringify(backup.name)} (${backup.id}): ${oneLine(err)}`);
    }
  }
  try {
    await pollUntil(
      async () => {
        const left = prefixed(await run.cloud.backups.list(signal));
        if (left.length === 0) return true;
        throw new Error(`backups still listed: ${left.map((b) => b.name).join(", ")}`);
      },
      signal,
      run.poll,
    );
  } catch (err) {
    signal.throwIfAborted();
    problems.push(oneLine(err));
  }
  for (const volume of prefixed(await run.cloud.volumes.list(signal))) {
    try {
      if (await settle(run, "volumes", volume.id, signal)) await run.cloud.volumes.delete(volume.id, signal);
    } catch (err) {
      if (isNotFound(err)) continue;
      signal.throwIfAborted();
      problems.push(`volume ${JSON.stringify(volume.name)} (${volume.id}): ${oneLine(err)}`);
    }
  }
  return problems;
}

async function backupAndRestore(run: Run, signal: AbortSignal): Promise<void> {
  const { cloud, log } = run;
  const volume = await cloud.volumes.create(VOLUME_NAME, 1, signal);
  run.created.add(volume.id);
  log.info(`created volume ${VOLUME_NAME} (${volume.id})`);
  await waitForStatus(run, "volumes", volume.id, ["available"], signal);
  const backup = await cloud.backups.create(volume.id, BACKUP_NAME, signal);
  run.created.add(backup.id);
  log.info(`created backup ${BACKUP_NAME} (${backup.id})`);
  await waitForStatus(run, "backups", backup.id, ["available"], signal);
  const restored = await cloud.backups.restore(backup.id, RESTORED_VOLUME_NAME, signal);
  run.created.add(restored.volumeId);
  log.info(`restoring into volume ${RESTORED_VOLUME_NAME} (${restored.volumeId})`);
  await waitForStatus(run, "volumes", restored.volumeId, ["available"], signal);
}

/** The testcase, with polling options that tests may shorten. */
export function backupTestcase(poll: PollOptions = DEFAULT_POLL): IaasTestcase {
  return defineTestcase({
    id: "scs-0117-test-backup",
    needs: [],
    needsLiveCloud: true,
    async check(facts, log, ctx) {
      const run: Run = { cloud: facts.cloud!, log, poll, created: new Set() };
      let passed = false;
      try {
        const problems = await cleanup(run, ctx.signal, leftoverOf(run, Date.now()));
        if (problems.length > 0) {
          for (const problem of problems) log.error(`initial cleanup: ${problem}`);
          log.error("Initial cleanup failed");
          return false;
        }
        await backupAndRestore(run, ctx.signal);
        passed = true;
      } catch (err) {
        if (ctx.signal.aborted) throw new Abort(oneLine(err));
        log.error(oneLine(err));
      } finally {
        // Always, with its own time budget (not the run's signal): an interrupted run must not
        // leave volumes behind, and a Ctrl-C during the cleanup must not cut it short.
        const signal = cleanupSignal(poll.timeoutMs * 3);
        try {
          const mine = (object: StorageObject) => run.created.has(object.id);
          for (const problem of await cleanup(run, signal, mine)) log.warning(`final cleanup: ${problem}`);
        } catch (err) {
          log.error(`final cleanup: ${oneLine(err)}`);
          passed = false;
        }
      }
      return passed;
    },
  });
}

export const testcases: readonly IaasTestcase[] = [backupTestcase()];
