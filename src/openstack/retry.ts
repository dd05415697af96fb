/**
 * When to try a request again, and after how long. Pure: the transport feeds it what happened.
 * Idempotent requests are retried on 5xx (except 501), 429 and dropped connections. A request
 * that changes something (POST, PATCH) is only retried when the server certainly did not act on
 * it: 429 (rejected before processing) or a refused connection (never sent).
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First back-off; doubles each retry. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export type Outcome =
  | { readonly kind: "status"; readonly status: number; readonly retryAfter?: string | null }
  | { readonly kind: "network"; readonly code: string };

/** Connection failures after which an idempotent request may simply be sent again. */
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
  "STALE_CONNECTION",
]);

/** Failures where the request provably never reached the application. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EAI_AGAIN", "STALE_CONNECTION"]);

/** Milliseconds from a Retry-After header (delta-seconds or an HTTP date); null if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason?: string };

/** Decides about retry number `retriesDone + 1` after `outcome`. */
export function decideRetry(
  policy: RetryPolicy,
  retriesDone: number,
  outcome: Outcome,
  idempotent: boolean,
  now: number = Date.now(),
): RetryDecision {
  if (retriesDone >= policy.maxRetries) return { retry: false };
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retriesDone);
  if (outcome.kind === "network") {
    if (!TRANSIENT_CODES.has(outcome.code)) return { retry: false };
    if (!idempotent && !NOT_SENT_CODES.has(outcome.code)) return { retry: false };
    return { retry: true, delayMs: backoff };
  }
  const { status } = outcome;
  if (status === 429) {
    const asked = parseRetryAfter(outcome.retryAfter, now);
    if (asked !== null && asked > policy.maxRetryAfterMs) {
      return { retry: false, reason: `the server asked to retry after ${Math.ceil(asked / 1000)} s` };
    }
    return { retry: true, delayMs: asked ?? backoff };
  }
  if (status >= 500 && status !== 501 && idempotent) {
    const asked = parseRetryAfter(outcome.retryAfter, now);
    return { retry: true, delayMs: asked !== null && asked <= policy.maxRetryAfterMs ? asked : backoff };
  }
  return { retry: false };
}
