/** Every worked example of the spec (§12, §6.1, §7, §8.1), table-driven. */
import assert from "node:assert/strict";
import { describe as suite, test } from "node:test";
import { describe } from "./describe.ts";
import { deriveExtraSpecs } from "./extra-specs.ts";
import { formatV1, formatV2, shortV2, v1ToV2, v2ToV1 } from "./format.ts";
import { parseFlavorName } from "./strategy.ts";
import type { FlavorName } from "./types.ts";

function valid(name: string, strategy: Parameters<typeof parseFlavorName>[1] = "v3"): FlavorName {
  const r = parseFlavorName(name, strategy);
  assert.equal(r.status, "valid", `${JSON.stringify(name)}: ${r.status === "invalid" ? r.error : r.status}`);
  return (r as { flavor: FlavorName }).flavor;
}

// name, canonical v2, short v2 (valid in v2/v3 syntax)
const VALID: [string, string, string][] = [
  ["SCS-2V-4", "SCS-2V-4", "SCS-2V-4"],
  ["SCS-1L-1", "SCS-1L-1", "SCS-1L-1"],
  ["SCS-1V-0.5", "SCS-1V-0.5", "SCS-1V-0.5"],
  ["SCS-2C-4-10n", "SCS-2C-4-10n", "SCS-2C-4-10n"],
  ["SCS-2V-4-20s", "SCS-2V-4-20s", "SCS-2V-4-20s"],
  ["SCS-8Ti-32-50p_i1", "SCS-8Ti-32-50p_i1", "SCS-8Ti-32-50p"],
  ["SCS-1L-1u-5", "SCS-1L-1u-5", "SCS-1L-1u-5"],
  ["SCS-2C-4uo-10n", "SCS-2C-4uo-10n", "SCS-2C-4uo-10n"],
  ["SCS-16T-64-200s_GNa-72-24_ib", "SCS-16T-64-200s_GNa-72-24_ib", "SCS-16T-64-200s_GNa-72-24_ib"],
  ["SCS-4C-16-2x200p_a1", "SCS-4C-16-2x200p_a1", "SCS-4C-16-2x200p_a"],
  ["SCS-2C-4-", "SCS-2C-4-", "SCS-2C-4-"],
  ["SCS-2C-4-n", "SCS-2C-4-n", "SCS-2C-4-n"],
  ["SCS-2C-4-3x10", "SCS-2C-4-3x10", "SCS-2C-4-3x10"],
  ["SCS-2C-4-_ib", "SCS-2C-4-_ib", "SCS-2C-4-_ib"],
  ["SCS-2C-4-10_kvm_hwv", "SCS-2C-4-10_kvm_hwv", "SCS-2C-4-10"],
  ["SCS-2C-4-10n_bms_z3hh", "SCS-2C-4-10n_bms_z3hh", "SCS-2C-4-10n"],
  ["SCS-2V-4-10_chy", "SCS-2V-4-10_chy", "SCS-2V-4-10"],
  ["SCS-16V-64-500s_GNa-14-6h", "SCS-16V-64-500s_GNa-14-6h", "SCS-16V-64-500s_GNa-14-6"],
  ["SCS-16V-64-500s_GNa-108h-80h", "SCS-16V-64-500s_GNa-108h-80h", "SCS-16V-64-500s_GNa-108-80"],
  ["SCS-16V-64-500s_GA3.1-96-48", "SCS-16V-64-500s_GA3.1-96-48", "SCS-16V-64-500s_GA3.1-96-48"],
  ["SCS-2V-4_gAh", "SCS-2V-4_gAh", "SCS-2V-4_gA"],
  ["SCS-2V-4_i0", "SCS-2V-4_i", "SCS-2V-4"],
  ["SCS-01V-04-010", "SCS-1V-4-10", "SCS-1V-4-10"],
  ["SCS-2V-.5", "SCS-2V-0.5", "SCS-2V-0.5"],
  [
    "SCS-8C-32-2x200p_kvm_hwv_z3h_GNa-64_ib",
    "SCS-8C-32-2x200p_kvm_hwv_z3h_GNa-64_ib",
    "SCS-8C-32-2x200p_GNa-64_ib",
  ],
  [
    "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
    "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
    "SCS-16T-64-3x10s_GNa-64_ib",
  ],
  ["SCS-99999999999999999999V-4", "SCS-99999999999999999999V-4", "SCS-99999999999999999999V-4"],
];

