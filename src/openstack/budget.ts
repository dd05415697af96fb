/**
 * Time budgets: a whole run (`scs check --timeout`, `scs snapshot --timeout`) has one, and so
 * has each request (its retries and waits included). Whatever a cloud does — slow answers,
 * long Retry-After, endless lists — the run ends when its budget is spent.
 */
import { ScsError, UsageError } from "../errors.ts";
import { CloudError } from "./errors.ts";

/** A request may take this many times the cloud's api_timeout, retries and waits included. */
export const REQUEST_BUDGET_FACTOR = 3;

/** The run's budget is spent; what was under way is aborted with this reason. */
export class BudgetExceeded extends CloudError {
  override readonly name = "BudgetExceeded";
}

export class RunBudget {
  readonly totalMs: number;
  /** How the user sets it, for messages: `--timeout`. */
  readonly setBy: string;
  /** Aborted (with a BudgetExceeded reason) when the budget is spent. */
  readonly signal: AbortSignal;
  readonly #end: number;
  readonly #clock: () => number;
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(totalMs: number, setBy: string, clock: () => number = () => performance.now()) {
    if (!(totalMs > 0) || !Number.isFinite(totalMs)) {
      throw new ScsError(`${setBy} must be a positive number of seconds`);
    }
    this.totalMs = totalMs;
    this.setBy = setBy;
    this.#clock = clock;
    this.#end = clock() + totalMs;
    const controller = new AbortController();
    this.signal = controller.signal;
    this.#timer = setTimeout(() => controller.abort(this.exceeded()), totalMs);
    // The budget must never keep a finished process alive.
    this.#timer.unref?.();
  }

  remainingMs(): number {
    return Math.max(0, this.#end - this.#clock());
  }

  /** The error for "spent", e.g. `the run's budget of 3600 s (--timeout) is spent`. */
  exceeded(): BudgetExceeded {
    return new BudgetExceeded(
      `the run's time budget of ${seconds(this.totalMs)} s is spent (raise ${this.setBy} if the cloud is that slow)`,
    );
  }

  /** Stops the timer (end of the run). */
  dispose(): void {
    clearTimeout(this.#timer);
  }
}

/** Default run budgets (seconds): a full check of a large cloud takes minutes, a snapshot less. */
export const CHECK_TIMEOUT_S = 3600;
export const SNAPSHOT_TIMEOUT_S = 600;

/** Milliseconds from a `--timeout SECONDS` value (default when undefined); a bad value is a UsageError. */
export function timeoutMs(
  value: string | number | undefined,
  defaultSeconds: number,
  setBy = "--timeout",
): number {
  if (value === undefined) return defaultSeconds * 1000;
  const n =
    typeof value === "number" ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0) || !Number.isFinite(n) || n > 7 * 24 * 3600) {
    throw new UsageError(`invalid ${setBy} '${value}': use a number of seconds between 1 and 604800`);
  }
  return n * 1000;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
