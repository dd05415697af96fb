import type {
  CpuPerf,
  CpuType,
  CpuVendor,
  DiskType,
  GpuBrand,
  GpuPerf,
  GpuType,
  Hypervisor,
  VramPerf,
} from "./tables.ts";

/**
 * A parsed SCS flavor name. Integers are bigint so that values beyond 2^53 stay exact (the
 * reference keeps arbitrary-precision ints); RAM is a float in GiB, as in the reference.
 */
export interface FlavorName {
  readonly cpuram: CpuRam;
  /** Absent: no root disk. Present with `disksize: null`: the cloud picks the size. */
  readonly disk: Disk | null;
  readonly hype: Hypervisor | null;
  readonly hwvirt: boolean;
  readonly cpubrand: CpuBrand | null;
  readonly gpu: Gpu | null;
  readonly ib: boolean;
}

export interface CpuRam {
  readonly cpus: bigint;
  readonly cputype: CpuType;
  readonly cpuinsecure: boolean;
  /** GiB, a positive multiple of 0.5. */
  readonly ram: number;
  readonly raminsecure: boolean;
  readonly ramoversubscribed: boolean;
}

export interface Disk {
  readonly nrdisks: bigint;
  readonly disksize: bigint | null;
  readonly disktype: DiskType;
}

export interface CpuBrand {
  readonly cpuvendor: CpuVendor;
  /** null = not given; 0 = unspecified/old generation (never printed). */
  readonly cpugen: number | null;
  readonly perf: CpuPerf;
}

export interface Gpu {
  readonly gputype: GpuType;
  readonly brand: GpuBrand;
  /** A key of the brand's generation table; `""` = not given. */
  readonly gen: string;
  readonly cu: bigint | null;
  readonly perf: GpuPerf;
  readonly vram: bigint | null;
  readonly vramperf: VramPerf;
}

/** The two name syntaxes; v3 names use the v2 syntax. */
export type Syntax = "v1" | "v2";

/**
 * The outcome of parsing one name with one syntax. "invalid" carries the reference's exact
 * message; `overflow` marks the one error the reference does not treat as a value error
 * (a RAM value too large for a float).
 */
export type SyntaxResult =
  | { readonly status: "valid"; readonly flavor: FlavorName }
  | { readonly status: "not-scs" }
  | { readonly status: "invalid"; readonly error: string; readonly overflow: boolean };
