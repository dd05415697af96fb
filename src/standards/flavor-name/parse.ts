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

/** A failed match with the reference's message; returned, never thrown (this is the hot path). */
export class NameError {
  constructor(
    readonly message: string,
    readonly overflow = false,
  ) {}
}

const MAIN_PART = new NameError("Failed to parse main part");

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

// Small integers are by far the most common: share their BigInts instead of parsing each time.
const SMALL_INTS: readonly bigint[] = Array.from({ length: 1025 }, (_, i) => BigInt(i));

/** The decimal digits s[from, to) as an exact integer. */
function toInt(s: string, from: number, to: number): bigint {
  if (to - from > 15) return BigInt(s.slice(from, to));
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (s.charCodeAt(i) - ZERO);
  return v <= 1024 ? SMALL_INTS[v]! : BigInt(v);
}

/** An optional positive integer at s[from, to); empty = null. */
function positive(attr: string, s: string, from: number, to: number): bigint | null | NameError {
  if (from === to) return null;
  const v = toInt(s, from, to);
  return v > 0n ? v : new NameError(`${attr} can not be set to ${v}; must be positive integer`);
}

/** A run of n letters h as a table value, or the reference's error for a longer run. */
function hRun<T extends string>(attr: string, n: number, allowed: readonly T[]): T | NameError {
  return n < allowed.length
    ? allowed[n]!
    : new NameError(
        `${attr} can not be set to ${reprStr("h".repeat(n))}; must be one of ${reprTuple(allowed)}`,
      );
}

