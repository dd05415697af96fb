/** scs-0103 standard flavors: each exists with exact vCPUs, RAM, disk and `scs:` extra_specs. */
import type { Flavor } from "../facts/model.ts";
import { deriveExtraSpecs, extraSpecString, parseFlavorName } from "../standards/flavor-name/index.ts";
import { defineTestcase, type IaasTestcase } from "./define.ts";

export const MANDATORY_FLAVORS = [
  "SCS-1V-4",
  "SCS-2V-8",
  "SCS-4V-16",
  "SCS-8V-32",
  "SCS-1V-2",
  "SCS-2V-4",
  "SCS-4V-8",
  "SCS-8V-16",
  "SCS-16V-32",
  "SCS-1V-8",
  "SCS-2V-16",
  "SCS-4V-32",
  "SCS-1L-1",
  "SCS-2V-4-20s",
  "SCS-4V-16-100s",
] as const;

export const RECOMMENDED_FLAVORS = [
  "SCS-1V-4-10",
  "SCS-2V-8-20",
  "SCS-4V-16-50",
  "SCS-8V-32-100",
  "SCS-1V-2-5",
  "SCS-2V-4-10",
  "SCS-4V-8-20",
  "SCS-8V-16-50",
  "SCS-16V-32-100",
  "SCS-1V-8-20",
  "SCS-2V-16-50",
  "SCS-4V-32-100",
  "SCS-1L-1-5",
  "SCS-16V-64",
  "SCS-8V-64",
  "SCS-16V-128",
] as const;

/** `SCS-2V-4-20s` → `scs-0103-flavor-2v-4-20s`. */
export const testcaseId = (name: string): string => `scs-0103-flavor-${name.slice(4).toLowerCase()}`;

/** Flavors by `scs:name-v2` (last wins), then by `SCS-` name where that key is still free. */
export function standardFlavorLookup<F extends Flavor>(flavors: readonly F[]): ReadonlyMap<string, F> {
  const lookup = new Map<string, F>();
  for (const flavor of flavors) {
    const v2 = flavor.extraSpecs["scs:name-v2"];
    if (v2 !== undefined) lookup.set(v2, flavor);
  }
  for (const flavor of flavors) {
    if (flavor.name.startsWith("SCS-") && !lookup.has(flavor.name)) lookup.set(flavor.name, flavor);
  }
  return lookup;
}

/** Python's repr of what is compared, so log lines read like the reference's. */
const repr = (value: string | number | bigint | undefined): string =>
  value === undefined ? "None" : typeof value === "string" ? `'${value}'` : String(value);

/** Every mismatch of the flavor against the canonical name's derivation, as `key: actual should be expected`. */
export function standardFlavorMismatches(canonical: string, flavor: Flavor): string[] {
  const parsed = parseFlavorName(canonical, "v3");
  if (parsed.status !== "valid") throw new Error(`built-in standard flavor ${canonical} does not parse`);
  const derived = deriveExtraSpecs([parsed.flavor]);
  if (!derived.ok) throw new Error(derived.error);
  const expected = derived.extraSpecs;
  const mismatches: string[] = [];
  const compare = (key: string, actual: number | string | undefined, want: number | string): void => {
    if (actual !== want) mismatches.push(`${key}: ${repr(actual)} should be ${repr(want)}`);
  };
  compare("cpus", flavor.vcpus, Number(expected.get("cpus")));
  compare("ram", flavor.ram, 1024 * Number(expected.get("ram")));
  compare("disk", flavor.disk, Number(expected.get("disk") ?? 0));
  for (const [key, value] of expected) {
    if (key.startsWith("scs:")) compare(key, flavor.extraSpecs[key], extraSpecString(value));
  }
  return mismatches;
}

function standardFlavorTestcase(canonical: string): IaasTestcase {
  return defineTestcase({
    id: testcaseId(canonical),
    needs: ["flavors"],
    async check(facts, log) {
      const flavor = standardFlavorLookup(await facts.get("flavors")).get(canonical);
      if (flavor === undefined) {
        log.error(`standard flavor missing: ${canonical}`);
        return false;
      }
      const mismatches = standardFlavorMismatches(canonical, flavor);
      if (mismatches.length === 0) return true;
      log.error(`flavor ${JSON.stringify(flavor.name)} (standard ${canonical}): ${mismatches.join("; ")}`);
      return false;
    },
  });
}

export const testcases: readonly IaasTestcase[] = [...MANDATORY_FLAVORS, ...RECOMMENDED_FLAVORS].map(
  standardFlavorTestcase,
);