const INVALID: [string, string][] = [
  [
    "SCS-2V-4_GNa_ib",
    "gen can not be set to 'a_ib'; must be one of ('', 'f', 'k', 'm', 'p', 'v', 't', 'a', 'l', 'g', 'b', 'u')",
  ],
  ["SCS-2T-4_ic", "Extra characters: _ic"],
  ["SCS-2iT-4-10n", "Failed to parse main part"],
  ["SCS-2C-4ou-10n", "Extra characters: u-10n"],
  ["SCS-2C-4-10_hwv_xen", "Extra characters: _xen"],
  ["SCS-2C-4-1.5n", "Extra characters: .5n"],
  ["SCS-2C-4-n_bms_3", "Extra characters: _3"],
  ["SCS-2V-4_r1", "cpugen can not be set to 1; must be one of (None, 0)"],
  ["SCS-2V-4-0", "disksize can not be set to 0; must be positive integer"],
  ["SCS-2V-0", "ram can not be set to 0.0; must be positive multiple of 0.5"],
  ["SCS-2V-4.5.", "could not convert string to float: '4.5.'"],
  ["SCS-2-4", "Failed to parse main part"],
  ["SCS-V-4", "cpus can not be set to None; must be positive integer"],
  ["SCS-0V-0", "cpus can not be set to 0; must be positive integer"],
  ["SCS-2V-4_a6", "cpugen can not be set to 6; must be one of (None, 0, 1, 2, 3, 4, 5)"],
  ["SCS-2V-4_i7", "cpugen can not be set to 7; must be one of (None, 0, 1, 2, 3, 4, 5, 6)"],
  ["SCS-2V-4_z0099", "cpugen can not be set to 99; must be one of (None, 0, 1, 2, 3, 4, 5, 6)"],
  ["SCS-2V-4_i1hhhh", "perf can not be set to 'hhhh'; must be one of ('', 'h', 'hh', 'hhh')"],
  ["SCS-2V-4_GNa-4hhh", "perf can not be set to 'hhh'; must be one of ('', 'h', 'hh')"],
  ["SCS-2V-4_GNa-4-8hhh", "vramperf can not be set to 'hhh'; must be one of ('', 'h', 'hh')"],
  ["SCS-2V-4_GNa-0", "cu can not be set to 0; must be positive integer"],
  ["SCS-2V-4_GNa-4-0", "vram can not be set to 0; must be positive integer"],
  ["SCS-2V-4-0x10", "nrdisks can not be set to 0; must be positive integer"],
  ["SCS-2V-0.3", "ram can not be set to 0.3; must be positive multiple of 0.5"],
  ["SCS-2V-.", "could not convert string to float: '.'"],
  ["SCS-2V-", "could not convert string to float: ''"],
  ["SCS-2V-4_kvmx", "Extra characters: x"],
  ["SCS-2V-4_i3\n", "Extra characters: \n"],
  [
    "SCS-2V-4_GA9",
    "gen can not be set to '9'; must be one of ('', '0.4', '0.5', '1', '1.1', '2', '2.1', '3', '3.1', '3.5', '4', '4.1', '5.1')",
  ],
  [
    "SCS-2V-4_GI\x7fx",
    "gen can not be set to '\\x7fx'; must be one of ('', '0.9', '0.95', '1', '2', '3', '4')",
  ],
  ["SCS-2V:4-chy", "Failed to parse main part"],
];

