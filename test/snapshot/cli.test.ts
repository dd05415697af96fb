/** `scs snapshot` as a user runs it, without a cloud: help, usage errors, configuration errors. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

function scs(
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ status: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...argv],
      { env: { ...process.env, ...env } },
      (error, out, err) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, out, err });
      },
    );
  });
}

describe("scs snapshot (CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-snapcli-"));
  const clouds = join(dir, "clouds.yaml");
  writeFileSync(
    clouds,
    "clouds:\n  one:\n    auth:\n      auth_url: http://127.0.0.1:9/v3\n      username: u\n      password: pw-never-shown\n      user_domain_name: Default\n      project_name: p\n      project_domain_name: Default\n    api_timeout: 2\n",
  );
  const env = { OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: "" };

  it("--help shows the options, examples and exit statuses", async () => {
    const { status, out } = await scs(env, "snapshot", "--help");
    assert.equal(status, 0);
    assert.match(out, /-c, --os-cloud <name>/);
    assert.match(out, /Examples:\n {2}scs snapshot --os-cloud mycloud -o mycloud\.json/);
    assert.match(out, /Exit status: 0 snapshot complete; 1 written, but some facts/);
  });

  it("an unknown cloud is one line and exit 2", async () => {
    const { status, out, err } = await scs(env, "snapshot", "-c", "two");
    assert.equal(status, 2);
    assert.equal(out, "");
    assert.equal(err, `scs: error: unknown cloud "two" in ${clouds}; known clouds: one\n`);
  });

  it("an unknown option is exit 2", async () => {
    const { status, err } = await scs(env, "snapshot", "--frobnicate");
    assert.equal(status, 2);
    assert.match(err, /unknown option '--frobnicate'/);
  });

  it("an unreachable Keystone is one line, exit 3, without the password", async () => {
    const { status, out, err } = await scs(env, "snapshot", "-c", "one", "-q");
    assert.equal(status, 3);
    assert.equal(out, "");
    assert.match(
      err,
      /^scs: error: cannot authenticate to cloud "one": cannot connect to http:\/\/127\.0\.0\.1:9: connection refused/,
    );
    assert.equal(err.split("\n").length, 2);
    assert.ok(!err.includes("pw-never-shown"));
  });
});
