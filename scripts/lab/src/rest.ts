import { ScsError } from "../../../src/errors.ts";
import type { PasswordCloud } from "./clouds.ts";

/**
 * A deliberately small OpenStack REST session for the lab scripts: Keystone v3 password login,
 * catalog lookup, JSON requests with retries while a service restarts. The project's real client
 * lives in src/openstack/; the lab must not depend on it (it sets up the cloud that client is
 * tested against).
 */

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id?: string; region?: string; url: string }[];
}

export class HttpError extends ScsError {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    detail: string,
  ) {
    super(`${method} ${url} answered ${status}: ${detail}`);
  }
}

export interface RequestOptions {
  json?: unknown;
  body?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

const RETRY_DELAYS_MS = [200, 500, 1000, 2000, 4000];

/** Statuses a restarting or overloaded service answers with; the request is worth repeating. */
function transient(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

export class Session {
  /** Requests sent, for the figures populate prints. */
  requests = 0;

  private constructor(
    readonly cloud: PasswordCloud,
    private readonly token: string,
    private readonly catalog: CatalogEntry[],
    readonly projectId: string,
    readonly roles: string[],
  ) {}

  static async login(cloud: PasswordCloud): Promise<Session> {
    const body = {
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: { name: cloud.username, domain: { name: cloud.userDomainName }, password: cloud.password },
          },
        },
        scope: { project: { name: cloud.projectName, domain: { name: cloud.projectDomainName } } },
      },
    };
    const url = `${cloud.authUrl}/auth/tokens`;
    const res = await sendWithRetry(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status === 401) {
      throw new ScsError(`cloud "${cloud.name}": Keystone refused the credentials of ${cloud.username}`);
    }
    if (!res.ok) throw new HttpError(res.status, "POST", url, await describe(res));
    const token = res.headers.get("x-subject-token");
    const data = (await res.json()) as {
      token: { catalog?: CatalogEntry[]; project: { id: string }; roles: { name: string }[] };
    };
    if (!token) throw new ScsError(`cloud "${cloud.name}": Keystone answered without a token`);
    return new Session(
      cloud,
      token,
      data.token.catalog ?? [],
      data.token.project.id,
      data.token.roles.map((r) => r.name),
    );
  }

  /** The endpoint URL of a service type (first of the given types found), without trailing "/". */
  endpoint(...types: string[]): string {
    for (const type of types) {
      const entry = this.catalog.find((e) => e.type === type);
      const ep = entry?.endpoints.find(
        (e) =>
          e.interface === this.cloud.interface &&
          (!this.cloud.regionName || (e.region_id ?? e.region) === this.cloud.regionName),
      );
      if (ep) return ep.url.replace(/\/+$/, "");
    }
    throw new ScsError(`cloud "${this.cloud.name}" has no ${types.join("/")} endpoint in its catalog`);
  }

  /** Sends a request; returns the parsed JSON body (undefined when empty). Non-2xx throws HttpError. */
  async request<T = unknown>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { "x-auth-token": this.token, ...opts.headers };
    let body: string | Uint8Array | undefined;
    if (opts.json !== undefined) {
      headers["content-type"] = opts.contentType ?? "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.body) {
      headers["content-type"] = opts.contentType ?? "application/octet-stream";
      body = opts.body;
    }
    this.requests++;
    const started = Date.now();
    const res = await sendWithRetry(url, { method, headers, body });
    if (process.env["LAB_DEBUG"]) console.error(`${method} ${url} ${res.status} ${Date.now() - started}ms`);
    if (!res.ok) throw new HttpError(res.status, method, url, await describe(res));
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

async function sendWithRetry(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const delay = RETRY_DELAYS_MS[attempt];
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
      if (!transient(res.status) || delay === undefined) return res;
      await res.body?.cancel();
    } catch (err) {
      if (delay === undefined) {
        throw new ScsError(`cannot reach ${new URL(url).origin}: is the lab up? (scripts/lab/status.sh)`, {
          cause: err,
        });
      }
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The error text of a response, on one line and short (never a header, so never a token). */
async function describe(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  let detail = text;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const first = Object.values(parsed)[0] as { message?: unknown } | string | undefined;
    if (typeof first === "object" && first && typeof first.message === "string") detail = first.message;
  } catch {
    // not JSON: keep the text
  }
  return (
    detail
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 300) || res.statusText
  );
}

/** Runs fn over items with at most `limit` in flight; collects failures instead of stopping. */
export async function inPool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<{ done: number; failures: { item: T; error: unknown }[] }> {
  let next = 0;
  let done = 0;
  const failures: { item: T; error: unknown }[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
        done++;
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return { done, failures };
}
