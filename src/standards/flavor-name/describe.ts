/** The prose description of a flavor name, byte-identical to the reference (spec §7). */
import { reprFloat } from "./python.ts";
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

export function describe(f: FlavorName): string {
  const c = f.cpuram;
  let s = `SCS flavor with ${c.cpus} `;
  if (f.cpubrand) {
    const b = f.cpubrand;
    if (b.perf) s += `${CPU_PERF_LABEL[b.perf]} `;
    s += `${CPU_VENDOR_LABEL[b.cpuvendor]} `;
    if (b.cpugen) s += `${CPU_GEN_LABEL[b.cpuvendor][b.cpugen]} `;
  } else {
    s += "generic x86-64 ";
  }
  s += `${CPU_TYPE_LABEL[c.cputype]} `;
  if (c.cpuinsecure) s += "(insecure) ";
  s += `with ${reprFloat(c.ram)} GiB RAM `;
  if (c.raminsecure || c.ramoversubscribed) {
    const notes = [c.raminsecure && "noECC", c.ramoversubscribed && "oversubscribed"].filter(Boolean);
    s += `(${notes.join(", ")}) `;
  }
  if (f.hype) s += `on ${HYPERVISOR_LABEL[f.hype]} `;
  if (f.hwvirt) s += "with HW virt ";
  if (f.disk) {
    const d = f.disk;
    s += "and ";
    if (d.disktype) s += `${DISK_TYPE_LABEL[d.disktype]} `;
    if (d.nrdisks !== 1n) s += `${d.nrdisks}x`;
    // The reference prints Python's None here when the size is left to the cloud.
    s += `${d.disksize ?? "None"}GB root volume `;
  }
  if (f.gpu) {
    const g = f.gpu;
    s += `and ${GPU_TYPE_LABEL[g.gputype]} ${GPU_BRAND_LABEL[g.brand]} `;
    if (g.gen) s += `${GPU_GEN[g.brand].get(g.gen)} `;
    if (g.cu !== null) {
      s += `(w/ ${g.cu} `;
      if (g.perf) s += `${GPU_PERF_LABEL[g.perf]} `;
      s += "SMs/CUs/EUs";
      if (g.vram !== null) {
        s += ` and ${g.vram} GiB `;
        if (g.vramperf) s += `${VRAM_PERF_LABEL[g.vramperf]} `;
        s += "VRAM) ";
      } else {
        s += ") ";
      }
    }
  }
  if (f.ib) s += "and Infiniband ";
  return s.slice(0, -1);
}
