/**
 * The shape of every answer the checks rely on, one schema per resource. An answer is checked
 * before any testcase sees it: a cloud must never be judged on garbage, so a wrong shape is a
 * {@link ShapeError} (the dependent testcases ABORT) instead of a flavor with 0 vCPUs or an
 * empty catalog that would read as "standard flavor missing". Only the fields we read are
 * checked; everything else a service adds passes.
 */
import * as v from "valibot";
import { CloudError } from "./errors.ts";

/** An answer of the wrong shape: names the service, the field and what came instead. */
export class ShapeError extends CloudError {
  override readonly name = "ShapeError";
  /** e.g. `flavors[3].vcpus`; "" for the answer as a whole. */
  readonly field: string;

  constructor(message: string, field: string) {
    super(message);
    this.field = field;
  }
}

const str = v.string();
const optStr = v.nullish(v.string());
const optBool = v.nullish(v.boolean());
const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const stringMap = v.record(v.string(), v.string());
// Neutron, Cinder and Nova ids are strings; a number is tolerated (some fakes and old APIs).
const id = v.union([v.string(), v.number()]);

export const FLAVOR = v.looseObject({
  id,
  name: str,
  vcpus: count,
  ram: count,
  disk: count,
  "OS-FLV-EXT-DATA:ephemeral": v.nullish(count),
  // "" for none before microversion 2.75
  swap: v.nullish(v.union([count, v.literal("")])),
  "os-flavor-access:is_public": optBool,
  "OS-FLV-DISABLED:disabled": optBool,
  description: optStr,
  extra_specs: v.nullish(stringMap),
});

export const EXTRA_SPECS = v.looseObject({ extra_specs: stringMap });

export const IMAGE = v.looseObject({
  id: str,
  name: optStr,
  visibility: str,
  status: optStr,
  os_hidden: optBool,
  protected: optBool,
  owner: optStr,
  created_at: optStr,
  updated_at: optStr,
  size: v.nullish(count),
  virtual_size: v.nullish(count),
  min_disk: v.nullish(count),
  min_ram: v.nullish(count),
  tags: v.nullish(v.array(v.string())),
});

export const VOLUME_TYPE = v.looseObject({
  id: str,
  name: str,
  description: optStr,
  is_public: optBool,
  "os-volume-type-access:is_public": optBool,
  extra_specs: v.nullish(v.record(v.string(), v.unknown())),
});

/** A volume or a backup: what the backup testcase waits on. */
export const VOLUME = v.looseObject({
  id: str,
  name: optStr,
  status: str,
  size: v.nullish(count),
  created_at: optStr,
});

const DIRECTION = v.picklist(["ingress", "egress"]);

export const SECURITY_GROUP_RULE = v.looseObject({
  id: str,
  direction: DIRECTION,
  ethertype: str,
  protocol: optStr,
  port_range_min: v.nullish(v.number()),
  port_range_max: v.nullish(v.number()),
  remote_ip_prefix: optStr,
  remote_group_id: optStr,
});

export const SECURITY_GROUP = v.looseObject({
  id: str,
  name: str,
  security_group_rules: v.nullish(v.array(SECURITY_GROUP_RULE)),
});

export const DEFAULT_SECURITY_GROUP_RULE = v.looseObject({
  id: str,
  direction: DIRECTION,
  ethertype: str,
  remote_ip_prefix: optStr,
  remote_group_id: optStr,
  used_in_default_sg: optBool,
  used_in_non_default_sg: optBool,
});

export const NETWORK = v.looseObject({
  id: str,
  name: v.nullish(v.string()),
  status: optStr,
  "router:external": optBool,
  shared: optBool,
  subnets: v.nullish(v.array(v.string())),
});

const ENDPOINT = v.looseObject({
  interface: str,
  url: str,
  region: optStr,
  region_id: optStr,
});

export const CATALOG_ENTRY = v.looseObject({
  type: str,
  name: optStr,
  endpoints: v.array(ENDPOINT),
});

const NAMED_REF = v.looseObject({ id: str, name: optStr });

/** Keystone's token body; `catalog` may be left out (unscoped tokens), never be anything else. */
export const TOKEN = v.looseObject({
  token: v.looseObject({
    expires_at: str,
    user: NAMED_REF,
    project: v.optional(NAMED_REF),
    roles: v.optional(v.array(v.looseObject({ name: str }))),
    catalog: v.optional(v.array(CATALOG_ENTRY)),
    methods: v.optional(v.array(v.string())),
  }),
});

/** The value when it has the shape of `schema`; otherwise a ShapeError saying what came instead. */
export function checkShape<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  where: { readonly service: string; readonly what: string; readonly root?: string },
): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = (issue.path ?? []).map((p) => p.key);
  const field = [where.root ?? "", ...path]
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 || k === "" ? String(k) : `.${String(k)}`))
    .join("")
    .replace(/^\./, "");
  // valibot names a missing key as the expected one; "is missing" says it better.
  const expected = issue.input === undefined ? "" : `, expected ${issue.expected ?? "something else"}`;
  throw new ShapeError(
    `the cloud answered something that is not ${where.what}: ${where.service} ${field || "answer"} is ${describe(issue.input)}${expected}`,
    field,
  );
}

/** A short, secret-free description of a value: its type, and a number or length. */
function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string") return `a string of ${value.length} characters`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return `an ${typeof value}`;
}

/** A list's items checked one by one, so that the message names the index. */
export function checkItems<S extends v.GenericSchema>(
  schema: S,
  items: readonly unknown[],
  where: { readonly service: string; readonly what: string; readonly key: string },
): v.InferOutput<S>[] {
  const out: v.InferOutput<S>[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(checkShape(schema, items[i], { ...where, root: `${where.key}[${i}]` }));
  }
  return out;
}
