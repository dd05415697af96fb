import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ScsError } from "../../../src/errors.ts";

/** The two states of the sample cloud: with its deliberate defects, or repaired. */
export type Variant = "sample" | "fixed";

export interface FlavorSpec {
  readonly name: string;
  readonly vcpus: number;
  /** MiB */
  readonly ram: number;
  /** GB */
  readonly disk: number;
  readonly isPublic: boolean;
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export type Visibility = "public" | "private" | "community" | "shared";

export interface ImageSpec {
  readonly name: string;
  readonly visibility: Visibility;
  readonly hidden: boolean;
  /** GB */
  readonly minDisk: number;
  /** MiB */
  readonly minRam: number;
  readonly diskFormat: string;
  readonly containerFormat: string;
  /** Free-form Glance properties; values may be relative dates ("@today-7d"), see resolveDate. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface VolumeTypeSpec {
  readonly name: string;
  readonly description: string;
  readonly isPublic: boolean;
  readonly extraSpecs: Readonly<Record<string, string>>;
}

/** One object of the sample and its purpose. */
export interface Entry<T> {
  readonly sample: T | undefined;
  readonly fixed: T | undefined;
  readonly why: string;
  readonly exercises: readonly string[];
}

export interface Sample {
  readonly flavors: readonly Entry<FlavorSpec>[];
  readonly images: readonly Entry<ImageSpec>[];
  readonly volumeTypes: readonly Entry<VolumeTypeSpec>[];
}

export interface DesiredState {
  readonly flavors: readonly FlavorSpec[];
  readonly images: readonly ImageSpec[];
  readonly volumeTypes: readonly VolumeTypeSpec[];
}

export const DEFAULT_SAMPLE_PATH = fileURLToPath(new URL("../sample.yaml", import.meta.url));

type Raw = Record<string, unknown>;

/** Field readers that say where a value is wrong: `images[3] (Debian 12).min_disk`. */
class Reader {
  constructor(
    private readonly file: string,
    private readonly where: string,
    private readonly raw: Raw,
  ) {}

  fail(field: string, what: string): never {
    throw new ScsError(`${this.file}: ${this.where}.${field} ${what}`);
  }
  has(field: string): boolean {
    return this.raw[field] !== undefined;
  }
  string(field: string, fallback?: string): string {
    const v = this.raw[field] ?? fallback;
    if (typeof v !== "string" || v === "") this.fail(field, "must be a non-empty string");
    return v;
  }
  int(field: string, fallback?: number): number {
    const v = this.raw[field] ?? fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) this.fail(field, "must be an integer ≥ 0");
    return v;
  }
  bool(field: string, fallback: boolean): boolean {
    const v = this.raw[field] ?? fallback;
    if (typeof v !== "boolean") this.fail(field, "must be true or false");
    return v;
  }
  strings(field: string): string[] {
    const v = this.raw[field] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      this.fail(field, "must be a list of strings");
    return v as string[];
  }
  /** A mapping of strings; numbers and booleans are taken as their YAML text. */
  map(field: string): Record<string, string> {
    const v = this.raw[field] ?? {};
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(field, "must be a mapping");
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === "string") out[k] = x;
      else if (typeof x === "number" || typeof x === "boolean") out[k] = String(x);
      else this.fail(`${field}.${k}`, "must be a string");
    }
    return out;
  }
  only(known: readonly string[]): void {
    for (const k of Object.keys(this.raw)) {
      if (!known.includes(k)) this.fail(k, `is not a known field (known: ${known.join(", ")})`);
    }
  }
}

const ENTRY_FIELDS = ["name", "why", "exercises", "only", "fixed"];
const FLAVOR_FIELDS = ["vcpus", "ram", "disk", "is_public", "extra_specs"];
const IMAGE_FIELDS = [
  "visibility",
  "os_hidden",
  "min_disk",
  "min_ram",
  "disk_format",
  "container_format",
  "properties",
];
const VOLUME_TYPE_FIELDS = ["description", "is_public", "extra_specs"];
const VISIBILITIES: readonly Visibility[] = ["public", "private", "community", "shared"];

function flavor(r: Reader, name: string): FlavorSpec {
  return {
    name,
    vcpus: r.int("vcpus"),
    ram: r.int("ram"),
    disk: r.int("disk", 0),
    isPublic: r.bool("is_public", true),
    extraSpecs: r.map("extra_specs"),
  };
}

