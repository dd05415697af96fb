/**
 * POST /reports with retries: network errors, timeouts, 5xx, 408 and 429 are retried with
 * exponential back-off (Retry-After honoured up to a cap); 409 means the monitor already holds the
 * report, which is what we wanted.
 */
import { oneLine } from "../errors.ts";
import type { SignedUpload } from "./signed-report.ts";

/** What became of one upload. `transient` failures are worth retrying later, `rejected` ones are not. */
export type Delivery =
  | { readonly kind: "stored" }
  | { readonly kind: "present" }
  | { readonly kind: "rejected"; readonly reason: string }
  | { readonly kind: "transient"; readonly reason: string };

export interface PostOptions {
  /** Attempts in all (1 = no retry). */
  readonly attempts?: number;
  /** First back-off; doubled after each failed attempt. */
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
}

const MAX_WAIT_MS = 30_000;

export function reportsUrl(monitorUrl: string): string {
  return `${monitorUrl.endsWith("/") ? monitorUrl : `${monitorUrl}/`}reports`;
}

/** Sends one signed upload; never throws for HTTP or network trouble, it says what happened. */
export async function postSignedReport(
  monitorUrl: string,
  upload: SignedUpload,
  token: string,
  options: PostOptions = {},
): Promise<Delivery> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const doFetch = options.fetch ?? fetch;
  let wait = options.backoffMs ?? 500;
  let last: Delivery = { kind: "transient", reason: "not tried" };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 60_000)];
      if (options.signal) signals.push(options.signal);
      const res = await doFetch(reportsUrl(monitorUrl), {
        method: "POST",
        headers: { "content-type": upload.contentType, authorization: `Basic ${token}` },
        body: upload.body,
        signal: AbortSignal.any(signals),
      });
      const detail = await detailOf(res);
      if (res.ok) return { kind: "stored" };
      if (res.status === 409) return { kind: "present" };
      const reason = `HTTP ${res.status}${detail ? ` ${detail}` : ""}`;
      if (res.status < 500 && res.status !== 408 && res.status !== 429) return { kind: "rejected", reason };
      last = { kind: "transient", reason };
      retryAfterMs = retryAfter(res.headers.get("retry-after"));
    } catch (err) {
      if (options.signal?.aborted) return { kind: "transient", reason: "interrupted" };
      last = { kind: "transient", reason: networkReason(err) };
    }
    if (attempt < attempts) {
      await sleep(Math.min(MAX_WAIT_MS, Math.max(wait, retryAfterMs ?? 0)));
      wait *= 2;
    }
  }
  return last;
}

/** The monitor's `{"detail": …}`, or the start of a text body; bounded, one line. */
async function detailOf(res: Response): Promise<string> {
  const text = (await res.text().catch(() => "")).slice(0, 2000);
  let detail = text;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null) return "";
    if (typeof parsed === "object" && "detail" in parsed) {
      const d = (parsed as { detail: unknown }).detail;
      detail = typeof d === "string" ? d : JSON.stringify(d);
    }
  } catch {
    // not JSON: keep the text
  }
  return oneLine(detail)
    .replace(/[^\x20-\x7e]/g, "?")
    .slice(0, 200);
}

function retryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

function networkReason(err: unknown): string {
  if (err instanceof Error && err.name === "TimeoutError") return "no answer in time";
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return code ? `cannot connect (${code})` : oneLine(cause);
}
