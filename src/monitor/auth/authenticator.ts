import type { Account } from "../db/store.ts";
import type { AccountDirectory } from "./accounts.ts";
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleLimits } from "./login-throttle.ts";
import { type PasswordVerifier, passwordMatches } from "./password-hash.ts";
import { GateFullError, VerificationGate } from "./verification-gate.ts";
import { VerifiedLogins } from "./verified-logins.ts";

/** Knobs of the login defences; tests inject the clock, the verifier and small limits. */
export interface AuthOptions {
  /** a monotonic clock in milliseconds (default: performance.now) */
  monotonicMs: () => number;
  /** checks one password against one hash (default: native bcrypt/argon2 off the event loop) */
  verify: PasswordVerifier;
  throttle: ThrottleLimits;
  /** password checks at once (default: cores - 1) and waiting (default 32) before 503 */
  concurrency?: number;
  maxWaiting?: number;
}

/** What a login attempt comes to; the HTTP layer maps it to 200/401/429/503. */
export type LoginOutcome =
  | { kind: "ok"; account: Account; cached: boolean }
  | { kind: "denied" }
  | { kind: "throttled"; retryAfterSeconds: number; which: "account" | "address" }
  | { kind: "busy"; retryAfterSeconds: number };

/** Counts of what the defences did, read by the metrics. */
export interface AuthEvents {
  failed(): void;
  throttled(which: "account" | "address"): void;
  cacheHit(): void;
  busy(): void;
}

const NO_EVENTS: AuthEvents = { failed() {}, throttled() {}, cacheHit() {}, busy() {} };

/**
 * Password logins that hold under attack: hashes are checked off the event loop through a
 * bounded gate, successes are remembered briefly (keyed by an HMAC, never the password), failed
 * attempts are limited per account and per client address, and an unknown user pays the same
 * hash as a wrong password so timing does not tell which accounts exist.
 */
export class Authenticator {
  readonly gate: VerificationGate;
  readonly verified: VerifiedLogins;
  private readonly throttle: LoginThrottle;
  private readonly verify: PasswordVerifier;

  constructor(
    options: Partial<AuthOptions> = {},
    private readonly events: AuthEvents = NO_EVENTS,
  ) {
    const monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.verify = options.verify ?? passwordMatches;
    this.gate = new VerificationGate(options.concurrency, options.maxWaiting);
    this.verified = new VerifiedLogins(monotonicMs);
    this.throttle = new LoginThrottle(options.throttle ?? DEFAULT_THROTTLE, monotonicMs);
  }

  async login(
    directory: AccountDirectory,
    subject: string,
    password: string,
    address: string,
  ): Promise<LoginOutcome> {
    const byAddress = this.throttle.blockedFor("address", address);
    if (byAddress !== undefined) return this.throttled("address", byAddress);
    const account = directory.get(subject);
    const key = this.verified.keyOf(subject, password);
    // A login verified minutes ago passes even while its account is under attack: the robot
    // keeps uploading, and a guess still needs the very password to hit.
    if (account !== undefined && this.verified.has(key)) {
      this.events.cacheHit();
      return { kind: "ok", account, cached: true };
    }
    const byAccount = this.throttle.blockedFor("account", subject);
    if (byAccount !== undefined) {
      this.throttle.fail(address);
      return this.throttled("account", byAccount);
    }
    let matches: boolean;
    try {
      matches = await this.verified.verify(key, () =>
        this.gate.run(() => this.check(directory, account, password)),
      );
    } catch (err) {
      if (!(err instanceof GateFullError)) throw err;
      this.events.busy();
      return { kind: "busy", retryAfterSeconds: 1 };
    }
    if (matches && account !== undefined) return { kind: "ok", account, cached: false };
    this.throttle.fail(address, subject);
    this.events.failed();
    return { kind: "denied" };
  }

  /** Forgets remembered logins; called when the accounts are reloaded. */
  forget(): void {
    this.verified.clear();
  }

  /** Every hash of the account is checked; an unknown account is checked against a decoy. */
  private async check(
    directory: AccountDirectory,
    account: Account | undefined,
    password: string,
  ): Promise<boolean> {
    if (account !== undefined && account.apiKeys.length > 0) {
      const matches = await Promise.all(account.apiKeys.map((h) => this.verify(password, h)));
      return matches.includes(true);
    }
    // Same algorithm and cost as a real account's key; the verdict is thrown away.
    const decoy = directory.decoyHash();
    if (decoy !== undefined) await this.verify(password, decoy);
    return false;
  }

  private throttled(which: "account" | "address", seconds: number): LoginOutcome {
    this.events.throttled(which);
    return { kind: "throttled", retryAfterSeconds: seconds, which };
  }
}
