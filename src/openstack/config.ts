/**
 * Cloud configuration the way openstacksdk reads it: `clouds.yaml` merged with `secure.yaml`, the
 * cloud chosen by name (`--os-cloud`, else `OS_CLOUD`), or an `envvars` cloud built from `OS_*`.
 * This module is pure: it turns already-parsed documents and an environment into a `CloudConfig`.
 * Finding and reading the files is in config-files.ts.
 */
import { ScsError } from "../errors.ts";

export type Interface = "public" | "internal" | "admin";

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

export interface TlsOptions {
  /** false for `verify: false` / `insecure: true`. */
  readonly verify: boolean;
  /** Path of a CA bundle (`cacert`), read when the session opens. */
  readonly cacert: string | null;
  readonly cert: string | null;
  readonly key: string | null;
}

export interface CloudConfig {
  /** The cloud's name in clouds.yaml, or `envvars`. */
  readonly name: string;
  /** Where it came from, for error messages (a file path or "OS_* environment variables"). */
  readonly source: string;
  /** Keystone URL as configured (with or without `/v3`). */
  readonly authUrl: string;
  readonly auth: AuthMethod;
  readonly regionName: string | null;
  readonly interface: Interface;
  readonly tls: TlsOptions;
  /** Per-request timeout (`api_timeout`, seconds in the file). */
  readonly timeoutMs: number;
  /** `<service>_endpoint_override` by service type (`block-storage`, `compute`, ...). */
  readonly endpointOverrides: Readonly<Record<string, string>>;
}

/** Parsed clouds.yaml / secure.yaml documents and where they were found. */
export interface ConfigDocuments {
  readonly clouds: { readonly path: string; readonly data: unknown } | null;
  readonly secure: { readonly path: string; readonly data: unknown } | null;
}

export const DEFAULT_TIMEOUT_MS = 32_000;
export const ENVVARS_CLOUD = "envvars";

