/**
 * Keeps the Keystone token of a session: authenticates on first use, shares one authentication
 * among concurrent callers, renews before expiry and after a refusal.
 */
import { ScsError } from "../errors.ts";
import { apiError, jsonBody } from "./answers.ts";
import { identityBase, parseToken, type TokenInfo, tokenRequestBody } from "./auth.ts";
import type { CloudConfig } from "./config.ts";
import { ApiError, CloudError, serverMessageOf } from "./errors.ts";
import type { Redactor } from "./redact.ts";
import type { HttpResponse, Transport } from "./transport.ts";

/** Re-authenticate when the token expires within this margin. */
const EXPIRY_MARGIN_MS = 60_000;

export interface Authenticated {
  /** The token itself: goes into request headers only. */
  readonly value: string;
  readonly info: TokenInfo;
  /** Local time (ms) after which the token is renewed before use. */
  readonly renewAt: number;
}

/**
 * When to renew a token: a minute before it expires, or halfway through short lifetimes. The
 * lifetime is measured on the server's clock (its Date header) so clock skew does not matter.
 */
export function renewalTime(expiresAt: Date, serverDate: string | undefined, receivedAt: number): number {
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  const lifetime = Math.max(0, expiresAt.getTime() - (Number.isNaN(serverNow) ? receivedAt : serverNow));
  return receivedAt + lifetime - Math.min(EXPIRY_MARGIN_MS, lifetime / 2);
}

export class TokenKeeper {
  readonly #cloud: CloudConfig;
  readonly #transport: Transport;
  readonly #redactor: Redactor;
  #auth: Promise<Authenticated> | null = null;
  /** The resolved value of #auth, to tell which token a refused request used. */
  #current: Authenticated | null = null;

  constructor(cloud: CloudConfig, transport: Transport, redactor: Redactor) {
    this.#cloud = cloud;
    this.#transport = transport;
    this.#redactor = redactor;
  }

  /** A valid token, authenticating when there is none or it is due for renewal. */
  async current(): Promise<Authenticated> {
    if (this.#auth) {
      const pending = this.#auth;
      try {
        const a = await pending;
        if (Date.now() < a.renewAt) return a;
      } catch (err) {
        if (this.#auth === pending) this.#auth = null;
        throw err;
      }
      if (this.#auth === pending) this.#auth = null;
    }
    this.#auth ??= this.#authenticate().then((a) => {
      this.#current = a;
      return a;
    });
    return this.#auth;
  }

  /** A service refused `used`: forget it, unless a newer token already replaced it. */
  refused(used: Authenticated): void {
    if (this.#current === used) {
      this.#auth = null;
      this.#current = null;
    }
  }

  async #authenticate(): Promise<Authenticated> {
    const cloud = this.#cloud;
    const url = `${identityBase(cloud.authUrl)}/auth/tokens`;
    let res: HttpResponse;
    try {
      res = await this.#transport.send({
        method: "POST",
        url,
        headers: { "content-type": "application/json", accept: "application/json" },
        body: tokenRequestBody(cloud.auth),
        // Issuing a token changes nothing on the cloud, so a failed attempt may be repeated.
        idempotent: true,
      });
    } catch (err) {
      throw new CloudError(
        `cannot authenticate to cloud "${cloud.name}": ${err instanceof Error ? err.message : String(err)} (auth_url ${cloud.authUrl})`,
        { cause: err },
      );
    }
    if (res.status === 401) {
      throw new ApiError({
        status: 401,
        method: "POST",
        url,
        serverMessage: serverMessageOf(res.text, (t) => this.#redactor.redact(t)),
        message: `Keystone refused the credentials of cloud "${cloud.name}" from ${cloud.source} (HTTP 401): check user, password or application credential, project and their domains`,
      });
    }
    if (res.status >= 400) throw apiError("POST", url, res, this.#redactor);
    if (res.status >= 300) {
      throw new CloudError(
        `Keystone at ${url} answered HTTP ${res.status} (a redirect) instead of a token: check auth_url`,
      );
    }
    const value = res.headers["x-subject-token"];
    if (!value) throw new CloudError(`Keystone at ${url} answered HTTP ${res.status} without a token`);
    this.#redactor.add(value);
    const info = parseToken(jsonBody("POST", url, res, this.#redactor));
    if (cloud.auth.kind !== "application-credential" && info.project === null && info.catalog.length === 0) {
      throw new ScsError(
        `cloud "${cloud.name}" gives an unscoped token without a catalog: set project_name (with project_domain_name) or project_id`,
      );
    }
    return { value, info, renewAt: renewalTime(info.expiresAt, res.headers["date"], Date.now()) };
  }
}
