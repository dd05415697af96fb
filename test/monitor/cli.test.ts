import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { localMoment, localTimestamp } from "../../src/standards/timestamp.ts";
import { CLOUD, fixture, fixtureBytes } from "./harness.ts";

const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const scs = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], { encoding: "utf8", timeout: 60_000 });

describe("scs monitor serve", () => {
  it("serves, answers /healthz and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scs-monitor-cli-"));
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        MAIN,
        "monitor",
        "serve",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--db",
        join(dir, "m.db"),
        "--bootstrap",
        fixture("bootstrap-example.yaml"),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      let stderr = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (d) => {
          stderr += d;
          const m = /listening on (http:\/\/\S+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
      });
      const health = await fetch(`${url}healthz`);
      assert.equal(health.status, 200);
      const page = await fetch(`${url}page/table`);
      assert.equal(page.status, 200);
      const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      assert.equal(await exit, 0);
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a bootstrap with placeholder hashes in one line, exit 2, without echoing values", () => {
    const res = scs([
      "monitor",
      "serve",
      "--db",
      ":memory:",
      "--port",
      "0",
      "--bootstrap",
      fixture("compliance-monitor-bootstrap.yaml"),
    ]);
    assert.equal(res.status, 2);
    assert.equal(
      res.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("npm warn"))
        .join("\n"),
      "scs: error: " +
        fixture("compliance-monitor-bootstrap.yaml") +
        ": accounts[0] (admin).api_keys[0] is not a bcrypt ($2b$) or argon2id password hash",
    );
    assert.doesNotMatch(res.stderr, /REDACTED/);
  });

  it("refuses a bad port and a base URL without trailing slash", () => {
    assert.match(scs(["monitor", "serve", "--port", "http"]).stderr, /--port must be 0\.\.65535, got http/);
    const res = scs(["monitor", "serve", "--base-url", "/monitor"]);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /--base-url must end with "\/"/);
    const bad = scs(["monitor", "serve", "--now", "2026-13-45 25:61:61"]);
    assert.equal(bad.status, 2);
    assert.deepEqual(bad.stderr.trim().split("\n"), [
      "scs: error: --now must be a real local time 'YYYY-MM-DD HH:MM:SS', got '2026-13-45 25:61:61'",
    ]);
  });

  it("--now freezes the clock: the signed sample's results are judged as of the day after it was made", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scs-monitor-cli-"));
    // The sample is signed, so its date is fixed; the machine's today is long past its results' expiry.
    const sample = fixtureBytes("report-example.yaml").toString("utf8");
    const checkedAt = localMoment(/^checked_at: (.+)$/m.exec(sample)![1]!);
    const dayAfter = localTimestamp(new Date(checkedAt.getTime() + 86_400_000))
      .slice(0, 19)
      .replace("T", " ");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", MAIN, "monitor", "serve", "--port", "0", "--host", "127.0.0.1"]
        .concat(["--db", join(dir, "m.db"), "--bootstrap", fixture("bootstrap-example.yaml")])
        .concat(["--now", dayAfter]),
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      let stderr = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (d) => {
          stderr += d;
          const m = /listening on (http:\/\/\S+)/.exec(stderr);
          if (m && stderr.includes("clock frozen")) resolve(m[1]!);
        });
        child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
      });
      assert.match(
        stderr,
        new RegExp(`monitor: clock frozen at ${dayAfter.replace(" ", "T")}\\.000000 \\(--now\\)`),
      );
      const upload = await fetch(`${url}reports`, {
        method: "POST",
        body: fixtureBytes("report-example.body"),
        headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
      });
      assert.equal(upload.status, 200, await upload.text());
      const detail = await (await fetch(`${url}page/detail/example-cloud/scs-compatible-iaas`)).text();
      assert.match(detail, /scs-0102-prop-architecture.*?FAIL/s, "the result has not expired as of --now");
    } finally {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a trusted proxy that is not an IP address", () => {
    const res = scs(["monitor", "serve", "--trusted-proxy", "127.0.0.1", "proxy.example"]);
    assert.equal(res.status, 2);
    assert.equal(res.stderr, "scs: error: --trusted-proxy must be an IP address, got proxy.example\n");
  });
});
