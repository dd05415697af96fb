import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { scs } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "scs-flavor-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("scs flavor parse", () => {
  test("reference lines and exit status = number of invalid names", () => {
    const r = scs(["flavor", "parse", "v3", "SCS-2V-4", "SCS-2T-4_ic", "scs-2V-4", "SCS-2V:4:20s"]);
    assert.equal(
      r.stdout,
      "Extra characters: _ic: SCS-2T-4_ic\nNOT an SCS flavor: scs-2V-4\nName is non-tolerable v1: SCS-2V:4:20s\n",
    );
    assert.equal(r.status, 2);
  });

  test("-v prints OK lines; prose; tolerated names warn on stderr", () => {
    const r = scs(["flavor", "parse", "v2/v1", "-v", "-o", "prose", "SCS-2V-4", "SCS-2V:4"]);
    assert.equal(
      r.stdout,
      "SCS-2V-4: SCS flavor with 2 generic x86-64 vCPUs with 4.0 GiB RAM\nSCS-2V:4: SCS flavor with 2 generic x86-64 vCPUs with 4.0 GiB RAM\n",
    );
    assert.equal(r.stderr, "WARNING: Name is merely tolerated v1: SCS-2V:4\n");
    assert.equal(r.status, 0);
    assert.equal(scs(["flavor", "parse", "-v", "SCS-2V-4"]).stdout, "OK: SCS-2V-4\n");
  });

  test("-o yaml prints one sorted document per name, then an empty line", () => {
    const r = scs(["flavor", "parse", "-o", "yaml", "SCS-2C-4-"]);
    assert.equal(
      r.stdout,
      "---\ncpus: 2\ndisk: null\nram: 4.0\nscs:cpu-type: dedicated-core\nscs:disk0-type: network\nscs:name-v1: 'SCS-2C:4:'\nscs:name-v2: SCS-2C-4-\n\n",
    );
  });

  test("-o json --file: one object per line with exactly the documented keys", () => {
    const file = join(dir, "names.txt");
    writeFileSync(file, "SCS-2V-4-20s\r\nSCS-2V-0\n\nnope\n");
    const r = scs(["flavor", "parse", "-o", "json", "--file", file, "SCS-2V-4_i0"]);
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines[0], {
      name: "SCS-2V-4-20s",
      status: "valid",
      canonical: "SCS-2V-4-20s",
      short: "SCS-2V-4-20s",
      v1: "SCS-2V:4:20s",
      prose: "SCS flavor with 2 generic x86-64 vCPUs with 4.0 GiB RAM and SSD 20GB root volume",
      extraSpecs: {
        cpus: 2,
        "scs:cpu-type": "shared-core",
        ram: 4,
        disk: 20,
        "scs:disk0-type": "ssd",
        "scs:name-v1": "SCS-2V:4:20s",
        "scs:name-v2": "SCS-2V-4-20s",
      },
    });
    assert.match(r.stdout.split("\n")[0]!, /"ram":4\.0,/); // a float, as the reference writes it
    assert.deepEqual(lines[1], {
      name: "SCS-2V-0",
      status: "invalid",
      error: "ram can not be set to 0.0; must be positive multiple of 0.5",
    });
    assert.deepEqual(lines[2], { name: "nope", status: "not-scs" });
    assert.equal(lines[3].canonical, "SCS-2V-4_i");
    assert.equal(lines[3].short, "SCS-2V-4");
    assert.equal(lines.length, 4);
    assert.equal(r.status, 1);
  });

  test("names from standard input with --file -", () => {
    const r = scs(["flavor", "parse", "-o", "prose", "--file", "-"], { input: "SCS-1L-1\nSCS-2C-4-10n\n" });
    assert.equal(r.stdout.split("\n").length, 3);
    assert.equal(r.status, 0);
  });

  test("the exit status is capped at 255", () => {
    const file = join(dir, "bad.txt");
    writeFileSync(file, "SCS-x\n".repeat(300));
    assert.equal(scs(["flavor", "parse", "--file", file]).status, 255);
  });

  test("a RAM value too large for a float is an error line, not a crash", () => {
    const name = `SCS-2V-${"9".repeat(400)}`;
    const r = scs(["flavor", "parse", name]);
    assert.equal(r.stdout, `cannot convert float infinity to integer: ${name}\n`);
    assert.equal(r.status, 1);
  });

  test("user mistakes give one line and exit status 2", () => {
    for (const args of [
      ["flavor", "parse"],
      ["flavor", "parse", "--strategy", "v9", "SCS-2V-4"],
      ["flavor", "parse", "-o", "xml", "SCS-2V-4"],
      ["flavor", "parse", "--file", join(dir, "missing.txt")],
      ["flavor", "parse", "--file", dir],
      ["flavor", "convert", "--to", "v7", "SCS-2V-4"],
    ]) {
      const r = scs(args);
      assert.equal(r.status, 2, args.join(" "));
      assert.equal(r.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace");
    }
    assert.match(
      scs(["flavor", "parse", "--file", join(dir, "missing.txt")]).stderr,
      /cannot read names from .*missing\.txt: no such file/,
    );
  });
});

