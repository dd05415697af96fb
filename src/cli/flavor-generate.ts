import { createInterface } from "node:readline";
import type { Command } from "commander";
import { ScsError, UsageError } from "../errors.ts";
import {
  boolAnswer,
  buildFlavorName,
  CHOICES,
  type Choices,
  cpuGenChoices,
  type FlavorParts,
  gpuGenChoices,
  intAnswer,
  tableAnswer,
} from "../standards/flavor-name/generate.ts";
import {
  COMPONENTS,
  deriveExtraSpecs,
  describe,
  type FlavorName,
  formatV2,
  shortV2,
} from "../standards/flavor-name/index.ts";
import { extraSpecsJson, extraSpecsYaml } from "../standards/flavor-name/render.ts";

interface GenerateFlags {
  cpus?: string;
  cpuType?: string;
  insecure?: boolean;
  ram?: string;
  noEcc?: boolean;
  ramOversubscribed?: boolean;
  disks?: string;
  disk?: string;
  diskType?: string;
  hypervisor?: string;
  hwvirt?: boolean;
  cpuVendor?: string;
  cpuGen?: string;
  cpuPerf?: string;
  gpuType?: string;
  gpuBrand?: string;
  gpuGen?: string;
  gpuCu?: string;
  gpuPerf?: string;
  gpuVram?: string;
  gpuBandwidth?: string;
  ib?: boolean;
}

function partsFromFlags(f: GenerateFlags): FlavorParts {
  const parts: FlavorParts = {
    cpus: f.cpus,
    cputype: f.cpuType,
    cpuinsecure: f.insecure,
    ram: f.ram,
    raminsecure: f.noEcc,
    ramoversubscribed: f.ramOversubscribed,
    nrdisks: f.disks,
    disksize: f.disk,
    disktype: f.diskType,
    hype: f.hypervisor,
    hwvirt: f.hwvirt,
    cpuvendor: f.cpuVendor,
    cpugen: f.cpuGen,
    cpuperf: f.cpuPerf,
    gputype: f.gpuType,
    gpubrand: f.gpuBrand,
    gpugen: f.gpuGen,
    gpucu: f.gpuCu,
    gpuperf: f.gpuPerf,
    gpuvram: f.gpuVram,
    gpuvramperf: f.gpuBandwidth,
    ib: f.ib,
  };
  for (const k of Object.keys(parts) as (keyof FlavorParts)[]) if (parts[k] === undefined) delete parts[k];
  return parts;
}

/** The reference's questionnaire (spec §9.2), reading answers line by line (works on pipes too). */
async function askParts(): Promise<FlavorParts> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const out = (s: string) => process.stdout.write(s);
  async function ask(
    label: string,
    check: (a: string) => string | undefined,
    choices?: Choices,
  ): Promise<string> {
    if (choices) {
      out(` ${label} Options:\n`);
      for (const [k, v] of Object.entries(choices)) out(`  ${k}: ${v}\n`);
    }
    for (;;) {
      out(` ${label}: `);
      const next = await lines.next();
      if (next.done) throw new ScsError("input ended before the questionnaire was complete");
      const answer = next.value.trim();
      const ok = check(answer);
      if (ok !== undefined) return ok;
      out(
        choices
          ? ` must be one of: ${Object.keys(choices).join(", ")}\n INVALID!\n`
          : ` not a valid answer\n INVALID!\n`,
      );
    }
  }
  const table = (choices: Choices, optional: boolean) => (a: string) =>
    optional && a === "" ? "" : tableAnswer(a, choices);
  const int = (optional: boolean) => (a: string) => (optional && a === "" ? "" : intAnswer(a));
  const bool = (a: string) => {
    const b = boolAnswer(a);
    return b === undefined ? undefined : b ? "1" : "";
  };
  const float = (a: string) => (a !== "" && Number.isFinite(Number(a)) ? a : undefined);
  const title = (i: number) => out(`${COMPONENTS[i]!.title}\n`);
  const p: FlavorParts = {};
  try {
    title(0);
    p.cpus = await ask("#vCPUs", int(false));
    p.cputype = await ask("CPU type", table(CHOICES.cputype, false), CHOICES.cputype);
    p.cpuinsecure = !!(await ask("?Insec SMT", bool));
    p.ram = await ask("##GiB RAM", float);
    p.raminsecure = !!(await ask("?no ECC", bool));
    p.ramoversubscribed = !!(await ask("?RAM Over", bool));
    title(1);
    const nr = await ask("#.NrDisks", int(true));
    if (nr !== "") {
      const size = await ask("#.GB Disk", int(true));
      const type = await ask("Disk type", table(CHOICES.disktype, true), CHOICES.disktype);
      // A disk with count or size missing is dropped, as in the reference.
      if (size !== "") Object.assign(p, { nrdisks: nr, disksize: size, disktype: type });
    }
    title(2);
    const hype = await ask(".Hypervisor", table(CHOICES.hype, true), CHOICES.hype);
    if (hype !== "") p.hype = hype;
    title(3);
    p.hwvirt = !!(await ask("?HardwareVirt", bool));
    title(4);
    const vendor = await ask("CPU Vendor", table(CHOICES.cpuvendor, true), CHOICES.cpuvendor);
    if (vendor !== "") {
      p.cpuvendor = vendor;
      const gens = cpuGenChoices(vendor as "i");
      const gen = await ask("#.CPU Gen", (a) => (a === "" || Object.hasOwn(gens, a) ? a : undefined), gens);
      if (gen !== "") p.cpugen = gen;
      p.cpuperf = await ask("Performance", table(CHOICES.cpuperf, true), CHOICES.cpuperf);
    }
    title(5);
    const gputype = await ask("Type", table(CHOICES.gputype, true), CHOICES.gputype);
    if (gputype !== "") {
      p.gputype = gputype;
      const brand = await ask("Brand", table(CHOICES.gpubrand, false), CHOICES.gpubrand);
      p.gpubrand = brand;
      const gens = gpuGenChoices(brand as "N");
      p.gpugen = await ask("Gen", (a) => tableAnswer(a, gens), gens);
      const cu = await ask("#.N:SMs/A:CUs/I:EUs", int(true));
      if (cu !== "") p.gpucu = cu;
      p.gpuperf = await ask("Frequency", table(CHOICES.gpuperf, true), CHOICES.gpuperf);
      const vram = await ask("#.V:GiB VRAM", int(true));
      if (vram !== "") p.gpuvram = vram;
      p.gpuvramperf = await ask("Bandwidth", table(CHOICES.gpuvramperf, true), CHOICES.gpuvramperf);
    }
    title(6);
    p.ib = !!(await ask("?IB", bool));
  } finally {
    rl.close();
  }
  return p;
}

