/**
 * A session with one cloud: Keystone v3 authentication (once per run, again when the token is
 * about to expire or is refused), endpoint selection from the token's catalog, JSON requests with
 * microversions, and list pagination with the largest page the server allows. Requests live
 * within the run's time budget; `withSignal` gives a view whose requests all end on a signal.
 */
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { ScsError } from "../errors.ts";
import { apiError, jsonBody } from "./answers.ts";
import type { TokenInfo } from "./auth.ts";
import type { RunBudget } from "./budget.ts";
import { apiBase, type ServiceType, selectEndpoint } from "./catalog.ts";
import { type CloudConfig, secretsOf } from "./config.ts";
import { CloudError } from "./errors.ts";
import { FirstUseGate } from "./first-use.ts";
import { ListGuard } from "./list-guard.ts";
import { nextLink, nextQuery, pageItems } from "./pagination.ts";
import { Redactor } from "./redact.ts";
import type { RetryPolicy } from "./retry.ts";
import { type Authenticated, TokenKeeper } from "./token-keeper.ts";
import { type HttpResponse, type Method, Transport } from "./transport.ts";

export { renewalTime } from "./token-keeper.ts";

export interface SessionOptions {
  /** Receives one trace line per HTTP attempt (for --debug). Never sees a secret. */
  readonly trace?: (line: string) => void;
  readonly retry?: RetryPolicy;
  /** Overrides the cloud's api_timeout. */
  readonly timeoutMs?: number;
  /** The run's time budget (`--timeout`): no request outlives it. */
  readonly budget?: RunBudget;
  /** Largest answer read (default MAX_BODY_BYTES of transport.ts). */
  readonly maxBodyBytes?: number;
}

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** e.g. "2.61" for compute, "3.59" for block-storage. */
  readonly microversion?: string;
  /** Defaults by method: GET, HEAD, PUT, DELETE are idempotent; POST, PATCH are not. */
  readonly idempotent?: boolean;
  /** Content type of `body` (default application/json; Glance updates use a JSON-patch type). */
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /**
   * Whether the first request with a new token waits alone at the service (default true; see
   * #firstUse). False lets it run next to others, at the cost of another token validation.
   */
  readonly alone?: boolean;
  /** Accept `300 Multiple Choices` as an answer (version documents at a service's root). */
  readonly multipleChoices?: boolean;
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
  /** Size of the answer as received. */
  readonly bytes: number;
}

export interface ListOptions {
  readonly query?: Query;
  /** Page size to ask for; null sends none (Neutron then answers everything at once). */
  readonly limit?: number | null;
  readonly microversion?: string;
  readonly signal?: AbortSignal;
}

/** Page size asked for: the default maximum of Nova, Cinder and Glance. Servers clamp it. */
export const MAX_PAGE_SIZE = 1000;
const MICROVERSION_HEADER_NAME: Partial<Record<ServiceType, string>> = {
  compute: "compute",
  "block-storage": "volume",
  placement: "placement",
  "load-balancer": "load-balancer",
  "key-manager": "key-manager",
};

/** What every view of a session shares: connections, token, endpoints, secrets. */
interface Shared {
  readonly transport: Transport;
  readonly redactor: Redactor;
  readonly tokens: TokenKeeper;
  readonly firstUse: FirstUseGate<Authenticated>;
  readonly bases: Map<ServiceType, string>;
}

export class Session {
  readonly cloud: CloudConfig;
  readonly #transport: Transport;
  readonly #redactor: Redactor;
  readonly #tokens: TokenKeeper;
  readonly #firstUse: FirstUseGate<Authenticated>;
  readonly #bases: Map<ServiceType, string>;
  /** Ends every request of this view (see withSignal). */
  readonly #signal: AbortSignal | undefined;

  constructor(
    cloud: CloudConfig,
    options: SessionOptions = {},
    view?: { shared: Shared; signal: AbortSignal },
  ) {
    this.cloud = cloud;
    this.#signal = view?.signal;
    const shared = view?.shared ?? openShared(cloud, options);
    this.#transport = shared.transport;
    this.#redactor = shared.redactor;
    this.#tokens = shared.tokens;
    this.#firstUse = shared.firstUse;
    this.#bases = shared.bases;
  }

