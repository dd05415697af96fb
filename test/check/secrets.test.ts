/**
 * Credentials never reach the report, the console or the JUnit file, even when a cloud echoes
 * them back in error messages. A fault-injecting stand-in on 127.0.0.1 plays the cloud (error
 * handling only; behaviour against a real cloud is in lab.test.ts).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { FAKE_PASSWORD, FAKE_TOKEN_PREFIX, FaultServer } from "../../src/openstack/testing/fault-server.ts";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

function scs(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { env: { ...process.env, ...env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe("scs check keeps credentials out of every output", () => {
  const server = new FaultServer();
  const dir = mkdtempSync(join(tmpdir(), "scs-check-secrets-"));
  const cloudsFile = join(dir, "clouds.yaml");

  before(async () => {
    await server.start();
    // Every service answers with an error that echoes the password and the token back.
    // 400: not retried, so the test stays quick
    const leak = (req: { headers: Record<string, unknown> }) => ({
      status: 400,
      json: {
        error: { message: `boom: password=${FAKE_PASSWORD} token=${String(req.headers["x-auth-token"])}` },
      },
    });
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, leak);
    server.on("GET", /^\/image\/v2\/images$/, leak);
    server.on("GET", /^\/volume\/v3\/pid\/types$/, leak);
    writeFileSync(cloudsFile, server.cloudsYaml());
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [format, file] of [
    ["yaml", "report.yaml"],
    ["junit", "report.xml"],
    ["json", "report.json"],
  ] as const) {
    it(`${format}: no password, no token; the failing facts ABORT their testcases`, async () => {
      const output = join(dir, file);
      const { status, stdout, stderr } = await scs(
        [
          "check",
          "-s",
          "fake",
          "--os-cloud",
          "fake",
          "-t",
          "scs-010[023]|scs-0114",
          "-v",
          "-o",
          output,
          "--debug",
        ],
        { OS_CLIENT_CONFIG_FILE: cloudsFile, SCS_DEBUG: "1" },
      );
      const written = readFileSync(output, "utf8");
      for (const [where, text] of [
        ["stdout", stdout],
        ["stderr", stderr],
        ["report", written],
      ] as const) {
        assert.equal(text.includes(FAKE_PASSWORD), false, `password in ${where}`);
        assert.equal(text.includes(FAKE_TOKEN_PREFIX), false, `token in ${where}`);
      }
      assert.ok(server.tokensIssued > 0, "the check authenticated");
      assert.match(stdout, /- main: FAIL \(0 passed, \d+ aborted/);
      assert.match(written, /could not read flavors/);
      // the cloud's message itself is kept, only the secrets are cut out (every run of 6
      // characters of one: "password" is part of this fake password, so it goes too)
      assert.match(written, /boom:\s+\*\*\*=\*\*\*\s+token=\*\*\*/);
      assert.ok(status > 0, "error lines count in the exit status");
    });
  }

  it("a wrong password is reported without the password, all testcases ABORT with a critical line", async () => {
    const wrong = join(dir, "wrong.yaml");
    writeFileSync(wrong, readFileSync(cloudsFile, "utf8").replace(FAKE_PASSWORD, "not-the-password-987"));
    const output = join(dir, "wrong-report.yaml");
    const { status, stdout, stderr } = await scs(
      ["check", "-s", "fake", "--os-cloud", "fake", "-C", "-o", output],
      {
        OS_CLIENT_CONFIG_FILE: wrong,
      },
    );
    const written = readFileSync(output, "utf8");
    for (const text of [stdout, stderr, written]) assert.equal(text.includes("not-the-password-987"), false);
    assert.match(stderr, /^CRITICAL: could not read the roles of the credentials: /m);
    assert.match(stderr, /^CRITICAL: Pre-flight checks failed\. Reporting all testcases as ABORT\.$/m);
    assert.equal(status, 2, "-C: the two critical lines");
    assert.match(written, /^ {6}rc: 1$/m);
  });
});