suite("worked examples (spec §12)", () => {
  test("valid names: canonical and short forms", () => {
    for (const [name, canonical, short] of VALID) {
      const f = valid(name);
      assert.equal(formatV2(f), canonical, name);
      assert.equal(shortV2(f), short, name);
    }
  });

  test("invalid names: exact messages", () => {
    for (const [name, error] of INVALID) {
      assert.deepEqual(
        parseFlavorName(name, "v3"),
        { status: "invalid", error, overflow: false },
        JSON.stringify(name),
      );
    }
  });

  test("not SCS names", () => {
    for (const name of ["scs-2V-4", "SCS_2V-4", "SCS2V-4", " SCS-2V-4", "", "SCS"]) {
      assert.deepEqual(parseFlavorName(name, "v3"), { status: "not-scs" }, JSON.stringify(name));
    }
  });

  test("decoded fields", () => {
    const f = valid("SCS-16T-64-200s_GNa-72-24_ib");
    assert.deepEqual(f, {
      cpuram: {
        cpus: 16n,
        cputype: "T",
        cpuinsecure: false,
        ram: 64,
        raminsecure: false,
        ramoversubscribed: false,
      },
      disk: { nrdisks: 1n, disksize: 200n, disktype: "s" },
      hype: null,
      hwvirt: false,
      cpubrand: null,
      gpu: { gputype: "G", brand: "N", gen: "a", cu: 72n, perf: "", vram: 24n, vramperf: "" },
      ib: true,
    });
    assert.deepEqual(valid("SCS-2C-4-").disk, { nrdisks: 1n, disksize: null, disktype: "" });
    assert.deepEqual(valid("SCS-2C-4-3x").disk, { nrdisks: 3n, disksize: null, disktype: "" });
    assert.deepEqual(valid("SCS-2C-4-x10").disk, { nrdisks: 1n, disksize: 10n, disktype: "" });
    assert.deepEqual(valid("SCS-2V-4_gAh").gpu, {
      gputype: "g",
      brand: "A",
      gen: "",
      cu: null,
      perf: "h",
      vram: null,
      vramperf: "",
    });
    assert.equal(valid("SCS-2V-4_i0").cpubrand?.cpugen, 0);
    assert.equal(valid("SCS-2V-4_i").cpubrand?.cpugen, null);
    assert.equal(valid("SCS-2V-4.").cpuram.ram, 4);
    assert.equal(valid("SCS-2V-04.50").cpuram.ram, 4.5);
  });

  test("v1 names: valid with v1, canonical v2", () => {
    assert.equal(formatV2(valid("SCS-2V:4:20s", "v1")), "SCS-2V-4-20s");
    assert.equal(formatV2(valid("SCS-16T:64:3x10s-GNa:64-ib", "v1")), "SCS-16T-64-3x10s_GNa-64_ib");
    assert.equal(formatV1(valid("SCS-16T:64:3x10s-GNa:64-ib", "v1")), "SCS-16T:64:3x10s-GNa:64-ib");
    assert.deepEqual(parseFlavorName("SCS-2V:4-chy", "v1"), {
      status: "invalid",
      error: "Extra characters: -chy",
      overflow: false,
    });
    assert.deepEqual(parseFlavorName("SCS-2V:4-GNa-ib", "v1"), {
      status: "invalid",
      error:
        "gen can not be set to 'a-ib'; must be one of ('', 'f', 'k', 'm', 'p', 'v', 't', 'a', 'l', 'g', 'b', 'u')",
      overflow: false,
    });
  });

  test("the RAM overflow is its own kind of error", () => {
    const r = parseFlavorName(`SCS-2V-${"9".repeat(400)}`, "v3");
    assert.deepEqual(r, {
      status: "invalid",
      error: "cannot convert float infinity to integer",
      overflow: true,
    });
    // Also when only the tolerated v1 parser sees it.
    const r1 = parseFlavorName(`SCS-2V:${"9".repeat(400)}`, "syntax-check");
    assert.equal(r1.status === "invalid" && r1.overflow, true);
  });
});

