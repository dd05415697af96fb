/**
 * Polling for testcases that wait on the cloud (a volume becoming available, …): short intervals
 * that grow slowly, a deadline, and an AbortSignal that ends the wait at once.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { oneLine } from "../errors.ts";

export interface PollOptions {
  /** Give up after this long (the reference waits at most 110 s). */
  readonly timeoutMs: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

// At most two GETs a second: gentle on a real cloud, and a finished backup is seen within 0.5 s.
export const DEFAULT_POLL: PollOptions = { timeoutMs: 110_000, firstDelayMs: 250, maxDelayMs: 500 };

/** Thrown by a probe when waiting longer cannot help (e.g. a volume in status `error`). */
export class GiveUp extends Error {
  override readonly name = "GiveUp";
}

/**
 * Calls `probe` until it returns a value other than undefined. A probe that throws is tried again
 * (its error is reported if time runs out): `Timed out after <n> s: <last reason>`.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  signal: AbortSignal,
  options: PollOptions = DEFAULT_POLL,
): Promise<T> {
  const started = Date.now();
  let delay = options.firstDelayMs;
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
    const elapsed = Date.now() - started;
    if (elapsed >= options.timeoutMs) {
      throw new Error(`Timed out after ${Math.round(elapsed / 1000)} s: ${last}`);
    }
    // An interrupted sleep ends with the signal's own reason (e.g. "interrupted by Ctrl-C").
    await sleep(Math.min(delay, options.timeoutMs - elapsed), undefined, { signal }).catch(() =>
      signal.throwIfAborted(),
    );
    delay = Math.min(delay * 1.5, options.maxDelayMs);
  }
}

/** A signal for cleaning up after `signal` was aborted: cleanup must still get its time. */
export function cleanupSignal(timeoutMs: number): AbortSignal {
  return AbortSignal.timeout(timeoutMs);
}