function printResult(f: FlavorName, json: boolean): void {
  const derived = deriveExtraSpecs([f]);
  if (!derived.ok) throw new ScsError(derived.error);
  if (json) {
    const head = JSON.stringify({ name: formatV2(f), short: shortV2(f), prose: describe(f) }).slice(0, -1);
    process.stdout.write(`${head},"extraSpecs":${extraSpecsJson(derived.extraSpecs)}}\n`);
    return;
  }
  const specs = extraSpecsYaml(derived.extraSpecs)
    .replace(/^---\n/, "")
    .replace(/^/gm, "  ")
    .trimEnd();
  process.stdout.write(
    `name: ${formatV2(f)}\nshort: ${shortV2(f)}\nprose: ${describe(f)}\nextra_specs:\n${specs}\n`,
  );
}

export function registerGenerate(flavor: Command): void {
  flavor
    .command("generate")
    .description("build a flavor name from its parts: interactively, or from flags")
    .option("--cpus <n>", "number of vCPUs")
    .option("--cpu-type <type>", "L (LowPerf vCPUs), V (vCPUs), T (SMT Threads), C (Dedicated Cores)")
    .option("--insecure", "CPU lacks mitigations / SMT on L1TF-affected CPUs")
    .option("--ram <GiB>", "RAM in GiB, a multiple of 0.5")
    .option("--no-ecc", "RAM without ECC")
    .option("--ram-oversubscribed", "RAM is oversubscribed")
    .option("--disks <n>", "number of root disks (default 1)")
    .option("--disk <GB>", "root disk size in GB")
    .option("--disk-type <type>", "n (Networked), h (Local HDD), s (SSD), p (HiPerf NVMe)")
    .option("--hypervisor <hv>", "kvm, chy, xen, hyv, vmw, bms")
    .option("--hwvirt", "hardware/nested virtualisation available")
    .option("--cpu-vendor <v>", "i (Intel), z (AMD), a (ARM), r (RISC-V)")
    .option("--cpu-gen <n>", "CPU generation (table of the vendor)")
    .option("--cpu-perf <h>", "'' (Std), h, hh, hhh (High .. Very Very High Perf)")
    .option("--gpu-type <t>", "g (vGPU) or G (Pass-Through GPU)")
    .option("--gpu-brand <b>", "N (Nvidia), A (AMD), I (Intel)")
    .option("--gpu-gen <g>", "GPU generation (table of the brand)")
    .option("--gpu-cu <n>", "SMs (Nvidia) / CUs (AMD) / EUs (Intel)")
    .option("--gpu-perf <h>", "'' (Std Freq), h, hh")
    .option("--gpu-vram <GiB>", "video memory in GiB")
    .option("--gpu-bandwidth <h>", "'' (GDDR), h (HBM), hh")
    .option("--ib", "Infiniband")
    .option("--json", "print one JSON object instead of YAML")
    .addHelpText(
      "after",
      `
Without part flags, asks the reference questionnaire's questions on the terminal (answers can be
piped in, one per line). Prints the canonical name, its short form, the prose and the derived
scs:* extra_specs.

Examples:
  scs flavor generate
  scs flavor generate --cpus 4 --cpu-type V --ram 16 --disk 100 --disk-type s --cpu-vendor z --cpu-gen 4
  scs flavor generate --cpus 16 --cpu-type T --ram 64 --disks 3 --disk 10 --disk-type s \\
      --gpu-type G --gpu-brand N --gpu-gen a --gpu-cu 64 --ib`,
    )
    .action(async (opts: GenerateFlags & { json?: boolean; ecc?: boolean }) => {
      // commander turns --no-ecc into ecc=false.
      const flags: GenerateFlags = { ...opts, noEcc: opts.ecc === false ? true : undefined };
      delete (flags as { ecc?: boolean }).ecc;
      const parts = partsFromFlags(flags);
      const interactive = Object.keys(parts).length === 0;
      const built = buildFlavorName(interactive ? await askParts() : parts);
      if (!built.ok) throw new UsageError(built.error);
      printResult(built.flavor, opts.json === true);
    });
}