suite("strategies (spec §9.1)", () => {
  test("v3 rejects v1 names as non-tolerable", () => {
    assert.deepEqual(parseFlavorName("SCS-2V:4:20s", "v3"), {
      status: "invalid",
      error: "Name is non-tolerable v1",
      overflow: false,
    });
    assert.deepEqual(parseFlavorName("SCS-2V-4-20s", "v1"), {
      status: "invalid",
      error: "Name is non-tolerable v2",
      overflow: false,
    });
  });
  test("tolerated syntaxes are valid with a marker", () => {
    const r = parseFlavorName("SCS-2V:4:20s", "syntax-check");
    assert.equal(r.status, "valid");
    assert.equal(r.status === "valid" && r.tolerated, "v1");
    const r2 = parseFlavorName("SCS-2V-4", "v1/v2");
    assert.equal(r2.status === "valid" && r2.tolerated, "v2");
    const r3 = parseFlavorName("SCS-2V-4", "v2/v1");
    assert.equal(r3.status === "valid" && r3.tolerated, undefined);
  });
  test("the first main parser's error wins", () => {
    assert.deepEqual(parseFlavorName("SCS-2V-4_ic", "v2/v1"), {
      status: "invalid",
      error: "Extra characters: _ic",
      overflow: false,
    });
    assert.deepEqual(parseFlavorName("SCS-2V-4_ic", "v1/v2"), {
      status: "invalid",
      error: "Failed to parse main part",
      overflow: false,
    });
  });
  test("vN accepts both syntaxes without warning", () => {
    for (const name of ["SCS-2V-4", "SCS-2V:4"]) {
      const r = parseFlavorName(name, "vN");
      assert.equal(r.status === "valid" && r.tolerated, undefined, name);
    }
  });
});

suite("conversion (spec §4.1)", () => {
  test("textual v1 <-> v2", () => {
    assert.equal(v1ToV2("SCS-16T:64:3x10s-GNa:64-ib"), "SCS-16T-64-3x10s_GNa-64_ib");
    assert.equal(v2ToV1("SCS-2V-4-20s"), "SCS-2V:4:20s");
    assert.equal(v2ToV1("SCS-2C-4-_ib"), "SCS-2C:4:-ib");
  });
});

suite("prose (spec §7)", () => {
  const cases: [string, string][] = [
    ["SCS-2V-4", "SCS flavor with 2 generic x86-64 vCPUs with 4.0 GiB RAM"],
    [
      "SCS-8Ti-32-50p_i1",
      "SCS flavor with 8 Intel Skylake SMT Threads (insecure) with 32.0 GiB RAM and HiPerf NVMe 50GB root volume",
    ],
    ["SCS-2C-4-", "SCS flavor with 2 generic x86-64 Dedicated Cores with 4.0 GiB RAM and NoneGB root volume"],
    [
      "SCS-16V-64-500s_GNa-108h-80h",
      "SCS flavor with 16 generic x86-64 vCPUs with 64.0 GiB RAM and SSD 500GB root volume and Pass-Through GPU Nvidia Ampere (w/ 108 High Freq SMs/CUs/EUs and 80 GiB High BW (HBM) VRAM)",
    ],
    [
      "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
      "SCS flavor with 16 High Perf Intel Ice Lake SMT Threads with 64.0 GiB RAM on Bare Metal System with HW virt and SSD 3x10GB root volume and Pass-Through GPU Nvidia Ampere (w/ 64 SMs/CUs/EUs) and Infiniband",
    ],
    [
      "SCS-1L-1uo-5",
      "SCS flavor with 1 generic x86-64 LowPerf vCPUs with 1.0 GiB RAM (noECC, oversubscribed) and 5GB root volume",
    ],
    ["SCS-1L-0.5o", "SCS flavor with 1 generic x86-64 LowPerf vCPUs with 0.5 GiB RAM (oversubscribed)"],
    ["SCS-2V-4_i0", "SCS flavor with 2 Intel vCPUs with 4.0 GiB RAM"],
    ["SCS-2V-4_gAh", "SCS flavor with 2 generic x86-64 vCPUs with 4.0 GiB RAM and vGPU AMD"],
    ["SCS-2V-100000000000000000000", "SCS flavor with 2 generic x86-64 vCPUs with 1e+20 GiB RAM"],
  ];
  for (const [name, prose] of cases) {
    test(name, () => assert.equal(describe(valid(name)), prose));
  }
  test("huge RAM formats with every digit", () => {
    assert.equal(formatV2(valid("SCS-2V-100000000000000000000")), "SCS-2V-100000000000000000000");
    assert.equal(formatV2(valid(`SCS-2V-1${"0".repeat(30)}`)), `SCS-2V-1000000000000000019884624838656`);
  });
});

