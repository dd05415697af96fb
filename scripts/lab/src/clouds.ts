import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { ScsError } from "../../../src/errors.ts";

/** Password credentials of one cloud in clouds.yaml: all the lab scripts need. */
export interface PasswordCloud {
  readonly name: string;
  readonly authUrl: string;
  readonly username: string;
  readonly password: string;
  readonly projectName: string;
  readonly userDomainName: string;
  readonly projectDomainName: string;
  readonly regionName: string | undefined;
  readonly interface: string;
}

/** Where openstacksdk looks, in its order; OS_CLIENT_CONFIG_FILE wins. */
export function cloudsYamlCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const explicit = env["OS_CLIENT_CONFIG_FILE"];
  if (explicit) return [explicit];
  return [
    join(process.cwd(), "clouds.yaml"),
    join(homedir(), ".config", "openstack", "clouds.yaml"),
    "/etc/openstack/clouds.yaml",
  ];
}

function readFirst(paths: string[]): { path: string; text: string } {
  for (const path of paths) {
    try {
      return { path, text: readFileSync(path, "utf8") };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new ScsError(`cannot read ${path}; check its permissions`, { cause: err });
      }
    }
  }
  throw new ScsError(`no clouds.yaml found (looked at ${paths.join(", ")}); run scripts/lab/up.sh first`);
}

export function loadCloud(name: string, env: NodeJS.ProcessEnv = process.env): PasswordCloud {
  const { path, text } = readFirst(cloudsYamlCandidates(env));
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ScsError(`${path} is not valid YAML; fix it or rerun scripts/lab/up.sh`, { cause: err });
  }
  const clouds = (doc as { clouds?: Record<string, unknown> } | null)?.clouds ?? {};
  const cloud = clouds[name] as Record<string, unknown> | undefined;
  if (!cloud) {
    const known = Object.keys(clouds).join(", ") || "none";
    throw new ScsError(`cloud "${name}" is not in ${path} (it has: ${known})`);
  }
  const auth = (cloud["auth"] ?? {}) as Record<string, unknown>;
  const str = (key: string, fallback?: string): string => {
    const value = auth[key] ?? fallback;
    if (typeof value !== "string" || value === "") {
      throw new ScsError(`cloud "${name}" in ${path} has no auth.${key}`);
    }
    return value;
  };
  return {
    name,
    authUrl: str("auth_url").replace(/\/+$/, ""),
    username: str("username"),
    password: str("password"),
    projectName: str("project_name"),
    userDomainName: str("user_domain_name", "Default"),
    projectDomainName: str("project_domain_name", "Default"),
    regionName: typeof cloud["region_name"] === "string" ? cloud["region_name"] : undefined,
    interface: typeof cloud["interface"] === "string" ? cloud["interface"] : "public",
  };
}
