/** The `scs:*` extra_specs a flavor carries according to its name(s) (scs-0103, spec §8.1). */
import { formatV2, shortV2, v2ToV1 } from "./format.ts";
import {
  CPU_TYPE_EXTRA_SPEC,
  CPU_TYPE_RANK,
  DISK_TYPE_EXTRA_SPEC,
  DISK_TYPE_RANK,
  type DiskType,
} from "./tables.ts";
import type { FlavorName } from "./types.ts";

/** A derived value as the reference holds it: int, float (RAM in GiB), string or None. */
export type ExtraSpecValue = bigint | number | string | null;
/** Ordered: cpus, scs:cpu-type, ram, [disk, scs:diskN-type…], scs:name-vN… */
export type ExtraSpecs = ReadonlyMap<string, ExtraSpecValue>;

/** More disks than this cannot be meant; deriving a key per disk would only exhaust memory. */
export const MAX_DERIVED_DISKS = 1024n;

export type DerivedExtraSpecs =
  | { readonly ok: true; readonly extraSpecs: ExtraSpecs }
  | { readonly ok: false; readonly error: string };

/** Derives the extra_specs from one or several names of the same flavor. Never throws. */
export function deriveExtraSpecs(flavors: readonly [FlavorName, ...FlavorName[]]): DerivedExtraSpecs {
  const out = new Map<string, ExtraSpecValue>();
  let cpus = flavors[0].cpuram.cpus;
  let cputype = flavors[0].cpuram.cputype;
  let ram = flavors[0].cpuram.ram;
  for (const { cpuram } of flavors) {
    if (cpuram.cpus > cpus) cpus = cpuram.cpus;
    if (CPU_TYPE_RANK[cpuram.cputype] > CPU_TYPE_RANK[cputype]) cputype = cpuram.cputype;
    if (cpuram.ram > ram) ram = cpuram.ram;
  }
  out.set("cpus", cpus);
  out.set("scs:cpu-type", CPU_TYPE_EXTRA_SPEC[cputype]);
  out.set("ram", ram);

  const disks = flavors.flatMap((f) => (f.disk ? [f.disk] : []));
  if (disks.length > 0) {
    let size: bigint | null = null;
    let type: DiskType = "n";
    let count = 0n;
    for (const d of disks) {
      // An unspecified size (None) loses against any given size.
      if (d.disksize !== null && (size === null || d.disksize > size)) size = d.disksize;
      if (DISK_TYPE_RANK[d.disktype] > DISK_TYPE_RANK[type]) type = d.disktype;
      if (d.nrdisks > count) count = d.nrdisks;
    }
    if (count > MAX_DERIVED_DISKS) {
      return {
        ok: false,
        error: `cannot derive extra_specs for ${count} disks (at most ${MAX_DERIVED_DISKS})`,
      };
    }
    out.set("disk", size);
    for (let i = 0n; i < count; i++) out.set(`scs:disk${i}-type`, DISK_TYPE_EXTRA_SPEC[type]);
  }

  if (flavors.length === 1) {
    // One name: its v1 and v2 forms have equal length, the short forms are shorter or equal.
    const f = flavors[0];
    const v2 = formatV2(f);
    const short = shortV2(f);
    out.set("scs:name-v1", v2ToV1(v2));
    out.set("scs:name-v2", v2);
    if (short !== v2) {
      out.set("scs:name-v3", v2ToV1(short));
      out.set("scs:name-v4", short);
    }
    return { ok: true, extraSpecs: out };
  }
  const names: { name: string; tag: "v1" | "v2" }[] = [];
  const seen = new Set<string>();
  for (const f of flavors) {
    const v2 = formatV2(f);
    const short = shortV2(f);
    for (const [name, tag] of [
      [v2ToV1(v2), "v1"],
      [v2, "v2"],
      [v2ToV1(short), "v1"],
      [short, "v2"],
    ] as const) {
      const key = `${tag} ${name}`;
      if (!seen.has(key)) {
        seen.add(key);
        names.push({ name, tag });
      }
    }
  }
  // Longest first, v1 before v2 at equal length; Array.prototype.sort is stable, like Python's.
  names.sort((a, b) => b.name.length - a.name.length || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  names.forEach(({ name }, i) => {
    out.set(`scs:name-v${i + 1}`, name);
  });
  return { ok: true, extraSpecs: out };
}

/** The value as a string, the way it is stored in a flavor's extra_specs. */
export function extraSpecString(value: ExtraSpecValue): string {
  return value === null ? "None" : typeof value === "number" ? String(value) : value.toString();
}
