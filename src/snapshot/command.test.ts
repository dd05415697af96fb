import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { run } from "../cli/program.ts";
import { ScsError } from "../errors.ts";
import { FAKE_PASSWORD, FAKE_TOKEN_PREFIX, FaultServer } from "../openstack/testing/fault-server.ts";
import { preflightProblem, snapshotCommand } from "./command.ts";
import { readSnapshot } from "./file.ts";

describe("scs snapshot (command)", () => {
  let server: FaultServer;
  let dir: string;
  const saved = process.env["OS_CLIENT_CONFIG_FILE"];

  before(async () => {
    server = await new FaultServer().start();
    server
      .on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({ status: 200, json: { flavors: [] } }))
      .on("GET", /^\/image\/v2\/images$/, () => ({ status: 200, json: { images: [] } }))
      .on("GET", /^\/volume\/v3\/pid\/types$/, () => ({ status: 200, json: { volume_types: [] } }))
      .on("GET", /^\/network\/v2\.0\/security-groups$/, () => ({
        status: 200,
        json: { security_groups: [] },
      }))
      .on("GET", /^\/network\/v2\.0\/networks$/, () => ({
        status: 500,
        json: { NeutronError: { message: "down" } },
      }));
    dir = mkdtempSync(join(tmpdir(), "scs-snapcmd-"));
    writeFileSync(join(dir, "clouds.yaml"), server.cloudsYaml());
    process.env["OS_CLIENT_CONFIG_FILE"] = join(dir, "clouds.yaml");
  });
  after(async () => {
    if (saved === undefined) delete process.env["OS_CLIENT_CONFIG_FILE"];
    else process.env["OS_CLIENT_CONFIG_FILE"] = saved;
    await server.stop();
  });

  it("writes the file, warns about unreadable facts, exits 1, and traces requests without secrets", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const path = join(dir, "cloud.json");
    const { exitCode } = await snapshotCommand(
      { cloud: "fake", output: path, debug: true },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    );
    assert.equal(exitCode, 1);
    assert.deepEqual(out, []);
    const stderr = err.join("");
    assert.match(
      stderr,
      /^snapshot: warning: could not read networks: GET .*\/networks failed with HTTP 500: down$/m,
    );
    assert.match(
      stderr,
      /^debug: GET http:\/\/127\.0\.0\.1:\d+\/compute\/v2\.1\/flavors\/detail\?sort_key=flavorid&sort_dir=asc&limit=512 200 \d+ ms$/m,
    );
    assert.match(stderr, /^debug: \d+ requests in \d+ ms$/m);
    const file = readFileSync(path, "utf8");
    for (const text of [stderr, file]) {
      assert.ok(!text.includes(FAKE_PASSWORD));
      assert.ok(!text.includes(FAKE_TOKEN_PREFIX));
    }
    assert.equal((await readSnapshot(path)).cloud.name, "fake");
  });

  it("writes to stdout without -o and is quiet with --quiet", async () => {
    const out: string[] = [];
    const err: string[] = [];
    await snapshotCommand(
      { cloud: "fake", quiet: true },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    );
    assert.equal(JSON.parse(out.join("")).format, "scs-cloud-snapshot");
    assert.deepEqual(
      err.filter((l) => !l.includes("warning")),
      [],
    );
  });

  it("refuses an unknown cloud before writing anything, listing the known ones", async () => {
    const path = join(dir, "never.json");
    await assert.rejects(
      snapshotCommand({ cloud: "nope", output: path }, { stdout: () => {}, stderr: () => {} }),
      (e: unknown) =>
        e instanceof ScsError &&
        e.exitCode === 2 &&
        /unknown cloud "nope" .*known clouds: fake/.test(e.message),
    );
    assert.ok(!existsSync(path));
    assert.equal(await run(["snapshot", "-c", "nope", "-o", path, "-q"]), 2);
  });

  it("exits 3 and writes nothing when the cloud refuses the credentials", async () => {
    writeFileSync(
      join(dir, "clouds.yaml"),
      readFileSync(join(dir, "clouds.yaml"), "utf8").replace(FAKE_PASSWORD, "wrong-wrong-wrong"),
    );
    const path = join(dir, "refused.json");
    assert.equal(await run(["snapshot", "-c", "fake", "-o", path, "-q"]), 3);
    assert.ok(!existsSync(path));
  });
});

describe("preflightProblem", () => {
  it("warns about admin, manager and a missing member role", () => {
    assert.equal(preflightProblem(["member", "reader"]), null);
    assert.match(preflightProblem(["admin", "member"]) ?? "", /^taken with role admin: scs check refuses/);
    assert.match(preflightProblem(["manager", "admin"]) ?? "", /role manager and admin/);
    assert.match(preflightProblem(["reader"]) ?? "", /without role member/);
  });
});
