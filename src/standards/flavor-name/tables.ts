/**
 * Every value table of the scs-0100 grammar, in one place: keys in the reference's order (that
 * order shows in error messages), prose labels for the describer, extra_spec values and ranks.
 * `tables.test.ts` keeps this module equal to data/flavor-name-tables.yaml.
 */

export const CPU_TYPES = ["L", "V", "T", "C"] as const;
export type CpuType = (typeof CPU_TYPES)[number];
export const CPU_TYPE_LABEL: Readonly<Record<CpuType, string>> = {
  L: "LowPerf vCPUs",
  V: "vCPUs",
  T: "SMT Threads",
  C: "Dedicated Cores",
};
export const CPU_TYPE_EXTRA_SPEC: Readonly<Record<CpuType, string>> = {
  L: "crowded-core",
  V: "shared-core",
  T: "dedicated-thread",
  C: "dedicated-core",
};
export const CPU_TYPE_RANK: Readonly<Record<CpuType, number>> = { L: 0, V: 1, T: 2, C: 3 };

export const DISK_TYPES = ["", "n", "h", "s", "p"] as const;
export type DiskType = (typeof DISK_TYPES)[number];
export const DISK_TYPE_LABEL: Readonly<Record<DiskType, string>> = {
  "": "(unspecified)",
  n: "Networked",
  h: "Local HDD",
  s: "SSD",
  p: "HiPerf NVMe",
};
/** An unspecified disk type counts as networked. */
export const DISK_TYPE_EXTRA_SPEC: Readonly<Record<DiskType, string>> = {
  "": "network",
  n: "network",
  h: "hdd",
  s: "ssd",
  p: "nvme",
};
export const DISK_TYPE_RANK: Readonly<Record<DiskType, number>> = { "": 0, n: 0, h: 1, s: 2, p: 3 };

export const HYPERVISORS = ["kvm", "chy", "xen", "hyv", "vmw", "bms"] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];
export const HYPERVISORS_V1: readonly Hypervisor[] = ["kvm", "xen", "vmw", "hyv", "bms"];
export const HYPERVISOR_LABEL: Readonly<Record<Hypervisor, string>> = {
  kvm: "KVM (w/ qemu)",
  chy: "Cloud Hypervisor",
  xen: "Xen",
  hyv: "Hyper-V",
  vmw: "VMware",
  bms: "Bare Metal System",
};

export const CPU_VENDORS = ["i", "z", "a", "r"] as const;
export type CpuVendor = (typeof CPU_VENDORS)[number];
export const CPU_VENDOR_LABEL: Readonly<Record<CpuVendor, string>> = {
  i: "Intel",
  z: "AMD",
  a: "ARM",
  r: "RISC-V",
};

/** Generation labels per vendor; index = generation number. Generation "not given" is allowed too. */
export const CPU_GEN_LABEL: Readonly<Record<CpuVendor, readonly string[]>> = {
  i: [
    "Unspec/Pre-Skylake",
    "Skylake",
    "Cascade Lake",
    "Ice Lake",
    "Sapphire Rapids",
    "Sierra Forest (E)",
    "Granite Rapids (P)",
  ],
  z: ["Unspec/Pre-Zen", "Zen 1", "Zen 2", "Zen 3", "Zen 4/4c", "Zen 5/5c", "Zen6/6c"],
  a: ["Unspec/Pre-A76", "A76/NeoN1", "A78/X1/NeoV1", "A71x/NeoN2/V2", "AmpereOne", "A72x/NeoN3/V3"],
  r: ["Unspec"],
};
export const CPU_GEN_UNSPECIFIED_LABEL = "(unspecified)";

export const CPU_PERFS = ["", "h", "hh", "hhh"] as const;
export type CpuPerf = (typeof CPU_PERFS)[number];
export const CPU_PERF_LABEL: Readonly<Record<CpuPerf, string>> = {
  "": "Std Perf",
  h: "High Perf",
  hh: "Very High Perf",
  hhh: "Very Very High Perf",
};

export const GPU_TYPES = ["g", "G"] as const;
export type GpuType = (typeof GPU_TYPES)[number];
export const GPU_TYPE_LABEL: Readonly<Record<GpuType, string>> = { g: "vGPU", G: "Pass-Through GPU" };