  /**
   * The same session (connections, token, counters) whose every request, list and retry wait
   * ends when `signal` aborts: what a fact loader or a testcase's cloud calls run under.
   */
  withSignal(signal: AbortSignal): Session {
    const shared: Shared = {
      transport: this.#transport,
      redactor: this.#redactor,
      tokens: this.#tokens,
      firstUse: this.#firstUse,
      bases: this.#bases,
    };
    const both = this.#signal ? AbortSignal.any([this.#signal, signal]) : signal;
    return new Session(this.cloud, {}, { shared, signal: both });
  }

  /** The signal of this view (withSignal), if any. */
  get signal(): AbortSignal | undefined {
    return this.#signal;
  }

  /** HTTP requests sent so far (authentication and retries included). */
  get requestCount(): number {
    return this.#transport.requestCount;
  }

  /** Removes any known secret from a text (for messages built outside the client). */
  redact(text: string): string {
    return this.#redactor.redact(text);
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  /** The current token's information; authenticates on first use and near expiry. */
  async token(): Promise<TokenInfo> {
    return (await this.#tokens.current()).info;
  }

  /** The base URL of a service's API (catalog, or `<service>_endpoint_override`), memoised. */
  async endpoint(service: ServiceType): Promise<string> {
    const known = this.#bases.get(service);
    if (known) return known;
    const info = await this.token();
    const override = this.cloud.endpointOverrides[service];
    const url =
      override ?? selectEndpoint(info.catalog, service, this.cloud.interface, this.cloud.regionName).url;
    const base = apiBase(service, url, info.project?.id ?? null);
    this.#bases.set(service, base);
    return base;
  }

  /** One JSON request to a service. `path` is relative to the service's versioned base. */
  async request<T = unknown>(
    service: ServiceType,
    method: Method,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const base = await this.endpoint(service);
    return this.#call(service, method, buildUrl(base, path, options.query), options);
  }

  /** An authenticated GET of an absolute URL (version documents, links a service hands out). */
  async requestUrl<T = unknown>(
    url: string,
    options: { signal?: AbortSignal; multipleChoices?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    return this.#call(null, "GET", url, options);
  }

  /**
   * A request without the token, for probes of other protocols (the S3 check). Counted, traced,
   * retried and TLS-configured like every other request; error statuses are returned.
   */
  async requestUnauthenticated(
    method: Method,
    url: string,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<HttpResponse> {
    return this.#transport.send({
      method,
      url,
      headers,
      idempotent: method === "GET" || method === "HEAD",
      ...(this.#signal ? { signal: this.#signal } : {}),
    });
  }

  async #call<T>(
    service: ServiceType | null,
    method: Method,
    url: string,
    options: RequestOptions,
  ): Promise<ApiResponse<T>> {
    const idempotent = options.idempotent ?? !(method === "POST" || method === "PATCH");
    const signal = this.#signalFor(options.signal);
    for (let reauthenticated = false; ; reauthenticated = true) {
      const auth = await this.#tokens.current();
      const headers: Record<string, string> = {
        accept: "application/json",
        "x-auth-token": auth.value,
        ...options.headers,
      };
      const mvName = service ? MICROVERSION_HEADER_NAME[service] : undefined;
      if (options.microversion && mvName) {
        headers["openstack-api-version"] = `${mvName} ${options.microversion}`;
        if (service === "compute") headers["x-openstack-nova-api-version"] = options.microversion;
      }
      let body: string | undefined;
      if (options.body !== undefined) {
        headers["content-type"] = options.contentType ?? "application/json";
        body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      }
      const release =
        service && options.alone !== false ? await this.#firstUse.enter(auth, service) : undefined;
      let res: HttpResponse;
      try {
        res = await this.#transport.send({
          method,
          url,
          headers,
          idempotent,
          ...(body !== undefined ? { body } : {}),
          ...(signal ? { signal } : {}),
        });
      } finally {
        release?.();
      }
      // A refused token (revoked, expired early) gets one fresh authentication; 401 means "not done".
      if (res.status === 401 && !reauthenticated) {
        // Concurrent refusals of the same token lead to one new authentication, not many.
        this.#tokens.refused(auth);
        continue;
      }
      if (res.status >= 400) throw apiError(method, url, res, this.#redactor);
      // A redirect is no answer (we never follow one with the token); 300 only where asked for.
      if (res.status >= 300 && !(res.status === 300 && options.multipleChoices)) {
        throw new CloudError(
          this.#redactor.redact(
            `${method} ${url} answered HTTP ${res.status} (a redirect) instead of an answer: check the endpoint URL in the catalog`,
          ),
        );
      }
      return {
        status: res.status,
        headers: res.headers,
        body: jsonBody(method, url, res, this.#redactor) as T,
        bytes: res.bytes,
      };
    }
  }

  #signalFor(own: AbortSignal | undefined): AbortSignal | undefined {
    if (own && this.#signal) return AbortSignal.any([own, this.#signal]);
    return own ?? this.#signal;
  }

  /**
   * One request whose body is streamed as it is read (image data). Never retried: a stream
   * cannot be replayed, so a refused token or a network failure is an error for the caller.
   */
  async sendStream<T = unknown>(
    service: ServiceType,
    method: "PUT",
    path: string,
    data: Readable,
    options: { contentType: string; timeoutMs?: number },
  ): Promise<ApiResponse<T>> {
    const url = buildUrl(await this.endpoint(service), path, undefined);
    const auth = await this.#tokens.current();
    const signal = this.#signalFor(undefined);
    const res = await this.#transport.send({
      method,
      url,
      headers: {
        accept: "application/json",
        "x-auth-token": auth.value,
        "content-type": options.contentType,
      },
      idempotent: false,
      stream: data,
      ...(signal ? { signal } : {}),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    if (res.status >= 400) throw apiError(method, url, res, this.#redactor);
    return {
      status: res.status,
      headers: res.headers,
      body: jsonBody(method, url, res, this.#redactor) as T,
      bytes: res.bytes,
    };
  }

  /** Every item of a paginated list, following next links with the largest page size. */
  async list<T = unknown>(
    service: ServiceType,
    path: string,
    key: string,
    options: ListOptions = {},
  ): Promise<T[]> {
    const limit = options.limit === undefined ? MAX_PAGE_SIZE : options.limit;
    const first: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) first[k] = String(v);
    if (limit !== null) first["limit"] = String(limit);
    let query = first;
    const items: T[] = [];
    const guard = new ListGuard(`GET ${path} on ${service}`);
    for (;;) {
      const res = await this.request(service, "GET", path, {
        query,
        ...(options.microversion ? { microversion: options.microversion } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const page = pageItems(res.body, key);
      if (page === null) {
        throw new CloudError(`GET ${path} on ${service}: the answer has no "${key}" list`);
      }
      guard.page(page, res.bytes);
      // One at a time: a spread of a huge page overflows the call stack.
      for (const item of page) items.push(item as T);
      const link = nextLink(res.body, key);
      if (link === null || page.length === 0) return items;
      const next = nextQuery(link);
      guard.link(next.toString());
      // The link's query wins; our filters stay even if a service leaves them out of its link.
      query = { ...first, ...Object.fromEntries(next) };
    }
  }
}

function openShared(cloud: CloudConfig, options: SessionOptions): Shared {
  const redactor = new Redactor();
  for (const s of secretsOf(cloud)) redactor.add(s);
  const tls = cloud.tls;
  const transport = new Transport({
    timeoutMs: options.timeoutMs ?? cloud.timeoutMs,
    redactor,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    tls: {
      verify: tls.verify,
      ...(tls.cacert ? { ca: readTlsFile(cloud, "cacert", tls.cacert) } : {}),
      ...(tls.cert ? { cert: readTlsFile(cloud, "cert", tls.cert) } : {}),
      ...(tls.key ? { key: readTlsFile(cloud, "key", tls.key) } : {}),
    },
  });
  return {
    transport,
    redactor,
    tokens: new TokenKeeper(cloud, transport, redactor),
    firstUse: new FirstUseGate<Authenticated>(),
    bases: new Map(),
  };
}

function buildUrl(base: string, path: string, query?: Query): string {
  const url = path ? `${base}/${path.replace(/^\/+/, "")}` : base;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function readTlsFile(cloud: CloudConfig, key: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new ScsError(`cloud "${cloud.name}": cannot read ${key} file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
