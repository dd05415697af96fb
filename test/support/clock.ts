import type { Clock } from "../../src/clock.ts";

/**
 * A clock that moves only when waited on: `sleep(ms)` advances it by `ms` and resolves at once, so a
 * test of polling or expiry runs the same on an idle and on a busy machine, today and next year.
 */
export class VirtualClock implements Clock {
  private time: number;
  constructor(start: Date) {
    this.time = start.getTime();
  }
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await Promise.resolve();
    this.time += ms;
    signal?.throwIfAborted();
  }
}