function image(r: Reader, name: string): ImageSpec {
  const visibility = r.string("visibility", "public") as Visibility;
  if (!VISIBILITIES.includes(visibility)) r.fail("visibility", `must be one of ${VISIBILITIES.join(", ")}`);
  const properties = r.map("properties");
  for (const [k, v] of Object.entries(properties)) {
    if (v.startsWith("@") && !RELATIVE_DATE.test(v))
      r.fail(`properties.${k}`, `"${v}" is not of the form @today-Nd`);
  }
  return {
    name,
    visibility,
    hidden: r.bool("os_hidden", false),
    minDisk: r.int("min_disk", 0),
    minRam: r.int("min_ram", 0),
    diskFormat: r.string("disk_format", "raw"),
    containerFormat: r.string("container_format", "bare"),
    properties,
  };
}

function volumeType(r: Reader, name: string): VolumeTypeSpec {
  return {
    name,
    description: r.string("description"),
    isPublic: r.bool("is_public", true),
    extraSpecs: r.map("extra_specs"),
  };
}

function entries<T>(
  file: string,
  kind: string,
  list: unknown,
  fields: string[],
  build: (r: Reader, name: string) => T,
): Entry<T>[] {
  if (!Array.isArray(list)) throw new ScsError(`${file}: ${kind} must be a list`);
  const seen = new Set<string>();
  return list.map((raw: unknown, i) => {
    if (typeof raw !== "object" || raw === null)
      throw new ScsError(`${file}: ${kind}[${i}] must be a mapping`);
    const obj = raw as Raw;
    const name = new Reader(file, `${kind}[${i}]`, obj).string("name");
    const r = new Reader(file, `${kind}[${i}] (${name})`, obj);
    r.only([...ENTRY_FIELDS, ...fields]);
    if (seen.has(name)) r.fail("name", "is used twice");
    seen.add(name);
    const only = obj["only"];
    if (only !== undefined && only !== "sample" && only !== "fixed")
      r.fail("only", "must be sample or fixed");
    const base = build(r, name);
    let fixed: T | undefined = base;
    if (obj["fixed"] !== undefined) {
      const overrides = obj["fixed"];
      if (typeof overrides !== "object" || overrides === null) r.fail("fixed", "must be a mapping of fields");
      const fr = new Reader(file, `${kind}[${i}] (${name}).fixed`, overrides as Raw);
      fr.only(fields);
      fixed = build(
        new Reader(file, `${kind}[${i}] (${name}) with fixed`, { ...obj, ...(overrides as Raw) }),
        name,
      );
    }
    const why = r.string("why");
    const exercises = r.strings("exercises");
    if (exercises.length === 0) r.fail("exercises", "must name at least one testcase id");
    return {
      sample: only === "fixed" ? undefined : base,
      fixed: only === "sample" ? undefined : fixed,
      why,
      exercises,
    };
  });
}

export function parseSample(text: string, file = "sample.yaml"): Sample {
  let doc: unknown;
  try {
    doc = parse(text, { merge: true });
  } catch (err) {
    throw new ScsError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`, { cause: err });
  }
  const d = (doc ?? {}) as Raw;
  return {
    flavors: entries(file, "flavors", d["flavors"], FLAVOR_FIELDS, flavor),
    images: entries(file, "images", d["images"], IMAGE_FIELDS, image),
    volumeTypes: entries(file, "volume_types", d["volume_types"], VOLUME_TYPE_FIELDS, volumeType),
  };
}

export function loadSample(path = DEFAULT_SAMPLE_PATH): Sample {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ScsError(`cannot read the sample file ${path}`, { cause: err });
  }
  return parseSample(text, path);
}

/** The objects of one variant. */
export function desiredState(sample: Sample, variant: Variant): DesiredState {
  const pick = <T>(list: readonly Entry<T>[]): T[] =>
    list.map((e) => e[variant]).filter((x): x is T => x !== undefined);
  return {
    flavors: pick(sample.flavors),
    images: pick(sample.images),
    volumeTypes: pick(sample.volumeTypes),
  };
}

/** Every name the sample uses in either variant: populate owns objects of these names. */
export function sampleNames(sample: Sample): {
  flavors: Set<string>;
  images: Set<string>;
  volumeTypes: Set<string>;
} {
  const names = <T extends { name: string }>(list: readonly Entry<T>[]) =>
    new Set(list.flatMap((e) => [e.sample?.name, e.fixed?.name]).filter((n): n is string => n !== undefined));
  return {
    flavors: names(sample.flavors),
    images: names(sample.images),
    volumeTypes: names(sample.volumeTypes),
  };
}

const RELATIVE_DATE = /^@today-(\d+)d$/;

/** "@today-7d" relative to `base` → "YYYY-MM-DD" (UTC); any other value unchanged. */
export function resolveDate(value: string, base: Date): string {
  const m = RELATIVE_DATE.exec(value);
  if (!m) return value;
  const d = new Date(base.getTime() - Number(m[1]) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function resolveProperties(
  props: Readonly<Record<string, string>>,
  base: Date,
): Record<string, string> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, resolveDate(v, base)]));
}
