/**
 * Keystone v3 token requests: building the body for each auth method and reading the answer.
 * Pure; session.ts sends it.
 */

import { type CatalogEntry, parseCatalog } from "./catalog.ts";
import type { AuthMethod, DomainRef, ProjectRef, Scope, UserRef } from "./config.ts";
import { CloudError } from "./errors.ts";
import { checkShape, TOKEN } from "./shapes.ts";

export interface NamedRef {
  readonly id: string;
  readonly name: string;
  readonly domainId: string | null;
}

/** What a token says about the caller. The token value itself is kept by the session only. */
export interface TokenInfo {
  readonly expiresAt: Date;
  readonly roles: readonly string[];
  readonly user: NamedRef;
  readonly project: NamedRef | null;
  readonly catalog: readonly CatalogEntry[];
  readonly methods: readonly string[];
}

/** `.../v3` from an auth_url with or without the version; Keystone v2 is refused. */
export function identityBase(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, "");
  if (/\/v3$/.test(trimmed)) return trimmed;
  if (/\/v2\.0$/.test(trimmed)) {
    throw new CloudError(`auth_url ${authUrl} points at Keystone v2.0; use the v3 URL (…/v3)`);
  }
  return `${trimmed}/v3`;
}

const domainJson = (d: DomainRef) => ("id" in d ? { id: d.id } : { name: d.name });
const userJson = (u: UserRef) => ("id" in u ? { id: u.id } : { name: u.name, domain: domainJson(u.domain) });
const projectJson = (p: ProjectRef) =>
  "id" in p ? { id: p.id } : { name: p.name, domain: domainJson(p.domain) };

function scopeJson(scope: Scope): Record<string, unknown> | undefined {
  switch (scope.kind) {
    case "project":
      return { project: projectJson(scope.project) };
    case "domain":
      return { domain: domainJson(scope.domain) };
    case "system":
      return { system: { all: true } };
    case "unscoped":
      return undefined;
  }
}

/** The JSON body of `POST /v3/auth/tokens`. Contains the secret: never log it. */
export function tokenRequestBody(auth: AuthMethod): string {
  let identity: Record<string, unknown>;
  let scope: Record<string, unknown> | undefined;
  switch (auth.kind) {
    case "password":
      identity = {
        methods: ["password"],
        password: { user: { ...userJson(auth.user), password: auth.password } },
      };
      scope = scopeJson(auth.scope);
      break;
    case "application-credential": {
      const c = auth.credential;
      const cred = "id" in c ? { id: c.id } : { name: c.name, user: userJson(c.user) };
      identity = {
        methods: ["application_credential"],
        application_credential: { ...cred, secret: auth.secret },
      };
      break;
    }
    case "token":
      identity = { methods: ["token"], token: { id: auth.token } };
      scope = scopeJson(auth.scope);
      break;
  }
  return JSON.stringify({ auth: scope ? { identity, scope } : { identity } });
}

function namedRef(raw: unknown): NamedRef | null {
  if (typeof raw !== "object" || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const domain = o["domain"] as Record<string, unknown> | undefined;
  return {
    id: String(o["id"] ?? ""),
    name: String(o["name"] ?? ""),
    domainId: typeof domain?.["id"] === "string" ? domain["id"] : null,
  };
}

/** Reads the body of a token answer. */
export function parseToken(body: unknown): TokenInfo {
  checkShape(TOKEN, body, { service: "identity", what: "a Keystone token" });
  const token = (body as { token?: Record<string, unknown> } | null)?.token;
  if (!token || typeof token !== "object") throw new CloudError("Keystone answered without a token body");
  const expires = new Date(String(token["expires_at"] ?? ""));
  const user = namedRef(token["user"]);
  if (Number.isNaN(expires.getTime()) || user === null) {
    throw new CloudError("Keystone answered with a token without expires_at or user");
  }
  const roles = Array.isArray(token["roles"])
    ? token["roles"].map((r: Record<string, unknown>) => String(r?.["name"] ?? "")).filter(Boolean)
    : [];
  return {
    expiresAt: expires,
    roles,
    user,
    project: namedRef(token["project"]),
    catalog: parseCatalog(token["catalog"]),
    methods: Array.isArray(token["methods"]) ? token["methods"].map(String) : [],
  };
}