/** Keys that belong in `auth:` even when written at the top level of a cloud (openstacksdk moves them). */
const AUTH_KEYS = new Set([
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

/** `OS_*` variables that only select or locate a cloud; alone they do not make an `envvars` cloud. */
const SELECTOR_VARS = new Set([
  "OS_CLOUD",
  "OS_CLOUD_NAME",
  "OS_CLIENT_CONFIG_FILE",
  "OS_CLIENT_SECURE_FILE",
]);

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Keys as openstacksdk normalises them: `-` becomes `_`. */
function normaliseKeys(d: Dict): Dict {
  const out: Dict = {};
  for (const [k, v] of Object.entries(d)) out[k.replaceAll("-", "_")] = isDict(v) ? normaliseKeys(v) : v;
  return out;
}

function deepMerge(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isDict(b) && isDict(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function cloudsOf(doc: { path: string; data: unknown } | null): Dict {
  if (doc === null || doc.data === null || doc.data === undefined) return {};
  if (!isDict(doc.data)) throw new ScsError(`${doc.path}: expected a mapping with a "clouds:" key`);
  const clouds = doc.data["clouds"];
  if (clouds === undefined || clouds === null) return {};
  if (!isDict(clouds)) throw new ScsError(`${doc.path}: "clouds:" must be a mapping of cloud names`);
  return clouds;
}

/** The `envvars` cloud from `OS_*` variables, or null when only selectors are set. */
export function envvarsCloud(env: Readonly<Record<string, string | undefined>>): Dict | null {
  const out: Dict = {};
  let meaningful = false;
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith("OS_") || v === undefined) continue;
    if (k.startsWith("OS_TEST") || k.startsWith("OS_STD") || k.startsWith("OS_LOG")) continue;
    if (!SELECTOR_VARS.has(k)) meaningful = true;
    out[k.slice(3).toLowerCase()] = v;
  }
  return meaningful ? out : null;
}

/** Names of the clouds the documents and the environment define, sorted. */
export function knownClouds(
  docs: ConfigDocuments,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const names = new Set([...Object.keys(cloudsOf(docs.clouds)), ...Object.keys(cloudsOf(docs.secure))]);
  if (envvarsCloud(env) !== null) names.add(ENVVARS_CLOUD);
  return [...names].sort();
}

/**
 * Resolves one cloud. `requested` is the `--os-cloud` value; without it `OS_CLOUD`, then the
 * `envvars` cloud, then the only cloud of clouds.yaml if there is exactly one.
 */
export function resolveCloud(
  docs: ConfigDocuments,
  env: Readonly<Record<string, string | undefined>>,
  requested?: string,
): CloudConfig {
  const clouds = cloudsOf(docs.clouds);
  const secure = cloudsOf(docs.secure);
  const known = knownClouds(docs, env);
  const envCloud = envvarsCloud(env);
  const fromEnv = env["OS_CLOUD"] || env["OS_CLOUD_NAME"] || undefined;
  let name = requested || fromEnv;
  if (!name) {
    if (envCloud !== null) name = ENVVARS_CLOUD;
    else if (known.length === 1) name = known[0]!;
    else {
      throw new ScsError(
        known.length === 0
          ? "no cloud configured: create clouds.yaml (current directory, ~/.config/openstack or /etc/openstack) or set OS_AUTH_URL and friends"
          : `no cloud selected: pass --os-cloud NAME or set OS_CLOUD (known clouds: ${known.join(", ")})`,
      );
    }
  }
  let raw: Dict;
  let source: string;
  if (name === ENVVARS_CLOUD && !(name in clouds) && envCloud !== null) {
    raw = envCloud;
    source = "OS_* environment variables";
  } else {
    const base = clouds[name];
    const sec = secure[name];
    if (base === undefined && sec === undefined) {
      const where = docs.clouds ? ` in ${docs.clouds.path}` : " (no clouds.yaml found)";
      throw new ScsError(
        `unknown cloud "${name}"${where}; known clouds: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    if ((base !== undefined && !isDict(base)) || (sec !== undefined && !isDict(sec))) {
      throw new ScsError(`cloud "${name}" in ${docs.clouds?.path ?? docs.secure?.path}: must be a mapping`);
    }
    raw = deepMerge((base as Dict | undefined) ?? {}, (sec as Dict | undefined) ?? {});
    source = docs.clouds?.path ?? docs.secure?.path ?? "clouds.yaml";
  }
  return buildConfig(name, source, normaliseKeys(raw));
}

function str(d: Dict, key: string, where: string): string | null {
  const v = d[key];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw new ScsError(`${where}: "${key}" must be a string`);
  return v;
}

function bool(d: Dict, key: string, where: string): boolean | null {
  const v = d[key];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (["true", "yes", "1", "on"].includes(s)) return true;
    if (["false", "no", "0", "off"].includes(s)) return false;
  }
  throw new ScsError(`${where}: "${key}" must be true or false`);
}

function buildConfig(name: string, source: string, cloud: Dict): CloudConfig {
  const where = `cloud "${name}" (${source})`;
  if (cloud["profile"] !== undefined || cloud["cloud"] !== undefined) {
    throw new ScsError(
      `${where}: vendor profiles ("profile:") are not supported; write auth_url into the cloud`,
    );
  }
  const authIn = cloud["auth"];
  if (authIn !== undefined && authIn !== null && !isDict(authIn))
    throw new ScsError(`${where}: "auth" must be a mapping`);
  const auth: Dict = { ...((authIn as Dict | undefined) ?? {}) };
  for (const [k, v] of Object.entries(cloud)) if (AUTH_KEYS.has(k) && !(k in auth)) auth[k] = v;

  const authUrl = str(auth, "auth_url", where);
  if (authUrl === null) throw new ScsError(`${where}: auth_url is missing`);
  if (!/^https?:\/\//i.test(authUrl))
    throw new ScsError(`${where}: auth_url "${authUrl}" is not an http(s) URL`);
  const identityVersion = str(cloud, "identity_api_version", where);
  if (identityVersion !== null && !identityVersion.startsWith("3")) {
    throw new ScsError(
      `${where}: identity_api_version ${identityVersion} is not supported, only Keystone v3`,
    );
  }

  const iface = parseInterface(str(cloud, "interface", where) ?? str(cloud, "endpoint_type", where), where);
  let regionName = str(cloud, "region_name", where);
  const regions = cloud["regions"];
  if (regionName === null && Array.isArray(regions) && regions.length > 0) {
    const first = regions[0];
    regionName = typeof first === "string" ? first : isDict(first) ? str(first, "name", where) : null;
  }

  const insecure = bool(cloud, "insecure", where);
  let verify = bool(cloud, "verify", where);
  let cacert = str(cloud, "cacert", where);
  // `verify` may also be a CA bundle path, as in requests.
  if (verify === null && typeof cloud["verify"] === "string") cacert = cacert ?? String(cloud["verify"]);
  if (verify === null) verify = insecure === null ? true : !insecure;

  const timeoutRaw = cloud["api_timeout"];
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (timeoutRaw !== undefined && timeoutRaw !== null && timeoutRaw !== "") {
    const secs = Number(timeoutRaw);
    if (!Number.isFinite(secs) || secs <= 0)
      throw new ScsError(`${where}: api_timeout must be a positive number`);
    timeoutMs = Math.round(secs * 1000);
  }

  const endpointOverrides: Record<string, string> = {};
  for (const [k, v] of Object.entries(cloud)) {
    const m = /^(.+)_endpoint_override$/.exec(k);
    if (m && typeof v === "string" && v) endpointOverrides[m[1]!.replaceAll("_", "-")] = v;
  }

  return {
    name,
    source,
    authUrl,
    auth: buildAuth(cloud, auth, where),
    regionName,
    interface: iface,
    tls: { verify, cacert, cert: str(cloud, "cert", where), key: str(cloud, "key", where) },
    timeoutMs,
    endpointOverrides,
  };
}

function parseInterface(v: string | null, where: string): Interface {
  if (v === null) return "public";
  const s = v.toLowerCase().replace(/url$/, "");
  if (s === "public" || s === "internal" || s === "admin") return s;
  throw new ScsError(`${where}: interface "${v}" must be public, internal or admin`);
}

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

function buildAuth(cloud: Dict, auth: Dict, where: string): AuthMethod {
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

/** Every secret of a config, for redaction. */
export function secretsOf(config: CloudConfig): string[] {
  const a = config.auth;
  switch (a.kind) {
    case "password":
      return [a.password];
    case "application-credential":
      return [a.secret];
    case "token":
      return [a.token];
  }
}