export const GPU_BRANDS = ["N", "A", "I"] as const;
export type GpuBrand = (typeof GPU_BRANDS)[number];
export const GPU_BRAND_LABEL: Readonly<Record<GpuBrand, string>> = { N: "Nvidia", A: "AMD", I: "Intel" };

/** GPU generations per brand, keys in table order; `""` = not given. */
export const GPU_GEN: Readonly<Record<GpuBrand, ReadonlyMap<string, string>>> = {
  N: new Map([
    ["", "(unspecified)"],
    ["f", "Fermi"],
    ["k", "Kepler"],
    ["m", "Maxwell"],
    ["p", "Pascal"],
    ["v", "Volta"],
    ["t", "Turing"],
    ["a", "Ampere"],
    ["l", "AdaLovelace"],
    ["g", "GraceHopper"],
    ["b", "Blackwell"],
    ["u", "Blackwell Ultra"],
  ]),
  A: new Map([
    ["", "(unspecified)"],
    ["0.4", "GCN4.0/Polaris"],
    ["0.5", "GCN5.0/Vega"],
    ["1", "CDNA1"],
    ["1.1", "RDNA1/Navi1x"],
    ["2", "CDNA2"],
    ["2.1", "RDNA2/Navi2x"],
    ["3", "CDNA3"],
    ["3.1", "RDNA3/Navi3x"],
    ["3.5", "RDNA3.5"],
    ["4", "CDNA4"],
    ["4.1", "RDNA4/Navi4x"],
    ["5.1", "RDNA5/Navi5x"],
  ]),
  I: new Map([
    ["", "(unspecified)"],
    ["0.9", "Gen9/Skylake"],
    ["0.95", "Gen9.5/KabyLake"],
    ["1", "Xe1/Gen12.1/DG1"],
    ["2", "Xe2/Gen12.2"],
    ["3", "Arc/Gen12.7/DG2"],
    ["4", "BattleImage/Gen20.0"],
  ]),
};

export const GPU_PERFS = ["", "h", "hh"] as const;
export type GpuPerf = (typeof GPU_PERFS)[number];
export const GPU_PERF_LABEL: Readonly<Record<GpuPerf, string>> = {
  "": "Std Freq",
  h: "High Freq",
  hh: "Very High Freq",
};

export const VRAM_PERFS = ["", "h", "hh"] as const;
export type VramPerf = (typeof VRAM_PERFS)[number];
export const VRAM_PERF_LABEL: Readonly<Record<VramPerf, string>> = {
  "": "Std BW (GDDR)",
  h: "High BW (HBM)",
  hh: "Very High BW",
};

/** Components in name order, with the questionnaire's titles and attribute prompts. */
export const COMPONENTS = [
  {
    component: "cpuram",
    title: "CPU-RAM",
    prompts: {
      cpus: "#vCPUs",
      cputype: "CPU type",
      cpuinsecure: "?Insec SMT",
      ram: "##GiB RAM",
      raminsecure: "?no ECC",
      ramoversubscribed: "?RAM Over",
    },
  },
  {
    component: "disk",
    title: "Disk",
    prompts: { nrdisks: "#.NrDisks", disksize: "#.GB Disk", disktype: "Disk type" },
  },
  { component: "hype", title: "Hypervisor", prompts: { hype: ".Hypervisor" } },
  { component: "hwvirt", title: "Hardware/NestedVirtualization", prompts: { hwvirt: "?HardwareVirt" } },
  {
    component: "cpubrand",
    title: "CPUBrand",
    prompts: { cpuvendor: "CPU Vendor", cpugen: "#.CPU Gen", perf: "Performance" },
  },
  {
    component: "gpu",
    title: "GPU",
    prompts: {
      gputype: "Type",
      brand: "Brand",
      gen: "Gen",
      cu: "#.N:SMs/A:CUs/I:EUs",
      perf: "Frequency",
      vram: "#.V:GiB VRAM",
      vramperf: "Bandwidth",
    },
  },
  { component: "ib", title: "Infiniband", prompts: { ib: "?IB" } },
] as const;
