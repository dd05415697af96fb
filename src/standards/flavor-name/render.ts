/**
 * Text forms of parse results, as the reference CLI prints them (spec §9.2): the YAML document of
 * the derived extra_specs (PyYAML safe_dump, sorted keys) and, our extra, one JSON object per name.
 */
import { describe } from "./describe.ts";
import { deriveExtraSpecs, type ExtraSpecs, type ExtraSpecValue, MAX_DERIVED_DISKS } from "./extra-specs.ts";
import { formatV2, shortV2, v2ToV1 } from "./format.ts";
import { reprFloat } from "./python.ts";
import type { ParseOutcome } from "./strategy.ts";
import { CPU_TYPE_EXTRA_SPEC, DISK_TYPE_EXTRA_SPEC } from "./tables.ts";
import type { FlavorName } from "./types.ts";

// YAML 1.1 implicit types PyYAML resolves plain scalars to; such strings must be quoted.
const IMPLICIT =
  /^(?:~|null|Null|NULL|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|<<|=|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$/;

/** PyYAML's choice for a string in block context: plain when it can be, else single-quoted. */
function yamlString(s: string): string {
  const plain =
    s.length > 0 &&
    !IMPLICIT.test(s) &&
    !/^[\s#,[\]{}&*!|>'"%@`]/.test(s) &&
    !/^[-?:](?:\s|$)/.test(s) &&
    !/:(?:\s|$)|\s#|\s$/.test(s) &&
    /^[\x20-\x7e]*$/.test(s);
  return plain ? s : `'${s.replaceAll("'", "''")}'`;
}

function yamlValue(v: ExtraSpecValue): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    const r = reprFloat(v).toLowerCase();
    return !r.includes(".") && r.includes("e") ? r.replace("e", ".0e") : r;
  }
  return yamlString(v);
}

/** The YAML document `cli.py parse -o yaml` prints for one name: sorted keys, `---` start. */
export function extraSpecsYaml(specs: ExtraSpecs): string {
  const keys = [...specs.keys()].sort();
  return `---\n${keys.map((k) => `${yamlString(k)}: ${yamlValue(specs.get(k)!)}\n`).join("")}`;
}

function jsonValue(v: ExtraSpecValue): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return reprFloat(v); // 4.0, as Python's json module writes a float
  return /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(v) ? `"${v}"` : JSON.stringify(v);
}

/** The extra_specs as a JSON object, in derivation order; exact for integers beyond 2^53. */
export function extraSpecsJson(specs: ExtraSpecs): string {
  return `{${[...specs].map(([k, v]) => `${JSON.stringify(k)}:${jsonValue(v)}`).join(",")}}`;
}

/**
 * The extra_specs of a single name as JSON, written straight from the flavor: the same keys and
 * values as `deriveExtraSpecs([f])` (a test holds them equal), without building the map first,
 * because `parse -o json` does this for every name of a large file.
 */
function singleExtraSpecsJson(f: FlavorName, v2: string, short: string): string | null {
  const c = f.cpuram;
  let out = `{"cpus":${c.cpus},"scs:cpu-type":"${CPU_TYPE_EXTRA_SPEC[c.cputype]}","ram":${reprFloat(c.ram)}`;
  if (f.disk) {
    const d = f.disk;
    if (d.nrdisks > MAX_DERIVED_DISKS) return null;
    out += `,"disk":${d.disksize === null ? "null" : d.disksize}`;
    const type = DISK_TYPE_EXTRA_SPEC[d.disktype];
    for (let i = 0; i < d.nrdisks; i++) out += `,"scs:disk${i}-type":"${type}"`;
  }
  out += `,"scs:name-v1":"${v2ToV1(v2)}","scs:name-v2":"${v2}"`;
  if (short !== v2) out += `,"scs:name-v3":"${v2ToV1(short)}","scs:name-v4":"${short}"`;
  return `${out}}`;
}

/** One line of `scs flavor parse -o json`. */
export function parseResultJson(name: string, outcome: ParseOutcome): string {
  const head = `{"name":${JSON.stringify(name)}`;
  if (outcome.status === "not-scs") return `${head},"status":"not-scs"}`;
  if (outcome.status === "invalid")
    return `${head},"status":"invalid","error":${JSON.stringify(outcome.error)}}`;
  const f = outcome.flavor;
  // Names and prose of a valid flavor are plain ASCII without quotes or backslashes: no escaping.
  const v2 = formatV2(f);
  const short = shortV2(f);
  const specs = singleExtraSpecsJson(f, v2, short);
  return (
    `${head},"status":"valid","canonical":"${v2}","short":"${short}","v1":"${v2ToV1(v2)}"` +
    `,"prose":"${describe(f)}"${specs === null ? "" : `,"extraSpecs":${specs}`}}`
  );
}

export const PARSE_OUTPUTS = ["none", "prose", "yaml", "json"] as const;
export type ParseOutput = (typeof PARSE_OUTPUTS)[number];

/** What `scs flavor parse` prints for one name; `invalid` counts toward the exit status. */
export interface ParseLines {
  readonly stdout: string | null;
  readonly stderr: string | null;
  readonly invalid: boolean;
}

/** The reference CLI's lines for one name (spec §9.2), or our JSON line. */
export function renderParse(
  name: string,
  outcome: ParseOutcome,
  output: ParseOutput,
  verbose: boolean,
): ParseLines {
  if (output === "json") {
    const stderr =
      outcome.status === "valid" && outcome.tolerated
        ? `WARNING: Name is merely tolerated ${outcome.tolerated}: ${name}`
        : null;
    return { stdout: parseResultJson(name, outcome), stderr, invalid: outcome.status === "invalid" };
  }
  if (outcome.status === "invalid")
    return { stdout: `${outcome.error}: ${name}`, stderr: null, invalid: true };
  if (outcome.status === "not-scs")
    return { stdout: `NOT an SCS flavor: ${name}`, stderr: null, invalid: false };
  const stderr = outcome.tolerated ? `WARNING: Name is merely tolerated ${outcome.tolerated}: ${name}` : null;
  const f = outcome.flavor;
  switch (output) {
    case "none":
      return { stdout: verbose ? `OK: ${name}` : null, stderr, invalid: false };
    case "prose":
      return { stdout: verbose ? `${name}: ${describe(f)}` : describe(f), stderr, invalid: false };
    case "yaml": {
      const derived = deriveExtraSpecs([f]);
      if (!derived.ok) return { stdout: `${derived.error}: ${name}`, stderr, invalid: true };
      // click.echo adds a newline after the dump, hence the empty line after each document.
      return { stdout: `${extraSpecsYaml(derived.extraSpecs)}`, stderr, invalid: false };
    }
  }
}