suite("extra_specs (spec §8.1)", () => {
  function derive(...names: string[]): [string, unknown][] {
    const r = deriveExtraSpecs(names.map((n) => valid(n, "vN")) as [FlavorName, ...FlavorName[]]);
    assert.ok(r.ok);
    return [...r.extraSpecs];
  }
  test("SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib", () => {
    assert.deepEqual(derive("SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib"), [
      ["cpus", 16n],
      ["scs:cpu-type", "dedicated-thread"],
      ["ram", 64],
      ["disk", 10n],
      ["scs:disk0-type", "ssd"],
      ["scs:disk1-type", "ssd"],
      ["scs:disk2-type", "ssd"],
      ["scs:name-v1", "SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib"],
      ["scs:name-v2", "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib"],
      ["scs:name-v3", "SCS-16T:64:3x10s-GNa:64-ib"],
      ["scs:name-v4", "SCS-16T-64-3x10s_GNa-64_ib"],
    ]);
  });
  test("SCS-2V-4-20s, SCS-1V-4-10, SCS-2C-4-, no disk", () => {
    assert.deepEqual(derive("SCS-2V-4-20s"), [
      ["cpus", 2n],
      ["scs:cpu-type", "shared-core"],
      ["ram", 4],
      ["disk", 20n],
      ["scs:disk0-type", "ssd"],
      ["scs:name-v1", "SCS-2V:4:20s"],
      ["scs:name-v2", "SCS-2V-4-20s"],
    ]);
    assert.equal(new Map(derive("SCS-1V-4-10")).get("scs:disk0-type"), "network");
    assert.deepEqual(derive("SCS-2C-4-"), [
      ["cpus", 2n],
      ["scs:cpu-type", "dedicated-core"],
      ["ram", 4],
      ["disk", null],
      ["scs:disk0-type", "network"],
      ["scs:name-v1", "SCS-2C:4:"],
      ["scs:name-v2", "SCS-2C-4-"],
    ]);
    assert.deepEqual(
      derive("SCS-2V-4").map(([k]) => k),
      ["cpus", "scs:cpu-type", "ram", "scs:name-v1", "scs:name-v2"],
    );
  });
  test("several names: maxima and highest ranks", () => {
    const m = new Map(derive("SCS-2V-4-10n", "SCS-4C-2-20s_kvm", "SCS-1L-8"));
    assert.equal(m.get("cpus"), 4n);
    assert.equal(m.get("scs:cpu-type"), "dedicated-core");
    assert.equal(m.get("ram"), 8);
    assert.equal(m.get("disk"), 20n);
    assert.equal(m.get("scs:disk0-type"), "ssd");
  });
  test("absurd disk counts are refused, not expanded", () => {
    const r = deriveExtraSpecs([valid("SCS-2V-4-99999999999x10")]);
    assert.deepEqual(r, {
      ok: false,
      error: "cannot derive extra_specs for 99999999999 disks (at most 1024)",
    });
  });
});
