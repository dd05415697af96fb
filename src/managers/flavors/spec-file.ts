/**
 * A flavor spec file: the flavors a cloud should have, by SCS name. Either our own form
 *
 *   flavors:
 *     - SCS-2V-4
 *     - { name: SCS-4V-16-100s, id: "4-16-100s", public: true, extra_specs: { "hw:cpu_policy": shared } }
 *
 * or the scs-0103 `SCS-Spec.MandatoryFlavors.verbose.yaml` form (`mandatory:` / `recommended:`
 * lists whose cpus, ram, disk and `scs:` keys must agree with the names). Every problem is
 * returned with its line. Pure.
 */
import { isScalar } from "yaml";
import type { Parsed } from "../../standards/scope/index.ts";
import { type Yaml, YamlReader } from "../../standards/scope/yaml-reader.ts";
import { type DesiredFlavor, desiredFlavor } from "./desired.ts";

const LISTS = ["flavors", "mandatory", "recommended"] as const;
const TOP_KEYS = [...LISTS, "reference"];
const ENTRY_KEYS = ["name", "id", "public", "description", "extra_specs", "cpus", "ram", "disk", "disabled"];

/** Parses a flavor spec file; `hwRng` adds `hw_rng:allowed` to every flavor (default true). */
export function parseFlavorSpec(text: string, options: { hwRng?: boolean } = {}): Parsed<DesiredFlavor[]> {
  const r = new YamlReader(text);
  if (!r.ok) return { ok: false, issues: r.sorted() };
  const top = r.mapping(r.root, "", "the flavor spec", { allowed: TOP_KEYS });
  if (!top) return { ok: false, issues: r.sorted() };
  if (!LISTS.some((k) => top.has(k))) r.report(r.root, "", "the flavor spec has no `flavors:` list");
  const out: DesiredFlavor[] = [];
  const seen = new Map<string, number>();
  for (const list of LISTS) {
    const entry = top.get(list);
    if (!entry) continue;
    const items = r.sequence(entry.value, list, list) ?? [];
    items.forEach((node, i) => {
      const flavor = readEntry(r, node, `${list}[${i}]`, options.hwRng);
      if (!flavor) return;
      if (seen.has(flavor.name)) {
        r.report(node, `${list}[${i}]`, `${flavor.name} is listed twice`);
        return;
      }
      seen.set(flavor.name, out.length);
      out.push(flavor);
    });
  }
  if (!r.ok) return { ok: false, issues: r.sorted() };
  return { ok: true, value: out };
}

function readEntry(
  r: YamlReader,
  node: Yaml,
  path: string,
  hwRng: boolean | undefined,
): DesiredFlavor | undefined {
  if (isScalar(node)) {
    const name = r.text(node, path, "a flavor name");
    if (name === undefined) return undefined;
    return derive(r, node, path, name, { ...(hwRng === undefined ? {} : { hwRng }) });
  }
  const entries = r.mapping(node, path, "a flavor");
  if (!entries) return undefined;
  const unknown = [...entries.keys()].filter((k) => !ENTRY_KEYS.includes(k) && !k.startsWith("scs:"));
  if (unknown.length > 0) {
    r.report(
      entries.get(unknown[0]!)!.key,
      path,
      `a flavor uses unknown keys: ${unknown.join(",")} (allowed: ${ENTRY_KEYS.join(", ")}, scs:…)`,
    );
    return undefined;
  }
  const nameNode = entries.get("name");
  if (!nameNode) {
    r.report(node, path, "a flavor needs a name");
    return undefined;
  }
  const name = r.text(nameNode.value, `${path}.name`, "name");
  const id = r.optionalText(entries, "id", path, "id");
  const description = r.optionalText(entries, "description", path, "description");
  const isPublic = boolean(r, entries.get("public")?.value, `${path}.public`);
  const extraSpecs = stringMap(r, entries.get("extra_specs")?.value, `${path}.extra_specs`);
  if (name === undefined) return undefined;
  const flavor = derive(r, nameNode.value, path, name, {
    ...(id === undefined ? {} : { id }),
    ...(description === undefined ? {} : { description }),
    ...(isPublic === undefined ? {} : { isPublic }),
    ...(extraSpecs === undefined ? {} : { extraSpecs }),
    ...(hwRng === undefined ? {} : { hwRng }),
  });
  if (!flavor) return undefined;
  // The verbose reference form repeats what the name says: it must agree.
  const given: [string, string | number][] = [
    ["cpus", flavor.vcpus],
    ["ram", flavor.ram],
    ["disk", flavor.disk],
    ...Object.entries(flavor.extraSpecs).filter(([k]) => k.startsWith("scs:")),
  ];
  for (const [key, expected] of given) {
    const entry = entries.get(key);
    if (!entry || entry.value === null || entry.value === undefined) continue;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (value !== expected) {
      r.report(
        entry.value,
        `${path}.${key}`,
        `${key} is ${JSON.stringify(value ?? null)}, but ${name} means ${JSON.stringify(expected)}`,
      );
      return undefined;
    }
  }
  for (const key of entries.keys()) {
    if (key.startsWith("scs:") && !(key in flavor.extraSpecs)) {
      r.report(entries.get(key)!.key, `${path}.${key}`, `${key} does not follow from ${name}`);
      return undefined;
    }
  }
  return flavor;
}

function derive(
  r: YamlReader,
  node: Yaml,
  path: string,
  name: string,
  options: Parameters<typeof desiredFlavor>[1],
): DesiredFlavor | undefined {
  const d = desiredFlavor(name, options);
  if (d.ok) return d.value;
  r.report(node, path, d.error);
  return undefined;
}

function boolean(r: YamlReader, node: Yaml, path: string): boolean | undefined {
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === "boolean") return node.value;
  r.report(node, path, "must be true or false");
  return undefined;
}

function stringMap(r: YamlReader, node: Yaml, path: string): Record<string, string> | undefined {
  if (node === undefined) return undefined;
  const entries = r.mapping(node, path, "extra_specs");
  if (!entries) return undefined;
  const out: Record<string, string> = {};
  for (const [key, { value }] of entries) {
    if (isScalar(value) && ["string", "number", "boolean"].includes(typeof value.value)) {
      // Nova stores every value as a string; YAML's true is Nova's "True".
      out[key] = typeof value.value === "boolean" ? (value.value ? "True" : "False") : String(value.value);
    } else r.report(value, `${path}.${key}`, "must be a string");
  }
  return out;
}
