/**
 * The runner's config.toml, as the reference's scs-test-runner.py reads it (certificate-scopes.md
 * §6.1): secrets, presets, scopes and the variable mapping of each subject. Paths are relative to
 * the config file's folder. Every mistake is one line naming the file and the key.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import { oneLine, UsageError } from "../errors.ts";

export interface Preset {
  readonly scopes: readonly string[];
  readonly subjects: readonly string[];
  readonly workers?: number;
}

export interface RunConfig {
  readonly path: string;
  readonly secrets: { readonly keyfile?: string; readonly tokenfile?: string };
  readonly presets: ReadonlyMap<string, Preset>;
  /** Scope name → absolute path of its scope file. */
  readonly scopes: ReadonlyMap<string, string>;
  /** `[subjects._.mapping]`: templates with `{subject}`. */
  readonly defaultMapping: ReadonlyMap<string, string>;
  /** `[subjects.NAME.mapping]`: literal values overriding the default. */
  readonly mappings: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

export async function loadRunConfig(path: string): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the config ${path}: ${code === "ENOENT" ? "no such file (give -c FILE)" : oneLine(err)}`,
      { cause: err },
    );
  }
  if (text.length > MAX_CONFIG_BYTES) throw new UsageError(`${path}: larger than 1 MiB, not a runner config`);
  return parseRunConfig(text, path);
}

export function parseRunConfig(text: string, path: string): RunConfig {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`${path}: invalid TOML: ${oneLine(err).split(". ")[0]}`, { cause: err });
  }
  const dir = dirname(resolve(path));
  const at = (key: string) => `${path}: ${key}`;
  const secrets = table(data["secrets"], at("secrets"));
  const presets = new Map<string, Preset>();
  for (const [name, raw] of Object.entries(table(data["presets"], at("presets")))) {
    const p = table(raw, at(`presets.${name}`));
    const workers = p["workers"];
    if (workers !== undefined && (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1))
      throw new UsageError(`${at(`presets.${name}.workers`)} must be a positive whole number`);
    presets.set(name, {
      scopes: strings(p["scopes"] ?? [], at(`presets.${name}.scopes`)),
      subjects: strings(p["subjects"] ?? [], at(`presets.${name}.subjects`)),
      ...(workers === undefined ? {} : { workers: workers as number }),
    });
  }
  const scopes = new Map<string, string>();
  for (const [name, raw] of Object.entries(table(data["scopes"], at("scopes")))) {
    const spec = table(raw, at(`scopes.${name}`))["spec"];
    if (typeof spec !== "string" || spec === "")
      throw new UsageError(`${at(`scopes.${name}.spec`)} must be a path`);
    scopes.set(name, resolve(dir, spec));
  }
  const mappings = new Map<string, Map<string, string>>();
  let defaultMapping = new Map<string, string>();
  for (const [name, raw] of Object.entries(table(data["subjects"], at("subjects")))) {
    const mapping = table(table(raw, at(`subjects.${name}`))["mapping"], at(`subjects.${name}.mapping`));
    const values = new Map<string, string>();
    for (const [k, v] of Object.entries(mapping)) {
      if (typeof v !== "string")
        throw new UsageError(`${at(`subjects.${name}.mapping.${k}`)} must be a string`);
      values.set(k, v);
    }
    if (name === "_") defaultMapping = values;
    else mappings.set(name, values);
  }
  for (const [k, template] of defaultMapping) fillTemplate(template, "x", at(`subjects._.mapping.${k}`));
  const path_ = (key: "keyfile" | "tokenfile") => {
    const v = secrets[key];
    if (v === undefined) return {};
    if (typeof v !== "string" || v === "") throw new UsageError(`${at(`secrets.${key}`)} must be a path`);
    return { [key]: resolve(dir, v) };
  };
  return {
    path,
    secrets: { ...path_("keyfile"), ...path_("tokenfile") },
    presets,
    scopes,
    defaultMapping,
    mappings,
  };
}

/** The variables of a subject: the default mapping with `{subject}` filled in, overridden by its own. */
export function mappingOf(config: RunConfig, subject: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [k, template] of config.defaultMapping)
    values.set(k, fillTemplate(template, subject, `${config.path}: subjects._.mapping.${k}`));
  for (const [k, v] of config.mappings.get(subject) ?? []) values.set(k, v);
  return values;
}

/** Python's str.format with the one field `subject`; `{{` and `}}` are literal braces. */
export function fillTemplate(template: string, subject: string, where: string): string {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}|[{}]/g, (m, field: string | undefined) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    if (field === "subject") return subject;
    throw new UsageError(`${where}: only {subject} may be filled in, found ${m}`);
  });
}

function table(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date)
    throw new UsageError(`${where} must be a table`);
  return value as Record<string, unknown>;
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v !== ""))
    throw new UsageError(`${where} must be a list of names`);
  return value as string[];
}
