/**
 * A tiny stand-in for an OpenStack cloud on 127.0.0.1, for unit tests of error handling only
 * (faults: 500, 429 with Retry-After, connection resets, garbage JSON, slow answers, huge
 * answers streamed without holding them, wrong token bodies, echoes of the request). Behaviour
 * against a real cloud is tested in test/openstack/ with the lab.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CloudConfig } from "../config.ts";

export const FAKE_PASSWORD = "fake-password-0123456789";
export const FAKE_TOKEN_PREFIX = "gAAAAfaketoken";

export type Reply =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Record<string, string>;
    }
  | { readonly reset: true }
  | { readonly delayMs: number; readonly reply: Reply }
  /** A JSON list answer `{"<key>": [...]}` of about `bytes` bytes, generated while it is sent. */
  | { readonly huge: { readonly key: string; readonly bytes: number } };

export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

type Handler = (req: Seen) => Reply;

export class FaultServer {
  readonly seen: Seen[] = [];
  #server: Server | null = null;
  #routes: { method: string; path: RegExp; handler: Handler }[] = [];
  #tokens = 0;
  /** Token lifetime the fake Keystone hands out. */
  tokenLifetimeMs = 3_600_000;
  /** More catalog entries (e.g. an object-store pointing elsewhere). */
  extraCatalog: unknown[] = [];
  /** Tokens the services accept; others get 401. */
  readonly validTokens = new Set<string>();
  /** Rewrites the token body Keystone answers with (wrong shapes). */
  tokenBody: ((body: { token: Record<string, unknown> }) => unknown) | null = null;
  #open = 0;
  #closed: (() => void)[] = [];

  /** Client connections open right now. */
  get openConnections(): number {
    return this.#open;
  }

