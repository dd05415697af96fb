/**
 * Cloud configuration the way openstacksdk reads it: `clouds.yaml` merged with `secure.yaml`, the
 * cloud chosen by name (`--os-cloud`, else `OS_CLOUD`), or an `envvars` cloud built from `OS_*`.
 * This module is pure: it turns already-parsed documents and an environment into a `CloudConfig`.
 * Finding and reading the files is in config-files.ts.
 */
import { ScsError } from "../errors.ts";
import { AUTH_KEYS, type AuthMethod, authSecrets, buildAuth } from "./config-auth.ts";
import { bool, type Dict, isDict, str } from "./config-values.ts";

export type { AuthMethod, DomainRef, ProjectRef, Scope, UserRef } from "./config-auth.ts";

export type Interface = "public" | "internal" | "admin";

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

/** `OS_*` variables that only select or locate a cloud; alone they do not make an `envvars` cloud. */
const SELECTOR_VARS = new Set([
  "OS_CLOUD",
  "OS_CLOUD_NAME",
  "OS_CLIENT_CONFIG_FILE",
  "OS_CLIENT_SECURE_FILE",
]);

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

/** Every secret of a config, for redaction. */
export function secretsOf(config: CloudConfig): string[] {
  return authSecrets(config.auth);
}
