/**
 * `scs run` end to end on the OpenStack lab with a real monitor: the member cloud under two subject
 * names and a third subject whose cloud refuses connections. Checked in parallel, signed, uploaded,
 * shown on the overview; with the monitor down the reports wait in the spool for `scs upload`.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { parse, stringify } from "yaml";
import { type RunningMonitor, serveMonitor } from "../../src/monitor/serve.ts";
import { generateEd25519 } from "../../src/ssh/keygen.ts";
import { tokenOf } from "../../src/upload/token.ts";
import { LAB_WHY, labAvailable, labConfigPath, MEMBER } from "../openstack/lab.ts";
import { scsAsync } from "../support/cli.ts";
import { requirePart } from "../support/require.ts";

// Testcases that read facts only (no resources created): the run is about orchestration.
const QUICK = "scs-0102|scs-0114|scs-0123";

describe("scs run on the lab with a local monitor", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-run-lab-"));
  const spool = join(dir, "spool");
  let available = false;
  let running: RunningMonitor | undefined;
  let port = 0;
  const env = () => ({ OS_CLIENT_CONFIG_FILE: join(dir, "clouds.yaml"), CI: "true", SCS_MONITOR_TOKEN: "" });
  const start = async () => {
    running = await serveMonitor({
      db: join(dir, "monitor.db"),
      port,
      host: "127.0.0.1",
      bootstrapPath: join(dir, "bootstrap.yaml"),
      log: () => {},
    });
    port = Number(new URL(running.url).port);
  };
  const url = () => `http://127.0.0.1:${port}/`;
  const spooled = () =>
    existsSync(spool)
      ? readdirSync(spool).flatMap((f) => readdirSync(join(spool, f)).filter((n) => n.includes(".signed-")))
      : [];

  before(async () => {
    available = await labAvailable();
    if (!available) return;
    // clouds.yaml of the lab plus a cloud whose Keystone refuses connections
    const clouds = parse(readFileSync(labConfigPath(), "utf8")) as {
      clouds: Record<string, { auth: object }>;
    };
    const member = clouds.clouds[MEMBER]!;
    clouds.clouds["lab-down"] = { ...member, auth: { ...member.auth, auth_url: "http://127.0.0.1:9/v3" } };
    writeFileSync(join(dir, "clouds.yaml"), stringify(clouds), { mode: 0o600 });
    // the runner's account signs and uploads for both subjects (delegation), as the SCS CI does
    const pair = generateEd25519("runner");
    writeFileSync(join(dir, "keyfile"), pair.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, "tokenfile"), `${tokenOf("runner", "runner-key")}\n`, { mode: 0o600 });
    const [type, blob] = pair.publicKeyLine.trim().split(" ");
    writeFileSync(
      join(dir, "bootstrap.yaml"),
      [
        "accounts:",
        "  - subject: runner",
        "    roles: [append_any, read_any]",
        `    api_keys: ["${bcrypt.hashSync("runner-key", 4)}"]`,
        `    keys: [{public_key: "${blob}", public_key_type: ${type}, public_key_name: primary}]`,
        ...["lab-a", "lab-b", "lab-down"].map((s) => `  - subject: ${s}\n    delegates: [runner]`),
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "config.toml"),
      [
        "[secrets]",
        'keyfile = "keyfile"',
        'tokenfile = "tokenfile"',
        "[presets.default]",
        'scopes = ["scs-compatible-iaas"]',
        'subjects = ["lab-a", "lab-b", "lab-down"]',
        "[scopes.scs-compatible-iaas]",
        `spec = "${join(process.cwd(), "data", "scs-compatible-iaas.yaml")}"`,
        "[subjects._.mapping]",
        `os_cloud = "${MEMBER}"`,
        "[subjects.lab-down.mapping]",
        'os_cloud = "lab-down"',
        "",
      ].join("\n"),
    );
    await start();
  });
  after(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("checks both subjects in parallel, signs, uploads; the unreachable one ABORTs with the reason", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const out = join(dir, "out");
    const r = await scsAsync(
      [
        "run",
        "-c",
        join(dir, "config.toml"),
        "-t",
        QUICK,
        "--monitor-url",
        url(),
        "-o",
        out,
        "--spool",
        spool,
      ],
      { env: env() },
    );
    const lines = r.stderr.trim().split("\n");
    // both lab subjects were under way before either ended (workers default to 5)
    const firstEnd = lines.findIndex((l) => !l.endsWith(": checking"));
    assert.ok(lines.slice(0, firstEnd).includes("lab-a: checking"), r.stderr);
    assert.ok(lines.slice(0, firstEnd).includes("lab-b: checking"), r.stderr);
    assert.match(
      r.stderr,
      /^lab-down: ABORT: could not read the roles of the credentials: .*connection refused.* after \d+\.\d s$/m,
    );
    assert.match(r.stdout, /^lab-a +.* uploaded$/m);
    assert.match(r.stdout, /^lab-b +.* uploaded$/m);
    // with -t the other testcases are missing, so the versions say "missing"; the reason says why
    assert.match(r.stdout, /^lab-down +\S+ +\S+ +uploaded$/m, "its ABORT report is uploaded too");
    assert.match(r.stdout, /^lab-down: could not read the roles of the credentials: .*connection refused/m);
    assert.ok(existsSync(join(out, "lab-a.yaml.sig")) && existsSync(join(out, "lab-b.yaml.sig")));
    assert.ok([0, 1].includes(r.status), r.stderr);
    assert.ok(!`${r.stdout}${r.stderr}`.includes("runner-key"));

    const overview = await (await fetch(`${url()}markdown/table`)).text();
    for (const subject of ["lab-a", "lab-b"])
      assert.match(overview, new RegExp(`^\\| ${subject} \\| +\\| +\\| \\[`, "m"), "a row of its own");
  });

  it("monitor down at upload: the reports stay on disk, a later scs upload sends them", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    await running?.close();
    const out = join(dir, "later");
    let r: Awaited<ReturnType<typeof scsAsync>>;
    try {
      r = await scsAsync(
        [
          "run",
          "-c",
          join(dir, "config.toml"),
          "--scope",
          "scs-compatible-iaas",
          "--subject",
          "lab-a,lab-b",
          "-t",
          "scs-0123",
          "--monitor-url",
          url(),
          "-o",
          out,
          "--spool",
          spool,
        ],
        { env: env() },
      );
    } finally {
      await start();
    }
    assert.match(r.stdout, /^lab-a +.* in spool$/m, r.stderr);
    assert.match(
      r.stderr,
      /lab-b\.yaml: not delivered, kept in the spool for the next scs upload: cannot connect/,
    );
    assert.equal(spooled().length, 2);
    assert.ok(existsSync(join(out, "lab-a.yaml")) && existsSync(join(out, "lab-b.yaml.sig")));
    const uuids = ["lab-a", "lab-b"].map(
      (s) => (parse(readFileSync(join(out, `${s}.yaml`), "utf8")) as { run: { uuid: string } }).run.uuid,
    );

    const sent = await scsAsync(
      ["upload", "-m", url(), "--token-file", join(dir, "tokenfile"), "--spool", spool],
      { env: env() },
    );
    assert.equal(sent.status, 0, sent.stderr);
    assert.deepEqual(spooled(), []);
    for (const uuid of uuids) {
      const res = await fetch(`${url()}reports/${uuid}`, {
        headers: { authorization: `Basic ${tokenOf("runner", "runner-key")}` },
      });
      assert.equal(res.status, 200);
    }
  });
});
