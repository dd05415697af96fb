/** Canonical and shortened names (spec §6) and the textual v1 <-> v2 conversion (spec §4.1). */
import type { CpuBrand, FlavorName, Gpu } from "./types.ts";

/** Python's `%.0f` / `%.1f` of a RAM value that is a multiple of 0.5. */
function formatRam(ram: number): string {
  if (Number.isInteger(ram)) return ram < 1e21 ? ram.toFixed(0) : BigInt(ram).toString();
  return ram.toFixed(1);
}

function formatCpuBrand(b: CpuBrand): string {
  return `_${b.cpuvendor}${b.cpugen ? b.cpugen : ""}${b.perf}`;
}

function formatGpu(g: Gpu, withPerf: boolean): string {
  const cu = g.cu === null ? "" : `-${g.cu}`;
  const vram = g.vram === null ? "" : `-${g.vram}`;
  return withPerf
    ? `_${g.gputype}${g.brand}${g.gen}${cu}${g.perf}${vram}${g.vramperf}`
    : `_${g.gputype}${g.brand}${g.gen}${cu}${vram}`;
}

function format(f: FlavorName, short: boolean): string {
  const c = f.cpuram;
  let s = `SCS-${c.cpus}${c.cputype}${c.cpuinsecure ? "i" : ""}-${formatRam(c.ram)}`;
  if (c.raminsecure) s += "u";
  if (c.ramoversubscribed) s += "o";
  if (f.disk) {
    const d = f.disk;
    s += `-${d.nrdisks !== 1n ? `${d.nrdisks}x` : ""}${d.disksize ? d.disksize : ""}${d.disktype}`;
  }
  if (!short) {
    if (f.hype) s += `_${f.hype}`;
    if (f.hwvirt) s += "_hwv";
    if (f.cpubrand) s += formatCpuBrand(f.cpubrand);
  } else if (f.cpubrand && (f.cpubrand.cpuvendor === "a" || f.cpubrand.cpuvendor === "r")) {
    // Vendors other than Intel and AMD keep their letter: the architecture matters.
    s += `_${f.cpubrand.cpuvendor}`;
  }
  if (f.gpu) s += formatGpu(f.gpu, !short);
  if (f.ib) s += "_ib";
  return s;
}

/** The canonical v2 name. */
export function formatV2(f: FlavorName): string {
  return format(f, false);
}

/** The canonical v1 name. */
export function formatV1(f: FlavorName): string {
  return v2ToV1(format(f, false));
}

/** The recommended short v2 name: hypervisor, hwvirt, CPU details and GPU performance dropped. */
export function shortV2(f: FlavorName): string {
  return format(f, true);
}

export function shortV1(f: FlavorName): string {
  return v2ToV1(format(f, true));
}

/** Textual v1 -> v2 conversion; not validating, length-preserving. */
export function v1ToV2(name: string): string {
  return name.replaceAll("-", "_").replaceAll(":", "-").replaceAll("SCS_", "SCS-");
}

/** Textual v2 -> v1 conversion; not validating, length-preserving. */
export function v2ToV1(name: string): string {
  // One pass: - becomes :, _ becomes -, and every SCS: (after those two) becomes SCS- again.
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === "-" || c === ":") out += i >= 3 && name.startsWith("SCS", i - 3) ? "-" : ":";
    else if (c === "_") out += "-";
    else out += c;
  }
  return out;
}
