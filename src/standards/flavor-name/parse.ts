/**
 * The scs-0100 grammar as the reference parser applies it: one anchored, greedy match per
 * component, left to right, never backtracking between components; conversions and checks run
 * in capture order and the first failure wins with the reference's exact message (spec §1-§4).
 * Hand-written over char codes: this is the hot path of every check and of `scs flavor parse`.
 */
import { reprFloat, reprStr, reprTuple } from "./python.ts";
import {
  CPU_GEN_LABEL,
  CPU_PERFS,
  type CpuPerf,
  type CpuType,
  type CpuVendor,
  type DiskType,
  GPU_GEN,
  GPU_PERFS,
  type GpuBrand,
  type GpuPerf,
  type GpuType,
  HYPERVISORS,
  HYPERVISORS_V1,
  type Hypervisor,
  VRAM_PERFS,
  type VramPerf,
} from "./tables.ts";
import type { CpuBrand, CpuRam, Disk, FlavorName, Gpu, Syntax, SyntaxResult } from "./types.ts";

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const NEWLINE = 10;
const CH_x = 120;
const CH_i = 105;
const CH_u = 117;
const CH_o = 111;
const CH_h = 104;

interface Rules {
  /** Separator of the main part and of GPU numbers: `-` in v2, `:` in v1. */
  readonly main: number;
  /** Start of every extension: `_` in v2, `-` in v1. */
  readonly ext: number;
  readonly hypervisors: ReadonlySet<string>;
}

const RULES: Readonly<Record<Syntax, Rules>> = {
  v2: { main: 45, ext: 95, hypervisors: new Set<string>(HYPERVISORS) },
  v1: { main: 58, ext: 45, hypervisors: new Set<string>(HYPERVISORS_V1) },
};

const NOT_SCS: SyntaxResult = Object.freeze({ status: "not-scs" });