describe("scs flavor describe / convert", () => {
  test("describe prints NAME: prose, warns on v1, counts invalid names", () => {
    const r = scs(["flavor", "describe", "SCS-8Ti-32-50p_i1", "SCS-2V:4:20s", "foo", "SCS-2T-4_ic"]);
    assert.equal(
      r.stdout,
      "SCS-8Ti-32-50p_i1: SCS flavor with 8 Intel Skylake SMT Threads (insecure) with 32.0 GiB RAM and HiPerf NVMe 50GB root volume\n" +
        "SCS-2V:4:20s: SCS flavor with 2 generic x86-64 vCPUs with 4.0 GiB RAM and SSD 20GB root volume\n" +
        "foo: Not an SCS flavor\n" +
        "SCS-2T-4_ic: INVALID: Extra characters: _ic\n",
    );
    assert.equal(r.stderr, "WARNING: flavor name not v2: SCS-2V:4:20s\n");
    assert.equal(r.status, 1);
  });

  test("convert to v1 and v2", () => {
    assert.equal(
      scs(["flavor", "convert", "--to", "v1", "SCS-2V-4-20s", "SCS-01V-04-010"]).stdout,
      "SCS-2V:4:20s\nSCS-1V:4:10\n",
    );
    const r = scs(["flavor", "convert", "--to", "v2", "SCS-16T:64:3x10s-GNa:64-ib", "SCS-x"]);
    assert.equal(r.stdout, "SCS-16T-64-3x10s_GNa-64_ib\n");
    assert.equal(r.stderr, "Failed to parse main part: SCS-x\n");
    assert.equal(r.status, 1);
  });
});

describe("scs flavor generate", () => {
  test("from flags: name, short form, prose, extra_specs", () => {
    const r = scs([
      "flavor",
      "generate",
      "--cpus",
      "4",
      "--cpu-type",
      "V",
      "--ram",
      "16",
      "--disk",
      "100",
      "--disk-type",
      "s",
      "--cpu-vendor",
      "z",
      "--cpu-gen",
      "4",
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^name: SCS-4V-16-100s_z4\nshort: SCS-4V-16-100s\nprose: SCS flavor with 4 AMD Zen 4\/4c vCPUs/,
    );
    assert.match(r.stdout, /\n {2}scs:name-v4: SCS-4V-16-100s\n$/);
    const json = JSON.parse(
      scs(["flavor", "generate", "--cpus", "2", "--cpu-type", "C", "--ram", "0.5", "--no-ecc", "--json"])
        .stdout,
    );
    assert.equal(json.name, "SCS-2C-0.5u");
    assert.equal(json.extraSpecs["scs:cpu-type"], "dedicated-core");
  });

  test("invalid flag values: one line listing the allowed values", () => {
    const r = scs(["flavor", "generate", "--cpus", "4", "--cpu-type", "Q", "--ram", "16"]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      "scs: error: invalid CPU type 'Q'; allowed: L (LowPerf vCPUs), V (vCPUs), T (SMT Threads), C (Dedicated Cores)\n",
    );
    assert.match(
      scs(["flavor", "generate", "--cpus", "4", "--cpu-type", "V", "--ram", "1.3"]).stderr,
      /positive multiple of 0\.5/,
    );
    assert.match(
      scs([
        "flavor",
        "generate",
        "--cpus",
        "4",
        "--cpu-type",
        "V",
        "--ram",
        "2",
        "--cpu-vendor",
        "r",
        "--cpu-gen",
        "2",
      ]).stderr,
      /invalid generation for CPU vendor r '2'; allowed: 0 \(Unspec\)/,
    );
    assert.match(
      scs(["flavor", "generate", "--cpus", "0", "--cpu-type", "V", "--ram", "2"]).stderr,
      /positive integer/,
    );
  });

  test("interactive questionnaire from piped answers, with a retry on a bad answer", () => {
    // cpus, type (bad, then v), insecure, ram, noECC, over; disks 2, size 50, type s; no hypervisor;
    // hwvirt yes; vendor a, gen 2, perf h; no GPU; IB no.
    const answers = ["4", "Q", "v", "n", "8", "", "", "2", "50", "s", "", "y", "a", "2", "h", "", ""].join(
      "\n",
    );
    const r = scs(["flavor", "generate"], { input: `${answers}\n` });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /CPU-RAM\n #vCPUs: {2}CPU type Options:\n {2}L: LowPerf vCPUs\n/);
    assert.match(r.stdout, / INVALID!\n/);
    assert.match(r.stdout, /name: SCS-4V-8-2x50s_hwv_a2h\nshort: SCS-4V-8-2x50s_a\n/);
  });

  test("interactive input that ends early is a clear error", () => {
    const r = scs(["flavor", "generate"], { input: "4\n" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /input ended before the questionnaire was complete/);
  });
});

test("scs --help and --version; every flavor command has examples", () => {
  const help = scs(["--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Examples:/);
  assert.match(scs(["--version"]).stdout, /^\d+\.\d+\.\d+\n$/);
  for (const cmd of ["parse", "describe", "convert", "generate"]) {
    const r = scs(["flavor", cmd, "--help"]);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, /Examples:\n {2}scs flavor/, cmd);
  }
  assert.equal(scs(["nonsense"]).status, 2);
});
