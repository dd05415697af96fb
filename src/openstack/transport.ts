/**
 * HTTP for the OpenStack client: pooled keep-alive connections (node:http/https, which load
 * much faster than a fetch implementation), TLS options from the
 * cloud config, a timeout per attempt, retries with back-off, a request counter and a trace.
 * Every request has a time budget (its retries and waits included) inside the run's budget, and
 * answers are read with a size limit: a misbehaving cloud can neither hang nor exhaust memory.
 * It knows nothing about Keystone or JSON; session.ts builds on it.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { REQUEST_BUDGET_FACTOR, type RunBudget, seconds } from "./budget.ts";
import { CloudError } from "./errors.ts";
import type { Redactor } from "./redact.ts";
import { DEFAULT_RETRY, decideRetry, type Outcome, type RetryPolicy } from "./retry.ts";

/** Error code for a request that failed on a reused connection the server had closed. */
export const STALE_CONNECTION = "STALE_CONNECTION";
/** Error code for an answer larger than the transport reads. */
export const TOO_LARGE = "TOO_LARGE";
/** The largest answer read: far above any real page of 1000 items, far below a memory problem. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  readonly method: Method;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** A body streamed as it is read (image data): sent chunked, never retried (it cannot be replayed). */
  readonly stream?: Readable;
  /** Overrides the per-attempt timeout (a long upload). */
  readonly timeoutMs?: number;
  /** Whether sending it twice is harmless; decides which failures are retried. */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** Bytes of the body as received. */
  readonly bytes: number;
}

export interface TransportOptions {
  readonly timeoutMs: number;
  readonly retry?: RetryPolicy;
  readonly tls?: {
    readonly verify: boolean;
    readonly ca?: string;
    readonly cert?: string;
    readonly key?: string;
  };
  /** Receives one line per HTTP attempt (method, URL, status, milliseconds). */
  readonly trace?: (line: string) => void;
  readonly redactor: Redactor;
  /** Largest body read (default MAX_BODY_BYTES); a larger answer fails the request. */
  readonly maxBodyBytes?: number;
  /** Time a request may take with its retries (default REQUEST_BUDGET_FACTOR × timeoutMs). */
  readonly requestBudgetMs?: number;
  /** The run's budget: no request outlives it. */
  readonly budget?: RunBudget;
}

