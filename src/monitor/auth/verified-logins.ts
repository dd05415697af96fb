import { createHmac, randomBytes } from "node:crypto";

// Long enough that a robot uploading every few seconds pays the hash once; short enough that a
// password removed from the bootstrap file stops working soon even without a reload.
export const VERIFIED_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Recently verified logins, so a robot uploading many reports pays the 100+ ms hash once, and
 * concurrent identical logins share one verification (single flight). Entries are keyed by an
 * HMAC under a random per-process key: neither the password nor a digest that could be attacked
 * offline is kept, and a key never outlives the process.
 */
export class VerifiedLogins {
  private readonly secret = randomBytes(32);
  private readonly verified = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private generation = 0;

  constructor(
    private readonly monotonicMs: () => number,
    private readonly ttlMs = VERIFIED_TTL_MS,
  ) {}

  /** The cache key of a login: HMAC-SHA256 over subject and password. */
  keyOf(subject: string, password: string): string {
    return createHmac("sha256", this.secret).update(subject).update("\0").update(password).digest("base64");
  }

  /** Whether `key` was verified within the TTL. */
  has(key: string): boolean {
    const expires = this.verified.get(key);
    if (expires === undefined) return false;
    if (expires > this.monotonicMs()) return true;
    this.verified.delete(key);
    return false;
  }

  /**
   * The verdict of `verify`, shared with every concurrent caller of the same key; a success is
   * remembered for the TTL unless the accounts were reloaded meanwhile.
   */
  async verify(key: string, verify: () => Promise<boolean>): Promise<boolean> {
    const running = this.inFlight.get(key);
    if (running !== undefined) return running;
    const generation = this.generation;
    const verdict = verify().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, verdict);
    if (await verdict) {
      if (generation === this.generation) this.remember(key);
      return true;
    }
    return false;
  }

  /** Forgets every verification (the accounts or their keys changed). */
  clear(): void {
    this.generation += 1;
    this.verified.clear();
    this.inFlight.clear();
  }

  get size(): number {
    return this.verified.size;
  }

  private remember(key: string): void {
    this.verified.delete(key);
    if (this.verified.size >= MAX_ENTRIES) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, this.monotonicMs() + this.ttlMs);
  }
}