/** Python's float() on s[from, to) (digits and dots only), then the multiple-of-0.5 rule. */
function toRam(s: string, from: number, to: number): number | NameError {
  let ram = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === DOT) dots++;
    else ram = ram * 10 + (c - ZERO);
  }
  if (dots > 0 || to - from > 15) {
    const text = s.slice(from, to);
    if (dots > 1 || to - from === dots)
      return new NameError(`could not convert string to float: ${reprStr(text)}`);
    ram = Number(text);
  } else if (from === to) {
    return new NameError("could not convert string to float: ''");
  }
  const twice = 2 * ram;
  // The reference computes int(2 * ram), which raises OverflowError on infinity.
  if (twice === Number.POSITIVE_INFINITY)
    return new NameError("cannot convert float infinity to integer", true);
  if (!(ram > 0) || !Number.isInteger(twice)) {
    return new NameError(`ram can not be set to ${reprFloat(ram)}; must be positive multiple of 0.5`);
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

/** The three-letter hypervisor at p, if the syntax knows it; no substring is allocated. */
function hypervisorAt(s: string, p: number, rules: Rules): Hypervisor | null {
  const a = s.charCodeAt(p);
  const b = s.charCodeAt(p + 1);
  const c = s.charCodeAt(p + 2);
  let h: Hypervisor | null = null;
  if (a === 107 && b === 118 && c === 109) h = "kvm";
  else if (a === 120 && b === 101 && c === 110) h = "xen";
  else if (a === 118 && b === 109 && c === 119) h = "vmw";
  else if (a === 104 && b === 121 && c === 118) h = "hyv";
  else if (a === 98 && b === 109 && c === 115) h = "bms";
  else if (a === 99 && b === 104 && c === 121) h = "chy";
  return h !== null && rules.hypervisors.has(h) ? h : null;
}

const GPU_GEN_KEYS: Readonly<Record<GpuBrand, string>> = {
  N: reprTuple([...GPU_GEN.N.keys()]),
  A: reprTuple([...GPU_GEN.A.keys()]),
  I: reprTuple([...GPU_GEN.I.keys()]),
};

function parseName(s: string, rules: Rules): FlavorName | NameError {
  const n = s.length;
  const { main, ext } = rules;

  // cpuram: D* [LVTC] i? SEP [0-9.]* u? o?
  let p = skipDigits(s, 4);
  const cpusEnd = p;
  const cputype = CPU_TYPE_OF[s.charCodeAt(p)];
  if (cputype === undefined) return MAIN_PART;
  p++;
  let cpuinsecure = false;
  if (s.charCodeAt(p) === CH_i && s.charCodeAt(p + 1) === main) {
    cpuinsecure = true;
    p++;
  }
  if (s.charCodeAt(p) !== main) return MAIN_PART;
  const ramStart = ++p;
  for (let c = s.charCodeAt(p); isDigit(c) || c === DOT; c = s.charCodeAt(++p)) {
    // scan [0-9.]*
  }
  const ramEnd = p;
  const raminsecure = s.charCodeAt(p) === CH_u;
  if (raminsecure) p++;
  const ramoversubscribed = s.charCodeAt(p) === CH_o;
  if (ramoversubscribed) p++;
  const cpus = positive("cpus", s, 4, cpusEnd);
  if (cpus === null) return new NameError("cpus can not be set to None; must be positive integer");
  if (cpus instanceof NameError) return cpus;
  const ram = toRam(s, ramStart, ramEnd);
  if (ram instanceof NameError) return ram;
  const cpuram: CpuRam = { cpus, cputype, cpuinsecure, ram, raminsecure, ramoversubscribed };

  // disk: SEP (D* x)? D* [nhsp]?
  let disk: Disk | null = null;
  if (s.charCodeAt(p) === main) {
    const a = p + 1;
    let q = skipDigits(s, a);
    let nrdisks: bigint | null | NameError = null;
    let sizeStart = a;
    if (s.charCodeAt(q) === CH_x) {
      nrdisks = positive("nrdisks", s, a, q);
      if (nrdisks instanceof NameError) return nrdisks;
      sizeStart = q + 1;
      q = skipDigits(s, sizeStart);
    }
    const disksize = positive("disksize", s, sizeStart, q);
    if (disksize instanceof NameError) return disksize;
    const disktype = DISK_TYPE_OF[s.charCodeAt(q)] ?? "";
    if (disktype !== "") q++;
    p = q;
    disk = { nrdisks: nrdisks ?? SMALL_INTS[1]!, disksize, disktype };
  }

  // hype: EXT (kvm|xen|vmw|hyv|bms|chy)
  let hype: Hypervisor | null = null;
  if (s.charCodeAt(p) === ext) {
    hype = hypervisorAt(s, p + 1, rules);
    if (hype !== null) p += 4;
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
        let cpugen: number | null = null;
        if (genEnd > p + 2) {
          const gen = toInt(s, p + 2, genEnd);
          if (gen >= BigInt(CPU_GEN_LABEL[cpuvendor].length)) {
            return new NameError(
              `cpugen can not be set to ${gen}; must be one of ${CPU_GEN_KEYS[cpuvendor]}`,
            );
          }
          cpugen = Number(gen);
        }
        const perf = hRun<CpuPerf>("perf", perfEnd - genEnd, CPU_PERFS);
        if (perf instanceof NameError) return perf;
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
      for (let c = s.charCodeAt(q); q < n && c !== main && c !== CH_h; c = s.charCodeAt(++q)) {
        // the generation swallows everything up to SEP or h, `_` included (a reference quirk)
      }
      const gen = s.slice(p + 3, q);
      let cuStart = q;
      if (s.charCodeAt(q) === main && isDigit(s.charCodeAt(q + 1))) {
        cuStart = q + 1;
        q = skipDigits(s, cuStart);
      }
      const cuEnd = q;
      const perfEnd = skipH(s, q);
      let vramStart = perfEnd;
      q = perfEnd;
      if (s.charCodeAt(q) === main && isDigit(s.charCodeAt(q + 1))) {
        vramStart = q + 1;
        q = skipDigits(s, vramStart);
      }
      const vramEnd = q;
      const vramperfEnd = skipH(s, q);
      if (!GPU_GEN[brand].has(gen)) {
        return new NameError(`gen can not be set to ${reprStr(gen)}; must be one of ${GPU_GEN_KEYS[brand]}`);
      }
      const cu = positive("cu", s, cuStart, cuEnd);
      if (cu instanceof NameError) return cu;
      const perf = hRun<GpuPerf>("perf", perfEnd - cuEnd, GPU_PERFS);
      if (perf instanceof NameError) return perf;
      const vram = positive("vram", s, vramStart, vramEnd);
      if (vram instanceof NameError) return vram;
      const vramperf = hRun<VramPerf>("vramperf", vramperfEnd - vramEnd, VRAM_PERFS);
      if (vramperf instanceof NameError) return vramperf;
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

  if (p < n) return new NameError(`Extra characters: ${s.slice(p)}`);
  return { cpuram, disk, hype, hwvirt, cpubrand, gpu, ib };
}

/**
 * The parse of a name that starts with `SCS-`, in one syntax: the flavor or the error.
 * For callers on the hot path; everyone else uses `parseSyntax`.
 */
export function parseScsName(name: string, syntax: Syntax): FlavorName | NameError {
  return parseName(name, RULES[syntax]);
}

/** Parses `name` with one syntax (v3 names use the v2 syntax). Never throws. */
export function parseSyntax(name: string, syntax: Syntax): SyntaxResult {
  if (!name.startsWith("SCS-")) return NOT_SCS;
  const r = parseName(name, RULES[syntax]);
  return r instanceof NameError
    ? { status: "invalid", error: r.message, overflow: r.overflow }
    : { status: "valid", flavor: r };
}
