/**
 * The flavors a cloud should have: vCPUs, RAM, disk and every `scs:*` extra_spec derived from
 * an SCS name (scs-0100 §8.1), plus `hw_rng:allowed` (scs-0101). Pure.
 */
import {
  deriveExtraSpecs,
  extraSpecString,
  type FlavorName,
  parseFlavorName,
} from "../../standards/flavor-name/index.ts";
import { MANDATORY_FLAVORS, RECOMMENDED_FLAVORS } from "../../testcases/scs-0103.ts";

export interface DesiredFlavor {
  readonly name: string;
  /** Nova's flavor id; absent: Nova picks one. */
  readonly id?: string;
  readonly vcpus: number;
  /** MiB */
  readonly ram: number;
  /** GB; 0 = no root disk */
  readonly disk: number;
  readonly isPublic: boolean;
  readonly description?: string;
  /** What the flavor must carry; other keys it has are left alone. */
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export interface DesiredOptions {
  readonly id?: string;
  readonly isPublic?: boolean;
  readonly description?: string;
  /** Non-derived extra_specs the user wants on the flavor. */
  readonly extraSpecs?: Readonly<Record<string, string>>;
  /** Add `hw_rng:allowed: "True"` (scs-0101 asks every flavor for it). Default true. */
  readonly hwRng?: boolean;
}

export type Derived<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** Nova stores vCPUs, RAM and disk as 32-bit integers. */
const NOVA_INT_MAX = 2 ** 31 - 1;

export const HW_RNG_KEY = "hw_rng:allowed";

/** The `scs:*` extra_specs of one parsed name, as strings (the derivation's `cpus`/`ram`/`disk` dropped). */
export function scsExtraSpecs(flavor: FlavorName): Derived<Record<string, string>> {
  const derived = deriveExtraSpecs([flavor]);
  if (!derived.ok) return derived;
  const out: Record<string, string> = {};
  for (const [key, value] of derived.extraSpecs) {
    if (key.startsWith("scs:")) out[key] = extraSpecString(value);
  }
  return { ok: true, value: out };
}

/** The sizes a name promises: RAM in MiB, disk 0 for none; an error for what Nova cannot hold. */
export function promisedSizes(flavor: FlavorName): Derived<{ vcpus: number; ram: number; disk: number }> {
  if (flavor.disk && flavor.disk.disksize === null) {
    return { ok: false, error: "the disk part has no size, so no flavor can be made from it: give a size" };
  }
  const vcpus = flavor.cpuram.cpus;
  const ram = Math.ceil(flavor.cpuram.ram * 1024);
  const disk = flavor.disk?.disksize ?? 0n;
  if (vcpus > BigInt(NOVA_INT_MAX) || ram > NOVA_INT_MAX || disk > BigInt(NOVA_INT_MAX)) {
    return { ok: false, error: "vCPUs, RAM or disk are too large for Nova" };
  }
  return { ok: true, value: { vcpus: Number(vcpus), ram, disk: Number(disk) } };
}

/** The flavor an SCS name describes (v1, v2 or v3 syntax). */
export function desiredFlavor(name: string, options: DesiredOptions = {}): Derived<DesiredFlavor> {
  const parsed = parseFlavorName(name, "vN");
  if (parsed.status === "not-scs") return { ok: false, error: `${name} is not an SCS flavor name (SCS-…)` };
  if (parsed.status === "invalid")
    return { ok: false, error: `${name} is no valid SCS flavor name: ${parsed.error}` };
  const sizes = promisedSizes(parsed.flavor);
  if (!sizes.ok) return { ok: false, error: `${name}: ${sizes.error}` };
  const scs = scsExtraSpecs(parsed.flavor);
  if (!scs.ok) return { ok: false, error: `${name}: ${scs.error}` };
  const user = options.extraSpecs ?? {};
  for (const [key, value] of Object.entries(user)) {
    const derived = scs.value[key];
    if (derived !== undefined && derived !== value) {
      return { ok: false, error: `${name}: extra_spec ${key} is ${value}, but the name says ${derived}` };
    }
  }
  return {
    ok: true,
    value: {
      name,
      ...(options.id === undefined ? {} : { id: options.id }),
      ...sizes.value,
      isPublic: options.isPublic ?? true,
      ...(options.description === undefined ? {} : { description: options.description }),
      extraSpecs: {
        ...scs.value,
        ...(options.hwRng === false ? {} : { [HW_RNG_KEY]: "True" }),
        ...user,
      },
    },
  };
}

/** The scs-0103 standard flavors: mandatory, and with `recommended` the recommended ones too. */
export function standardFlavors(options: { recommended: boolean; hwRng?: boolean }): DesiredFlavor[] {
  const names = options.recommended ? [...MANDATORY_FLAVORS, ...RECOMMENDED_FLAVORS] : [...MANDATORY_FLAVORS];
  return names.map((name) => {
    const d = desiredFlavor(name, options.hwRng === undefined ? {} : { hwRng: options.hwRng });
    if (!d.ok) throw new Error(`built-in standard flavor ${name}: ${d.error}`);
    return d.value;
  });
}