  /** Resolves once no client connection is open. */
  allClosed(): Promise<void> {
    if (this.#open === 0) return Promise.resolve();
    return new Promise((resolve) => this.#closed.push(resolve));
  }

  get base(): string {
    const addr = this.#server?.address() as AddressInfo | null;
    if (!addr) throw new Error("fault server not started");
    return `http://127.0.0.1:${addr.port}`;
  }

  /** Tokens issued so far. */
  get tokensIssued(): number {
    return this.#tokens;
  }

  on(method: string, path: RegExp, handler: Handler): this {
    this.#routes.unshift({ method, path, handler });
    return this;
  }

  /** Requests seen for a path (not counting authentication). */
  count(path: RegExp): number {
    return this.seen.filter((s) => path.test(s.path)).length;
  }

  async start(): Promise<this> {
    this.on("POST", /^\/identity\/v3\/auth\/tokens$/, (req) => this.#issueToken(req));
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on("connection", (socket) => {
      this.#open++;
      socket.on("close", () => {
        this.#open--;
        if (this.#open === 0) for (const resolve of this.#closed.splice(0)) resolve();
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  /** A cloud config pointing at this server with password auth. */
  cloud(overrides: Partial<CloudConfig> = {}): CloudConfig {
    return {
      name: "fake",
      source: "test",
      authUrl: `${this.base}/identity/v3`,
      auth: {
        kind: "password",
        user: { name: "tester", domain: { name: "Default" } },
        password: FAKE_PASSWORD,
        scope: { kind: "project", project: { name: "p", domain: { name: "Default" } } },
      },
      regionName: "RegionOne",
      interface: "public",
      tls: { verify: true, cacert: null, cert: null, key: null },
      timeoutMs: 5_000,
      endpointOverrides: {},
      ...overrides,
    };
  }

  /** The same cloud as `cloud()`, named `fake`, as a clouds.yaml: for tests that run the CLI. */
  cloudsYaml(): string {
    return `clouds:
  fake:
    auth:
      auth_url: ${this.base}/identity/v3
      username: tester
      password: ${FAKE_PASSWORD}
      project_name: p
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    api_timeout: 5
`;
  }

  catalog(): unknown[] {
    const ep = (url: string) => [
      { id: "1", interface: "public", region: "RegionOne", region_id: "RegionOne", url },
      { id: "2", interface: "internal", region: "RegionOne", region_id: "RegionOne", url: `${url}-internal` },
    ];
    return [
      { id: "c", type: "compute", name: "nova", endpoints: ep(`${this.base}/compute/v2.1`) },
      { id: "i", type: "image", name: "glance", endpoints: ep(`${this.base}/image`) },
      { id: "n", type: "network", name: "neutron", endpoints: ep(`${this.base}/network`) },
      { id: "v", type: "volumev3", name: "cinderv3", endpoints: ep(`${this.base}/volume/v3/pid`) },
      { id: "k", type: "identity", name: "keystone", endpoints: ep(`${this.base}/identity/v3`) },
      ...this.extraCatalog,
    ];
  }

  #issueToken(req: Seen): Reply {
    const body = JSON.parse(req.body || "{}");
    const pw = body?.auth?.identity?.password?.user?.password;
    const secret = body?.auth?.identity?.application_credential?.secret;
    if (pw !== FAKE_PASSWORD && secret !== FAKE_PASSWORD) {
      return {
        status: 401,
        json: {
          error: {
            code: 401,
            title: "Unauthorized",
            message: "The request you have made requires authentication.",
          },
        },
      };
    }
    this.#tokens++;
    const token = `${FAKE_TOKEN_PREFIX}${this.#tokens}`;
    this.validTokens.add(token);
    const answer = {
      token: {
        expires_at: new Date(Date.now() + this.tokenLifetimeMs).toISOString(),
        methods: ["password"],
        roles: [
          { id: "r1", name: "member" },
          { id: "r2", name: "reader" },
        ],
        user: { id: "u1", name: "tester", domain: { id: "default", name: "Default" } },
        project: { id: "pid", name: "p", domain: { id: "default", name: "Default" } },
        catalog: this.catalog(),
      },
    };
    return {
      status: 201,
      headers: { "x-subject-token": token },
      json: this.tokenBody ? this.tokenBody(answer) : answer,
    };
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.base);
      const seen: Seen = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      this.seen.push(seen);
      const route = this.#routes.find((r) => r.method === seen.method && r.path.test(seen.path));
      let reply: Reply;
      if (!route) reply = { status: 404, json: { itemNotFound: { code: 404, message: "no such route" } } };
      else if (
        seen.path !== "/" &&
        !seen.path.startsWith("/identity/v3/auth") &&
        !this.validTokens.has(String(req.headers["x-auth-token"]))
      ) {
        reply = { status: 401, json: { error: { message: "token not valid" } } };
      } else reply = route.handler(seen);
      this.#send(res, reply);
    });
  }

  #send(res: ServerResponse, reply: Reply): void {
    if ("reset" in reply) {
      res.socket?.destroy();
      return;
    }
    if ("huge" in reply) {
      this.#sendHuge(res, reply.huge.key, reply.huge.bytes);
      return;
    }
    if ("delayMs" in reply) {
      const timer = setTimeout(() => this.#send(res, reply.reply), reply.delayMs);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    const text = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    res.writeHead(reply.status, {
      "content-type": reply.text !== undefined ? "text/html" : "application/json",
      ...reply.headers,
    });
    res.end(text);
  }

  /** Streams a list of small distinct items, honouring back-pressure, until `bytes` are sent. */
  #sendHuge(res: ServerResponse, key: string, bytes: number): void {
    res.writeHead(200, { "content-type": "application/json" });
    res.write(`{"${key}": [`);
    let sent = 0;
    let n = 0;
    const pump = () => {
      while (sent < bytes && !res.destroyed) {
        let chunk = "";
        for (let i = 0; i < 1000; i++) chunk += `${n++ ? "," : ""}{"id":"${n}","name":"item-${n}"}`;
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end("]}");
    };
    pump();
  }
}