/** The error code of a network failure, looking through undici's cause chain. */
export function networkCode(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_ABORTED") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return "UNKNOWN";
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH|ALTNAME/;

/** One line for a failure to talk to `url`, with what to do about it. */
export function describeNetworkError(code: string, url: string, err: unknown): string {
  const origin = safeOrigin(url);
  if (code === "ECONNREFUSED")
    return `cannot connect to ${origin}: connection refused (is the service running?)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return `cannot resolve the host of ${origin} (check the URL)`;
  if (["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "UND_ERR_CLOSED", STALE_CONNECTION].includes(code)) {
    return `the connection to ${origin} was closed unexpectedly`;
  }
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return `connecting to ${origin} timed out`;
  if (code === TOO_LARGE)
    return `the answer of ${url} is larger than ${(err as Error).message} (stopped reading)`;
  if (TLS_CODES.test(code)) {
    return `TLS verification failed for ${origin} (${code}): set cacert to the CA bundle of the cloud, or verify: false to skip the check`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return `request to ${origin} failed: ${msg.split("\n")[0]} (${code})`;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export class Transport {
  readonly #http: HttpAgent;
  readonly #https: HttpsAgent;
  readonly #opts: TransportOptions;
  readonly #retry: RetryPolicy;
  #count = 0;

  constructor(opts: TransportOptions) {
    this.#opts = opts;
    this.#retry = opts.retry ?? DEFAULT_RETRY;
    const tls = opts.tls;
    this.#http = new HttpAgent({ keepAlive: true });
    this.#https = new HttpsAgent({
      keepAlive: true,
      rejectUnauthorized: tls?.verify ?? true,
      ...(tls?.ca ? { ca: tls.ca } : {}),
      ...(tls?.cert ? { cert: tls.cert } : {}),
      ...(tls?.key ? { key: tls.key } : {}),
    });
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.#count;
  }

  async close(): Promise<void> {
    this.#http.destroy();
    this.#https.destroy();
  }

  /** Sends a request, retrying per policy. Error statuses are returned, not thrown. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const budget = this.#opts.budget;
    const signal =
      req.signal && budget ? AbortSignal.any([req.signal, budget.signal]) : (req.signal ?? budget?.signal);
    // A request may ask for a longer attempt than api_timeout (an image upload); its budget grows with it.
    const attemptMs = req.timeoutMs ?? this.#opts.timeoutMs;
    const requestEnd =
      performance.now() +
      Math.max(this.#opts.requestBudgetMs ?? REQUEST_BUDGET_FACTOR * this.#opts.timeoutMs, attemptMs);
    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw signal.reason;
      const left = this.#left(requestEnd);
      if (left.ms <= 0) throw this.#spent(req, left.of);
      const timeoutMs = Math.min(attemptMs, left.ms);
      const started = performance.now();
      let outcome: Outcome;
      let response: HttpResponse | null = null;
      let failure: unknown = null;
      try {
        response = await this.#attempt(req, timeoutMs, signal);
        outcome = {
          kind: "status",
          status: response.status,
          retryAfter: response.headers["retry-after"] ?? null,
        };
      } catch (err) {
        if (signal?.aborted) throw signal.reason ?? err;
        failure = err;
        outcome = { kind: "network", code: err instanceof TimeoutSignal ? "TIMEOUT" : networkCode(err) };
      }
      const ms = Math.round(performance.now() - started);
      // A streamed body was consumed by the first attempt: no retry.
      const decision = req.stream
        ? ({ retry: false } as const)
        : decideRetry(this.#retry, retries, outcome, req.idempotent);
      const what = outcome.kind === "status" ? String(outcome.status) : outcome.code;
      const next = decision.retry ? ` (retry ${retries + 1} in ${decision.delayMs} ms)` : "";
      this.#trace(`${req.method} ${req.url} ${what} ${ms} ms${next}`);
      // A network failure with no time left for another try is reported as itself (e.g. "connection
      // refused"): what went wrong matters more to the user than the budget.
      const noTimeToRetry = decision.retry && decision.delayMs >= this.#left(requestEnd).ms;
      if (decision.retry && !(noTimeToRetry && failure !== null)) {
        const wait = this.#left(requestEnd);
        if (noTimeToRetry) {
          const asked =
            outcome.kind === "status" && outcome.retryAfter
              ? "the server asked to retry after"
              : "the next retry is due in";
          throw new CloudError(
            this.#opts.redactor.redact(
              `${req.method} ${req.url} answered ${what}; ${asked} ${seconds(Math.ceil(decision.delayMs / 1000) * 1000)} s, more than the ${seconds(Math.floor(wait.ms / 100) * 100)} s left of the ${wait.of}'s time budget`,
            ),
          );
        }
        try {
          await sleep(decision.delayMs, undefined, signal ? { signal } : undefined);
        } catch (err) {
          throw signal?.reason ?? err;
        }
        continue;
      }
      if (response !== null) {
        if (decision.retry || !decision.reason) return response;
        throw new CloudError(this.#opts.redactor.redact(`${req.method} ${req.url}: ${decision.reason}`));
      }
      if (failure instanceof TimeoutSignal) {
        const within =
          timeoutMs < attemptMs
            ? `the ${seconds(timeoutMs)} s left of the ${this.#left(requestEnd).of}'s time budget`
            : `${seconds(attemptMs)} s (raise api_timeout if the cloud is slow)`;
        throw new CloudError(
          this.#opts.redactor.redact(`${req.method} ${req.url} got no answer within ${within}`),
          {
            cause: failure,
          },
        );
      }
      const code = outcome.kind === "network" ? outcome.code : "UNKNOWN";
      const message = describeNetworkError(code, req.url, failure);
      throw new CloudError(this.#opts.redactor.redact(message), { cause: failure });
    }
  }

  /** Milliseconds left for a request ending at `requestEnd`, and whose budget ends first. */
  #left(requestEnd: number): { ms: number; of: "request" | "run" } {
    const request = Math.max(0, requestEnd - performance.now());
    const run = this.#opts.budget?.remainingMs() ?? Number.POSITIVE_INFINITY;
    return run < request ? { ms: run, of: "run" } : { ms: request, of: "request" };
  }

  #spent(req: HttpRequest, of: "request" | "run"): CloudError {
    if (of === "run" && this.#opts.budget) return this.#opts.budget.exceeded();
    const total = this.#opts.requestBudgetMs ?? REQUEST_BUDGET_FACTOR * this.#opts.timeoutMs;
    return new CloudError(
      this.#opts.redactor.redact(
        `${req.method} ${req.url} got no usable answer within its time budget of ${seconds(total)} s`,
      ),
    );
  }

  #attempt(req: HttpRequest, timeoutMs: number, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const maxBytes = this.#opts.maxBodyBytes ?? MAX_BODY_BYTES;
    this.#count++;
    return new Promise<HttpResponse>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch (err) {
        reject(err);
        return;
      }
      const https = url.protocol === "https:";
      const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
      const headers: Record<string, string> = { ...req.headers };
      if (body) headers["content-length"] = String(body.length);
      let settled = false;
      let timedOut = false;
      const finish = (err: unknown, res?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (res) resolve(res);
        else reject(timedOut ? new TimeoutSignal() : err);
      };
      const request = (https ? httpsRequest : httpRequest)(
        url,
        { method: req.method, headers, agent: https ? this.#https : this.#http },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          const tooLarge = () => {
            const err = Object.assign(new Error(`${maxBytes / 1024 / 1024} MiB`), {
              code: TOO_LARGE,
            });
            finish(err);
            request.destroy();
          };
          if (Number(res.headers["content-length"] ?? 0) > maxBytes) {
            tooLarge();
            return;
          }
          res.on("data", (c: Buffer) => {
            bytes += c.length;
            if (bytes > maxBytes) tooLarge();
            else chunks.push(c);
          });
          res.on("error", (err) => finish(err));
          res.on("aborted", () => finish(Object.assign(new Error("answer cut off"), { code: "ECONNRESET" })));
          res.on("end", () =>
            finish(null, {
              status: res.statusCode ?? 0,
              headers: flattenHeaders(res.headers),
              text: Buffer.concat(chunks).toString("utf8"),
              bytes,
            }),
          );
        },
      );
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy(new TimeoutSignal());
      }, timeoutMs);
      const onAbort = () => request.destroy(signal?.reason ?? new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (err) => {
        // A kept-alive connection the server had already closed: the request never reached it.
        const stale = request.reusedSocket && (err as NodeJS.ErrnoException).code === "ECONNRESET";
        finish(
          stale ? Object.assign(new Error("stale keep-alive connection"), { code: STALE_CONNECTION }) : err,
        );
      });
      if (req.stream) {
        req.stream.on("error", (err) => request.destroy(err));
        req.stream.pipe(request);
      } else request.end(body);
    });
  }

  #trace(line: string): void {
    this.#opts.trace?.(this.#opts.redactor.redact(line));
  }
}

function flattenHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return headers;
}

/** Internal marker: our own per-attempt timeout fired. */
class TimeoutSignal extends Error {
  override readonly name = "TimeoutSignal";
}
