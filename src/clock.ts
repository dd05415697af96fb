/**
 * The one source of "now". Everything that judges validity or expiry (the monitor's evaluation,
 * history, badges and pages, `scs check`'s reference date) and everything that waits (polling) takes
 * time from a Clock it is given, so a test or `scs monitor serve --now` can freeze or drive it.
 */
import { setTimeout as delay } from "node:timers/promises";

export interface Clock {
  /** The current wall-clock time. */
  now(): Date;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
  },
};

/**
 * A clock stopped at `at` (`scs monitor serve --now`): "now" never moves, waiting still takes real
 * time, so a frozen monitor keeps serving while every page judges validity as of `at`.
 */
export function frozenClock(at: Date): Clock {
  const time = at.getTime();
  return { now: () => new Date(time), sleep: systemClock.sleep };
}
