/**
 * Building a flavor name from its parts (the `generate` questionnaire and flags). Every part is
 * checked on its own, with a message that lists the allowed values; the assembled name is then
 * parsed, so a generated name is valid by construction.
 */
import { parseSyntax } from "./parse.ts";
import {
  CPU_GEN_LABEL,
  CPU_PERF_LABEL,
  CPU_TYPE_LABEL,
  CPU_VENDOR_LABEL,
  DISK_TYPE_LABEL,
  GPU_BRAND_LABEL,
  GPU_GEN,
  GPU_PERF_LABEL,
  GPU_TYPE_LABEL,
  HYPERVISOR_LABEL,
  VRAM_PERF_LABEL,
} from "./tables.ts";
import type { FlavorName } from "./types.ts";

/** The parts of a name as a user gives them (text), before any check. */
export interface FlavorParts {
  cpus?: string;
  cputype?: string;
  cpuinsecure?: boolean;
  ram?: string;
  raminsecure?: boolean;
  ramoversubscribed?: boolean;
  nrdisks?: string;
  disksize?: string;
  disktype?: string;
  hype?: string;
  hwvirt?: boolean;
  cpuvendor?: string;
  cpugen?: string;
  cpuperf?: string;
  gputype?: string;
  gpubrand?: string;
  gpugen?: string;
  gpucu?: string;
  gpuperf?: string;
  gpuvram?: string;
  gpuvramperf?: string;
  ib?: boolean;
}

export type Built =
  | { readonly ok: true; readonly flavor: FlavorName }
  | { readonly ok: false; readonly error: string };

/** A value table as `key (label)` choices, for messages and prompts. */
export type Choices = Readonly<Record<string, string>>;

export const CHOICES = {
  cputype: CPU_TYPE_LABEL,
  disktype: DISK_TYPE_LABEL,
  hype: HYPERVISOR_LABEL,
  cpuvendor: CPU_VENDOR_LABEL,
  cpuperf: CPU_PERF_LABEL,
  gputype: GPU_TYPE_LABEL,
  gpubrand: GPU_BRAND_LABEL,
  gpuperf: GPU_PERF_LABEL,
  gpuvramperf: VRAM_PERF_LABEL,
} as const satisfies Record<string, Choices>;

export function cpuGenChoices(vendor: keyof typeof CPU_GEN_LABEL): Choices {
  return Object.fromEntries(CPU_GEN_LABEL[vendor].map((label, i) => [String(i), label]));
}

export function gpuGenChoices(brand: keyof typeof GPU_GEN): Choices {
  return Object.fromEntries(GPU_GEN[brand]);
}

export function listChoices(choices: Choices): string {
  return Object.entries(choices)
    .map(([k, label]) => `${k === "" ? "''" : k} (${label})`)
    .join(", ");
}

class PartError extends Error {}

function pick(what: string, value: string, choices: Choices): string {
  if (Object.hasOwn(choices, value)) return value;
  throw new PartError(`invalid ${what} '${value}'; allowed: ${listChoices(choices)}`);
}

function count(what: string, value: string): string {
  if (!/^[0-9]+$/.test(value) || /^0+$/.test(value))
    throw new PartError(`invalid ${what} '${value}'; must be a positive integer`);
  return value.replace(/^0+/, "");
}

