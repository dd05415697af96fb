/**
 * Polling for testcases that wait on the cloud (a volume becoming available, …): an interval that
 * grows with the time already waited, a deadline, and an AbortSignal that ends the wait at once.
 */
import { type Clock, systemClock } from "./clock.ts";
import { oneLine } from "./errors.ts";

export interface PollOptions {
  /** Give up after this long (the reference waits at most 110 s). */
  readonly timeoutMs: number;
  /** The shortest interval, and the one at the start. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The interval is 5 % of the time waited so far, between 0.25 s and 2 s: a state change is seen at
 * most 5 % (or 0.25 s) after it happened, and a long wait on a real cloud (backups take minutes)
 * costs few requests: 20 in the first 5 s, about 70 for a whole minute.
 */
export const DEFAULT_POLL: PollOptions = { timeoutMs: 110_000, firstDelayMs: 250, maxDelayMs: 2_000 };
const DELAY_SHARE = 0.05;

/** How long to wait before the next probe, `elapsedMs` into the wait. */
export function pollDelay(elapsedMs: number, options: PollOptions): number {
  return Math.min(Math.max(elapsedMs * DELAY_SHARE, options.firstDelayMs), options.maxDelayMs);
}

/** Thrown by a probe when waiting longer cannot help (e.g. a volume in status `error`). */
export class GiveUp extends Error {
  override readonly name = "GiveUp";
}

/**
 * Calls `probe` until it returns a value other than undefined. A probe that throws is tried again
 * (its error is reported if time runs out): `Timed out after <n> s: <last reason>`. Time is measured
 * and waited on `clock` (tests pass a virtual one, so no test depends on the machine's speed).
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  signal: AbortSignal,
  options: PollOptions = DEFAULT_POLL,
  clock: Clock = systemClock,
): Promise<T> {
  const elapsedMs = (since: number) => clock.now().getTime() - since;
  const started = clock.now().getTime();
  let last = "condition not met";
  for (;;) {
    signal.throwIfAborted();
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      signal.throwIfAborted();
      if (err instanceof GiveUp) throw err;
      last = oneLine(err);
    }
    const elapsed = elapsedMs(started);
    if (elapsed >= options.timeoutMs) {
      throw new Error(`Timed out after ${Math.round(elapsed / 1000)} s: ${last}`);
    }
    // An interrupted sleep ends with the signal's own reason (e.g. "interrupted by Ctrl-C").
    await clock
      .sleep(Math.min(pollDelay(elapsed, options), options.timeoutMs - elapsed), signal)
      .catch(() => signal.throwIfAborted());
  }
}

/** A signal for cleaning up after `signal` was aborted: cleanup must still get its time. */
export function cleanupSignal(timeoutMs: number): AbortSignal {
  return AbortSignal.timeout(timeoutMs);
}
