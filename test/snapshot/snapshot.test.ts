/**
 * `scs snapshot` on the lab, through the real program in a child process: the file round-trips
 * through readSnapshot, holds every fact, and no secret appears in it or in the output.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadCloudConfig } from "../../src/openstack/index.ts";
import { readSnapshot } from "../../src/snapshot/index.ts";
import { LAB_WHY, labAvailable, MEMBER } from "../openstack/lab.ts";
import { requirePart } from "../support/require.ts";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const available = await labAvailable();

function scs(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...argv],
      { maxBuffer: 64 << 20 },
      (error, out, err) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, out, err });
      },
    );
  });
}

describe("scs snapshot on the lab", { timeout: 180_000 }, () => {
  it("writes a complete, secrets-free snapshot that reads back", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const path = join(mkdtempSync(join(tmpdir(), "scs-snap-")), "lab.json");
    const { status, out, err } = await scs("snapshot", "--os-cloud", MEMBER, "-o", path, "--debug");
    assert.equal(status, 0, err);
    assert.equal(out, "");
    assert.match(err, /^snapshot: authenticated as lab-member \(roles: .*member/m);
    assert.match(
      err,
      /^debug: GET http:\/\/127\.0\.0\.1:8774\/v2\.1\/flavors\/detail\?sort_key=flavorid&sort_dir=asc&limit=512 200 \d+ ms$/m,
    );
    assert.match(err, /^debug: \d+ requests in \d+ ms$/m);

    const snap = await readSnapshot(path);
    assert.equal(snap.cloud.name, MEMBER);
    assert.ok(snap.identity.roles.includes("member"));
    assert.ok(snap.flavors.ok && snap.flavors.value.some((f) => f.extraSpecs["scs:name-v2"]));
    assert.ok(snap.images.ok && snap.images.value.length > 0);
    assert.ok(snap.volumeTypes.ok && snap.volumeTypes.value.some((v) => v.description?.startsWith("[scs:")));
    assert.ok(snap.securityGroups.ok && snap.securityGroups.value.some((g) => g.name === "default"));
    assert.deepEqual(snap.defaultSecurityGroupRules, { ok: true, value: null });
    assert.deepEqual(snap.s3Probe, { ok: true, value: { kind: "no-object-store" } });
    assert.ok(snap.catalog.some((e) => e.type === "compute"));
    assert.ok(snap.stats.requests <= 12, `${snap.stats.requests} requests`);

    const config = loadCloudConfig(MEMBER);
    const password = config.auth.kind === "password" ? config.auth.password : "";
    const file = readFileSync(path, "utf8");
    for (const text of [file, err]) {
      assert.ok(password && !text.includes(password), "password leaked");
      assert.doesNotMatch(text, /gAAAAA/, "a Fernet token leaked");
      assert.doesNotMatch(text, /"auth"|x-auth-token|x-subject-token/i);
    }
  });

  it("writes to stdout and fails with exit 2 and one line for an unknown cloud", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const ok = await scs("snapshot", "-c", MEMBER, "-q");
    assert.equal(ok.status, 0, ok.err);
    assert.equal(JSON.parse(ok.out).format, "scs-cloud-snapshot");
    const bad = await scs("snapshot", "-c", "no-such-cloud");
    assert.equal(bad.status, 2);
    assert.match(
      bad.err,
      /^scs: error: unknown cloud "no-such-cloud" in .*; known clouds: .*lab-admin, lab-member.*\n$/,
    );
  });
});