class NameError {
  constructor(
    readonly message: string,
    readonly overflow = false,
  ) {}
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function skipDigits(s: string, p: number): number {
  while (isDigit(s.charCodeAt(p))) p++;
  return p;
}

function skipH(s: string, p: number): number {
  while (s.charCodeAt(p) === CH_h) p++;
  return p;
}

/** Decimal digits to an exact integer; small values avoid BigInt's string parser. */
function toInt(digits: string): bigint {
  return digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
}

function positive(attr: string, digits: string | null): bigint | null {
  if (digits === null || digits === "") return null;
  const v = toInt(digits);
  if (v <= 0n) throw new NameError(`${attr} can not be set to ${v}; must be positive integer`);
  return v;
}

function choice<T extends string>(attr: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new NameError(`${attr} can not be set to ${reprStr(value)}; must be one of ${reprTuple(allowed)}`);
}

/** Python's float() on a text of digits and dots; then the multiple-of-0.5 rule. */
function toRam(text: string): number {
  const dot = text.indexOf(".");
  const valid = text.length > 0 && text !== "." && (dot < 0 || text.indexOf(".", dot + 1) < 0);
  if (!valid) throw new NameError(`could not convert string to float: ${reprStr(text)}`);
  const ram = Number(text);
  const twice = 2 * ram;
  // The reference computes int(2 * ram), which raises OverflowError on infinity.
  if (twice === Number.POSITIVE_INFINITY)
    throw new NameError("cannot convert float infinity to integer", true);
  if (!(ram > 0) || !Number.isInteger(twice)) {
    throw new NameError(`ram can not be set to ${reprFloat(ram)}; must be positive multiple of 0.5`);
  }
  return ram;
}

const CPU_TYPE_OF: Readonly<Record<number, CpuType>> = { 76: "L", 86: "V", 84: "T", 67: "C" };
const DISK_TYPE_OF: Readonly<Record<number, DiskType>> = { 110: "n", 104: "h", 115: "s", 112: "p" };
const VENDOR_OF: Readonly<Record<number, CpuVendor>> = { 105: "i", 122: "z", 97: "a", 114: "r" };
const GPU_TYPE_OF: Readonly<Record<number, GpuType>> = { 103: "g", 71: "G" };
const BRAND_OF: Readonly<Record<number, GpuBrand>> = { 78: "N", 65: "A", 73: "I" };

const CPU_GEN_KEYS: Readonly<Record<CpuVendor, string>> = {
  i: reprTuple([null, ...CPU_GEN_LABEL.i.map((_, i) => BigInt(i))]),
  z: reprTuple([null, ...CPU_GEN_LABEL.z.map((_, i) => BigInt(i))]),
  a: reprTuple([null, ...CPU_GEN_LABEL.a.map((_, i) => BigInt(i))]),
  r: reprTuple([null, ...CPU_GEN_LABEL.r.map((_, i) => BigInt(i))]),
};

function parseOrThrow(s: string, rules: Rules): FlavorName {
  const n = s.length;
  const { main, ext } = rules;

  // cpuram: D* [LVTC] i? SEP [0-9.]* u? o?
  let p = skipDigits(s, 4);
  const cpusText = s.slice(4, p);
  const cputype = CPU_TYPE_OF[s.charCodeAt(p)];
  if (cputype === undefined) throw new NameError("Failed to parse main part");
  p++;
  let cpuinsecure = false;
  if (s.charCodeAt(p) === CH_i && s.charCodeAt(p + 1) === main) {
    cpuinsecure = true;
    p++;
  }
  if (s.charCodeAt(p) !== main) throw new NameError("Failed to parse main part");
  const ramStart = ++p;
  for (let c = s.charCodeAt(p); isDigit(c) || c === DOT; c = s.charCodeAt(++p));
  const ramText = s.slice(ramStart, p);
  const raminsecure = s.charCodeAt(p) === CH_u;
  if (raminsecure) p++;
  const ramoversubscribed = s.charCodeAt(p) === CH_o;
  if (ramoversubscribed) p++;
  const cpus = positive("cpus", cpusText);
  if (cpus === null) throw new NameError("cpus can not be set to None; must be positive integer");
  const cpuram: CpuRam = { cpus, cputype, cpuinsecure, ram: toRam(ramText), raminsecure, ramoversubscribed };

  // disk: SEP (D* x)? D* [nhsp]?
  let disk: Disk | null = null;
  if (s.charCodeAt(p) === main) {
    const a = p + 1;
    let q = skipDigits(s, a);
    let nrText: string | null = null;
    let sizeStart = a;
    if (s.charCodeAt(q) === CH_x) {
      nrText = s.slice(a, q);
      sizeStart = q + 1;
      q = skipDigits(s, sizeStart);
    }
    const sizeText = s.slice(sizeStart, q);
    const disktype = DISK_TYPE_OF[s.charCodeAt(q)] ?? "";
    if (disktype !== "") q++;
    p = q;
    const nrdisks = positive("nrdisks", nrText) ?? 1n;
    disk = { nrdisks, disksize: positive("disksize", sizeText), disktype };
  }

  // hype: EXT (kvm|xen|vmw|hyv|bms|chy)
  let hype: Hypervisor | null = null;
  if (s.charCodeAt(p) === ext) {
    const word = s.slice(p + 1, p + 4);
    if (rules.hypervisors.has(word)) {
      hype = word as Hypervisor;
      p += 4;
    }
  }

  // hwvirt: EXT hwv
  let hwvirt = false;
  if (s.charCodeAt(p) === ext && s.startsWith("hwv", p + 1)) {
    hwvirt = true;
    p += 4;
  }

  // cpubrand: EXT [izar] D* h*, followed by the end, a single final newline, or EXT (not consumed)
  let cpubrand: CpuBrand | null = null;
  if (s.charCodeAt(p) === ext) {
    const cpuvendor = VENDOR_OF[s.charCodeAt(p + 1)];
    if (cpuvendor !== undefined) {
      const genEnd = skipDigits(s, p + 2);
      const perfEnd = skipH(s, genEnd);
      const next = s.charCodeAt(perfEnd);
      if (perfEnd === n || (perfEnd === n - 1 && next === NEWLINE) || next === ext) {
        const genText = s.slice(p + 2, genEnd);
        let cpugen: number | null = null;
        if (genText !== "") {
          const gen = toInt(genText);
          if (gen >= BigInt(CPU_GEN_LABEL[cpuvendor].length)) {
            throw new NameError(`cpugen can not be set to ${gen}; must be one of ${CPU_GEN_KEYS[cpuvendor]}`);
          }
          cpugen = Number(gen);
        }
        const perf = choice<CpuPerf>("perf", s.slice(genEnd, perfEnd), CPU_PERFS);
        cpubrand = { cpuvendor, cpugen, perf };
        p = perfEnd;
      }
    }
  }

  // gpu: EXT [gG] [NAI] [^SEP h]* (SEP D+)? h* (SEP D+)? h*
  let gpu: Gpu | null = null;
  if (s.charCodeAt(p) === ext) {
    const gputype = GPU_TYPE_OF[s.charCodeAt(p + 1)];
    const brand = BRAND_OF[s.charCodeAt(p + 2)];
    if (gputype !== undefined && brand !== undefined) {
      let q = p + 3;
      for (let c = s.charCodeAt(q); q < n && c !== main && c !== CH_h; c = s.charCodeAt(++q));
      const gen = s.slice(p + 3, q);
      let cuText: string | null = null;
      if (s.charCodeAt(q) === main && isDigit(s.charCodeAt(q + 1))) {
        const e = skipDigits(s, q + 1);
        cuText = s.slice(q + 1, e);
        q = e;
      }
      const perfEnd = skipH(s, q);
      const perfText = s.slice(q, perfEnd);
      q = perfEnd;
      let vramText: string | null = null;
      if (s.charCodeAt(q) === main && isDigit(s.charCodeAt(q + 1))) {
        const e = skipDigits(s, q + 1);
        vramText = s.slice(q + 1, e);
        q = e;
      }
      const vramperfEnd = skipH(s, q);
      const vramperfText = s.slice(q, vramperfEnd);
      const gens = GPU_GEN[brand];
      if (!gens.has(gen))
        throw new NameError(
          `gen can not be set to ${reprStr(gen)}; must be one of ${reprTuple([...gens.keys()])}`,
        );
      const cu = positive("cu", cuText);
      const perf = choice<GpuPerf>("perf", perfText, GPU_PERFS);
      const vram = positive("vram", vramText);
      const vramperf = choice<VramPerf>("vramperf", vramperfText, VRAM_PERFS);
      gpu = { gputype, brand, gen, cu, perf, vram, vramperf };
      p = vramperfEnd;
    }
  }

  // ib: EXT ib
  let ib = false;
  if (s.charCodeAt(p) === ext && s.startsWith("ib", p + 1)) {
    ib = true;
    p += 3;
  }

  if (p < n) throw new NameError(`Extra characters: ${s.slice(p)}`);
  return { cpuram, disk, hype, hwvirt, cpubrand, gpu, ib };
}

/** Parses `name` with one syntax (v3 names use the v2 syntax). Never throws. */
export function parseSyntax(name: string, syntax: Syntax): SyntaxResult {
  if (!name.startsWith("SCS-")) return NOT_SCS;
  try {
    return { status: "valid", flavor: parseOrThrow(name, RULES[syntax]) };
  } catch (err) {
    if (err instanceof NameError) return { status: "invalid", error: err.message, overflow: err.overflow };
    // Anything else (e.g. a RangeError on a pathological input) is reported, never thrown.
    return { status: "invalid", error: `internal error: ${String(err)}`, overflow: true };
  }
}
