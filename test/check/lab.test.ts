/**
 * `scs check` against the real OpenStack lab (scripts/lab/up.sh + scripts/lab/populate): the
 * report a member's run writes, and the pre-flight that refuses the admin.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { parseReport } from "../../src/standards/scope/index.ts";
import { requirePart } from "../support/require.ts";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const CONFIG = process.env["OS_CLIENT_CONFIG_FILE"] ?? "/etc/openstack/clouds.yaml";
// Testcases that read facts only (no flavors: compute is the lab's slowest service; no resources).
const QUICK = "scs-0102|scs-0114|scs-0123";

async function labAvailable(): Promise<boolean> {
  if (!existsSync(CONFIG)) return false;
  try {
    return (await fetch("http://127.0.0.1:5000/v3", { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

function scs(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** `scs check` of the QUICK testcases against one of the lab's clouds, with more arguments after. */
function checkQuick(cloud: string, ...more: string[]) {
  return scs(["check", "-s", "lab", "--os-cloud", cloud, "-t", QUICK, ...more]);
}

/** The passwords of the lab's clouds: none may appear in any output. */
function passwords(): string[] {
  const config = parse(readFileSync(CONFIG, "utf8")) as {
    clouds?: Record<string, { auth?: { password?: string } }>;
  };
  return Object.values(config.clouds ?? {}).flatMap((c) => (c.auth?.password ? [c.auth.password] : []));
}

const WHY = "OpenStack lab (scripts/lab/up.sh, then scripts/lab/populate)";

describe("scs check on the lab", { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-check-lab-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("as lab-member: a report the monitor can read, exit status from its counters, no secrets", async (t) => {
    if (!requirePart(t, await labAvailable(), WHY)) return;
    const output = join(dir, "member.yaml");
    const junit = join(dir, "member.xml");
    const run = await checkQuick("lab-member", "-o", output, "--debug");
    const text = readFileSync(output, "utf8");
    const parsed = parseReport(text);
    assert.ok(parsed.ok, parsed.ok ? "" : JSON.stringify(parsed.issues));
    const report = parsed.value;
    const [inv, ...more] = Object.values(report.run.invocations);
    assert.equal(more.length, 0);
    assert.ok(inv);
    assert.equal(inv.rc, 0, inv.stderr.join("\n"));
    const ids = Object.keys(inv.results);
    assert.ok(ids.length >= 20, `only ${ids.length} results`);
    assert.ok(ids.every((id) => /^(scs-0102|scs-0114|scs-0123)/.test(id)));
    assert.deepEqual(
      inv.stdout,
      ids.map((id) => `${id}: ${({ 1: "PASS", 0: "ABORT", [-1]: "FAIL" } as const)[inv.results[id]!]}`),
    );
    const fails = Object.values(inv.results).filter((r) => r === -1).length;
    assert.equal(run.status, Math.min(127, inv.critical + inv.error + fails));
    assert.match(run.stderr, /checked \d+ testcases in \d+ ms with \d+ HTTP requests/);

    const again = await checkQuick("lab-member", "-o", junit, "-q");
    const xml = readFileSync(junit, "utf8");
    assert.match(xml, /<testsuite name="SCS-compatible IaaS v5\.1 \(effective\)"/);
    for (const secret of passwords()) {
      for (const out of [run.stdout, run.stderr, text, again.stdout, again.stderr, xml]) {
        assert.equal(out.includes(secret), false, "a password reached an output");
      }
    }
  });

  it("offline from a snapshot: the same verdicts as live, no HTTP request, live-only testcases ABORT", async (t) => {
    if (!requirePart(t, await labAvailable(), WHY)) return;
    const results = (file: string) => {
      const parsed = parseReport(readFileSync(file, "utf8"));
      assert.ok(parsed.ok);
      return Object.values(parsed.value.run.invocations)[0]!;
    };
    // Other suites may repopulate the shared lab meanwhile: a comparison counts only when the
    // facts were the same before and after the live run.
    const facts = (file: string) => {
      const s = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      return JSON.stringify([s["flavors"], s["images"], s["volumeTypes"], s["catalog"]]);
    };
    let compared = false;
    for (let attempt = 1; attempt <= 3 && !compared; attempt++) {
      const before = join(dir, `before-${attempt}.json`);
      const afterwards = join(dir, `after-${attempt}.json`);
      const live = join(dir, `live-${attempt}.yaml`);
      const offline = join(dir, `offline-${attempt}.yaml`);
      const taken = await scs(["snapshot", "-c", "lab-member", "-q", "-o", before]);
      assert.ok(taken.status === 0 || taken.status === 1, taken.stderr);
      await checkQuick("lab-member", "-q", "-o", live);
      await scs(["snapshot", "-c", "lab-member", "-q", "-o", afterwards]);
      if (facts(before) !== facts(afterwards)) continue;
      const run = await scs([
        "check",
        "-s",
        "lab",
        "--snapshot",
        before,
        "-t",
        `${QUICK}|scs-0117`,
        "-q",
        "--debug",
        "-o",
        offline,
      ]);
      assert.match(run.stderr, /with 0 HTTP requests/);
      const off = results(offline);
      assert.equal(off.results["scs-0117-test-backup"], 0);
      assert.ok(
        off.stderr.some((l) => /^WARNING: scs-0117-test-backup: needs a live cloud, not snapshot /.test(l)),
      );
      const { "scs-0117-test-backup": _, ...rest } = off.results;
      assert.deepEqual(rest, results(live).results);
      compared = true;
    }
    assert.ok(compared, "the lab changed during each of 3 attempts; nothing could be compared");
  });

  it("as lab-admin: the pre-flight refuses, every testcase ABORTs, -C exits non-zero", async (t) => {
    if (!requirePart(t, await labAvailable(), WHY)) return;
    const output = join(dir, "admin.yaml");
    const run = await checkQuick("lab-admin", "-C", "-q", "-o", output);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^CRITICAL: user privileges too high: admin\/manager roles detected \(admin\)/m);
    const parsed = parseReport(readFileSync(output, "utf8"));
    assert.ok(parsed.ok);
    const [inv] = Object.values(parsed.value.run.invocations);
    assert.equal(inv?.rc, 1);
    assert.ok(Object.values(inv?.results ?? {}).every((r) => r === 0));
    assert.equal(run.stdout, "");
  });
});