function assemble(p: FlavorParts): string {
  if (p.cpus === undefined) throw new PartError("the number of CPUs is required (--cpus)");
  if (p.cputype === undefined)
    throw new PartError(`the CPU type is required (--cpu-type: ${listChoices(CPU_TYPE_LABEL)})`);
  if (p.ram === undefined) throw new PartError("the RAM in GiB is required (--ram)");
  const ram = Number(p.ram);
  if (
    !/^[0-9]*\.?[0-9]+$|^[0-9]+\.$/.test(p.ram) ||
    !(ram > 0) ||
    !Number.isInteger(2 * ram) ||
    !Number.isFinite(2 * ram)
  ) {
    throw new PartError(`invalid RAM '${p.ram}'; must be a positive multiple of 0.5 (GiB)`);
  }
  let name = `SCS-${count("number of CPUs", p.cpus)}${pick("CPU type", p.cputype, CPU_TYPE_LABEL)}`;
  name += `${p.cpuinsecure ? "i" : ""}-${p.ram}${p.raminsecure ? "u" : ""}${p.ramoversubscribed ? "o" : ""}`;
  if (p.nrdisks !== undefined || p.disksize !== undefined || p.disktype !== undefined) {
    const nr = p.nrdisks === undefined ? "" : count("number of disks", p.nrdisks);
    const size = p.disksize === undefined ? "" : count("disk size", p.disksize);
    name += `-${nr && nr !== "1" ? `${nr}x` : ""}${size}${pick("disk type", p.disktype ?? "", DISK_TYPE_LABEL)}`;
  }
  if (p.hype !== undefined) name += `_${pick("hypervisor", p.hype, HYPERVISOR_LABEL)}`;
  if (p.hwvirt) name += "_hwv";
  if (p.cpuvendor !== undefined) {
    const vendor = pick("CPU vendor", p.cpuvendor, CPU_VENDOR_LABEL) as keyof typeof CPU_GEN_LABEL;
    const gen =
      p.cpugen === undefined
        ? ""
        : pick(`generation for CPU vendor ${vendor}`, p.cpugen, cpuGenChoices(vendor));
    name += `_${vendor}${gen}${pick("CPU performance", p.cpuperf ?? "", CPU_PERF_LABEL)}`;
  } else if (p.cpugen !== undefined || p.cpuperf !== undefined) {
    throw new PartError(
      `a CPU generation or performance needs a CPU vendor (--cpu-vendor: ${listChoices(CPU_VENDOR_LABEL)})`,
    );
  }
  if (p.gputype !== undefined) {
    const type = pick("GPU type", p.gputype, GPU_TYPE_LABEL);
    if (p.gpubrand === undefined)
      throw new PartError(`a GPU needs a brand (--gpu-brand: ${listChoices(GPU_BRAND_LABEL)})`);
    const brand = pick("GPU brand", p.gpubrand, GPU_BRAND_LABEL) as keyof typeof GPU_GEN;
    const gen = pick(`GPU generation for brand ${brand}`, p.gpugen ?? "", gpuGenChoices(brand));
    const cu = p.gpucu === undefined ? "" : `-${count("number of GPU compute units", p.gpucu)}`;
    const vram = p.gpuvram === undefined ? "" : `-${count("GiB of VRAM", p.gpuvram)}`;
    const perf = pick("GPU frequency", p.gpuperf ?? "", GPU_PERF_LABEL);
    const bw = pick("VRAM bandwidth", p.gpuvramperf ?? "", VRAM_PERF_LABEL);
    name += `_${type}${brand}${gen}${cu}${perf}${vram}${bw}`;
  } else if (
    [p.gpubrand, p.gpugen, p.gpucu, p.gpuperf, p.gpuvram, p.gpuvramperf].some((v) => v !== undefined)
  ) {
    throw new PartError(`GPU details need a GPU type (--gpu-type: ${listChoices(GPU_TYPE_LABEL)})`);
  }
  if (p.ib) name += "_ib";
  return name;
}

/** Builds a flavor name from parts; never throws. */
export function buildFlavorName(parts: FlavorParts): Built {
  let name: string;
  try {
    name = assemble(parts);
  } catch (err) {
    if (err instanceof PartError) return { ok: false, error: err.message };
    throw err;
  }
  const r = parseSyntax(name, "v2");
  if (r.status !== "valid") return { ok: false, error: r.status === "invalid" ? r.error : "not an SCS name" };
  return { ok: true, flavor: r.flavor };
}

// Answer rules of the reference questionnaire (spec §9.2).

/** `?` questions: empty/OFF/0/N…/F… are false, 1/ON/Y…/T… true, case-insensitive. */
export function boolAnswer(answer: string): boolean | undefined {
  const a = answer.trim().toUpperCase();
  if (a === "" || a === "OFF" || a === "0" || a.startsWith("N") || a.startsWith("F")) return false;
  if (a === "1" || a === "ON" || a.startsWith("Y") || a.startsWith("T")) return true;
  return undefined;
}

/** Table answers match exactly, then upper-cased, then lower-cased. */
export function tableAnswer(answer: string, choices: Choices): string | undefined {
  for (const a of [answer, answer.toUpperCase(), answer.toLowerCase()])
    if (Object.hasOwn(choices, a)) return a;
  return undefined;
}

/** `#` questions need a canonical decimal integer (no leading zeros). */
export function intAnswer(answer: string): string | undefined {
  return /^(?:0|[1-9][0-9]*)$/.test(answer) ? answer : undefined;
}
