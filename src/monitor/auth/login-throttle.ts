/** How many failed logins are allowed in a window, per account and per client address. */
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 10, perAddress: 30, windowMs: 15 * 60_000 };

// Keys are attacker-chosen (any user name, any address): the table is bounded, oldest first out.
const MAX_KEYS = 100_000;

/**
 * Failed logins in a sliding window, on a monotonic clock (a wall-clock jump neither lifts nor
 * extends a block). Past the limit a key is blocked until its oldest failure leaves the window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly monotonicMs: () => number,
  ) {}

  /** Seconds until the account or the address may try again, or undefined when not blocked. */
  blockedFor(which: "account" | "address", key: string): number | undefined {
    const times = this.recent(`${which}\0${key}`);
    const limit = which === "account" ? this.limits.perAccount : this.limits.perAddress;
    if (times === undefined || times.length < limit) return undefined;
    const until = times[times.length - limit]! + this.limits.windowMs;
    return Math.max(1, Math.ceil((until - this.monotonicMs()) / 1000));
  }

  /**
   * Counts one failed login against the address and, when its password was checked, the
   * account. Refusals of a throttled account do not count against it: an attacker who keeps
   * knocking keeps their own address blocked, but cannot lock the account's owner out for longer
   * than the window.
   */
  fail(address: string, account?: string): void {
    if (account !== undefined) this.push(`account\0${account}`, this.limits.perAccount);
    this.push(`address\0${address}`, this.limits.perAddress);
  }

  private push(key: string, limit: number): void {
    const times = this.recent(key) ?? [];
    times.push(this.monotonicMs());
    // Only the last `limit` failures decide a block; older ones need no memory.
    if (times.length > limit) times.splice(0, times.length - limit);
    this.failures.delete(key);
    if (this.failures.size >= MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, times);
  }

  /** The failures of `key` still inside the window (expired ones are dropped). */
  private recent(key: string): number[] | undefined {
    const times = this.failures.get(key);
    if (times === undefined) return undefined;
    const since = this.monotonicMs() - this.limits.windowMs;
    while (times.length > 0 && times[0]! <= since) times.shift();
    if (times.length === 0) {
      this.failures.delete(key);
      return undefined;
    }
    return times;
  }
}
