/** The `auth:` part of a cloud: which Keystone v3 method, with which identity and scope. */
import { ScsError } from "../errors.ts";
import { type Dict, str } from "./config-values.ts";

/** A domain, project or user is named either by id or by name (names of users/projects need a domain). */
export type DomainRef = { readonly id: string } | { readonly name: string };
export type UserRef = { readonly id: string } | { readonly name: string; readonly domain: DomainRef };
export type ProjectRef = { readonly id: string } | { readonly name: string; readonly domain: DomainRef };

export type Scope =
  | { readonly kind: "project"; readonly project: ProjectRef }
  | { readonly kind: "domain"; readonly domain: DomainRef }
  | { readonly kind: "system" }
  | { readonly kind: "unscoped" };

/** How to get a Keystone v3 token. Secrets live only here and are never printed. */
export type AuthMethod =
  | { readonly kind: "password"; readonly user: UserRef; readonly password: string; readonly scope: Scope }
  | {
      readonly kind: "application-credential";
      readonly credential: { readonly id: string } | { readonly name: string; readonly user: UserRef };
      readonly secret: string;
    }
  | { readonly kind: "token"; readonly token: string; readonly scope: Scope };

/** Keys that belong in `auth:` even when written at the top level of a cloud (openstacksdk moves them). */
export const AUTH_KEYS = new Set([
  "auth_url",
  "username",
  "user_id",
  "password",
  "project_name",
  "project_id",
  "tenant_name",
  "tenant_id",
  "user_domain_name",
  "user_domain_id",
  "project_domain_name",
  "project_domain_id",
  "domain_name",
  "domain_id",
  "default_domain_name",
  "default_domain_id",
  "application_credential_id",
  "application_credential_name",
  "application_credential_secret",
  "token",
  "system_scope",
]);

function domainOf(auth: Dict, prefix: "user" | "project", where: string): DomainRef | null {
  const id = str(auth, `${prefix}_domain_id`, where) ?? str(auth, "default_domain_id", where);
  if (id !== null) return { id };
  const name = str(auth, `${prefix}_domain_name`, where) ?? str(auth, "default_domain_name", where);
  return name === null ? null : { name };
}

function userOf(auth: Dict, where: string): UserRef | null {
  const id = str(auth, "user_id", where);
  if (id !== null) return { id };
  const name = str(auth, "username", where);
  if (name === null) return null;
  const domain = domainOf(auth, "user", where);
  if (domain === null) {
    throw new ScsError(`${where}: user_domain_name (or user_domain_id) is required with username "${name}"`);
  }
  return { name, domain };
}

function scopeOf(auth: Dict, where: string): Scope {
  const projectId = str(auth, "project_id", where) ?? str(auth, "tenant_id", where);
  if (projectId !== null) return { kind: "project", project: { id: projectId } };
  const projectName = str(auth, "project_name", where) ?? str(auth, "tenant_name", where);
  if (projectName !== null) {
    const domain = domainOf(auth, "project", where);
    if (domain === null) {
      throw new ScsError(
        `${where}: project_domain_name (or project_domain_id) is required with project_name "${projectName}"`,
      );
    }
    return { kind: "project", project: { name: projectName, domain } };
  }
  const domainId = str(auth, "domain_id", where);
  if (domainId !== null) return { kind: "domain", domain: { id: domainId } };
  const domainName = str(auth, "domain_name", where);
  if (domainName !== null) return { kind: "domain", domain: { name: domainName } };
  if (str(auth, "system_scope", where) !== null) return { kind: "system" };
  return { kind: "unscoped" };
}

export function buildAuth(cloud: Dict, auth: Dict, where: string): AuthMethod {
  const declared = (str(cloud, "auth_type", where) ?? "").toLowerCase().replaceAll("-", "_");
  const secret = str(auth, "application_credential_secret", where);
  const kind =
    declared === ""
      ? secret !== null && str(auth, "password", where) === null
        ? "application-credential"
        : "password"
      : declared === "password" || declared === "v3password"
        ? "password"
        : ["v3applicationcredential", "applicationcredential", "application_credential"].includes(declared)
          ? "application-credential"
          : declared === "token" || declared === "v3token"
            ? "token"
            : null;
  if (kind === null) {
    throw new ScsError(
      `${where}: auth_type "${declared}" is not supported (use password, v3applicationcredential or token)`,
    );
  }
  if (kind === "application-credential") {
    if (secret === null) throw new ScsError(`${where}: application_credential_secret is missing`);
    const id = str(auth, "application_credential_id", where);
    if (id !== null) return withSecret({ kind, credential: { id } }, "secret", secret);
    const name = str(auth, "application_credential_name", where);
    const user = userOf(auth, where);
    if (name === null || user === null) {
      throw new ScsError(
        `${where}: an application credential needs application_credential_id, or application_credential_name with username/user_id`,
      );
    }
    return withSecret({ kind, credential: { name, user } }, "secret", secret);
  }
  if (kind === "token") {
    const token = str(auth, "token", where);
    if (token === null) throw new ScsError(`${where}: auth_type token needs "token"`);
    return withSecret({ kind, scope: scopeOf(auth, where) }, "token", token);
  }
  const user = userOf(auth, where);
  if (user === null) throw new ScsError(`${where}: username (or user_id) is missing`);
  const password = str(auth, "password", where);
  if (password === null) {
    throw new ScsError(`${where}: password is missing (put it in clouds.yaml, secure.yaml or OS_PASSWORD)`);
  }
  return withSecret({ kind, user, scope: scopeOf(auth, where) }, "password", password);
}

/**
 * Adds a secret as a non-enumerable property: readable by the client, but left out by
 * JSON.stringify, console.log and object spreads, so a config printed by mistake shows no secret.
 */
function withSecret<T extends object, K extends string>(o: T, key: K, value: string): T & Record<K, string> {
  return Object.defineProperty(o, key, { value, enumerable: false }) as T & Record<K, string>;
}

/** The secrets of an auth method, for redaction. */
export function authSecrets(a: AuthMethod): string[] {
  switch (a.kind) {
    case "password":
      return [a.password];
    case "application-credential":
      return [a.secret];
    case "token":
      return [a.token];
  }
}
