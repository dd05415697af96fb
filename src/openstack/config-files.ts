/** Finds and reads clouds.yaml / secure.yaml on openstacksdk's search path. */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { ScsError } from "../errors.ts";
import { type CloudConfig, type ConfigDocuments, resolveCloud } from "./config.ts";

export interface ConfigSearch {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly home?: string;
}

const EXTENSIONS = ["yaml", "yml", "json"];

/** Candidate paths in the order openstacksdk tries them; the first that exists wins. */
export function searchPath(kind: "clouds" | "secure", search: ConfigSearch = {}): string[] {
  const env = search.env ?? process.env;
  const home = search.home ?? homedir();
  const configHome = env["XDG_CONFIG_HOME"] || join(home, ".config");
  const dirs = [search.cwd ?? process.cwd(), join(configHome, "openstack"), "/etc/openstack"];
  const explicit = env[kind === "clouds" ? "OS_CLIENT_CONFIG_FILE" : "OS_CLIENT_SECURE_FILE"];
  const paths = explicit ? [explicit] : [];
  for (const dir of dirs) for (const ext of EXTENSIONS) paths.push(join(dir, `${kind}.${ext}`));
  return paths;
}

function readFirst(paths: string[]): { path: string; data: unknown } | null {
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue;
      throw new ScsError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      return { path, data: path.endsWith(".json") ? JSON.parse(text) : parse(text) };
    } catch (err) {
      const first = (err as Error).message.split("\n")[0];
      throw new ScsError(`${path} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${first}`, {
        cause: err,
      });
    }
  }
  return null;
}

/** Reads the first clouds.* and secure.* files found. */
export function readConfigDocuments(search: ConfigSearch = {}): ConfigDocuments {
  return { clouds: readFirst(searchPath("clouds", search)), secure: readFirst(searchPath("secure", search)) };
}

/** Loads the named cloud (or the one `OS_CLOUD` names) from files and environment. */
export function loadCloudConfig(cloud?: string, search: ConfigSearch = {}): CloudConfig {
  return resolveCloud(readConfigDocuments(search), search.env ?? process.env, cloud);
}
