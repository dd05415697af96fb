/** `scs upload` and `scs check --upload` against a real `scs monitor serve` (SQLite). */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { parse } from "yaml";
import { type RunningMonitor, serveMonitor } from "../../src/monitor/serve.ts";
import { signFile } from "../../src/ssh/files.ts";
import { generateEd25519 } from "../../src/ssh/keygen.ts";
import { openSigningKey } from "../../src/ssh/signing-key.ts";
import { tokenOf } from "../../src/upload/token.ts";
import { reportYaml } from "../monitor/harness.ts";
import { scsAsync } from "../support/cli.ts";

const API_KEY = "cloud-a-api-key-0123456789";
const TOKEN = tokenOf("cloud-a", API_KEY);

describe("scs upload against a real monitor", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-upload-"));
  const spool = join(dir, "spool");
  const db = join(dir, "monitor.db");
  const keyPath = join(dir, "keyfile");
  let running: RunningMonitor | undefined;
  let port = 0;

  const start = async () => {
    running = await serveMonitor({
      db,
      port,
      host: "127.0.0.1",
      bootstrapPath: join(dir, "bootstrap.yaml"),
      log: () => {},
    });
    port = Number(new URL(running.url).port);
  };
  const stop = async () => {
    await running?.close();
    running = undefined;
  };
  const url = () => `http://127.0.0.1:${port}/`;
  const upload = (args: string[], env: NodeJS.ProcessEnv = { SCS_MONITOR_TOKEN: TOKEN }) =>
    scsAsync(["upload", "-m", url(), "--spool", spool, ...args], { env });
  const stored = async (uuid: string) =>
    (await fetch(`${url()}reports/${uuid}`, { headers: { authorization: `Basic ${TOKEN}` } })).status === 200;
  const spooled = () => {
    const folders = existsSync(spool) ? readdirSync(spool) : [];
    return folders.flatMap((f) => readdirSync(join(spool, f)).filter((n) => n.includes(".signed-")));
  };

  /** A report of cloud-a with its signature beside it. */
  const signedReport = async (name: string, uuid: string) => {
    const path = join(dir, name);
    writeFileSync(path, reportYaml({ subject: "cloud-a", uuid }));
    await signFile(path, await openSigningKey(keyPath), "report");
    return path;
  };

  before(async () => {
    const pair = generateEd25519("cloud_a");
    writeFileSync(keyPath, pair.privateKey, { mode: 0o600 });
    const [type, blob] = pair.publicKeyLine.split(" ");
    writeFileSync(
      join(dir, "bootstrap.yaml"),
      `accounts:\n  - subject: cloud-a\n    api_keys: ["${bcrypt.hashSync(API_KEY, 4)}"]\n    keys:\n      - {public_key: "${blob}", public_key_type: ${type}, public_key_name: primary}\n`,
    );
    await start();
  });
  after(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("uploads a signed report; a second upload of it counts as done (409)", async () => {
    const report = await signedReport("one.yaml", "11111111-0000-4000-8000-000000000001");
    const first = await upload([report]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /one\.yaml: uploaded\n/);
    assert.ok(await stored("11111111-0000-4000-8000-000000000001"));
    const again = await upload([report]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /one\.yaml: already on the monitor\n/);
    assert.ok(
      !`${first.stderr}${again.stderr}`.includes(API_KEY) &&
        !`${first.stderr}${again.stderr}`.includes(TOKEN),
    );
  });

  it("monitor down: the report waits in the spool (75); the next scs upload sends it", async () => {
    const report = await signedReport("two.yaml", "11111111-0000-4000-8000-000000000002");
    await stop();
    try {
      const down = await upload(["--attempts", "2", report]);
      assert.equal(down.status, 75, down.stderr);
      assert.match(
        down.stderr,
        /two\.yaml: not delivered, kept in the spool for the next scs upload: cannot connect \(ECONNREFUSED\); kept as \S+two\.yaml\.signed-yaml\n/,
      );
      assert.equal(spooled().length, 1);
    } finally {
      await start();
    }
    const later = await upload([]);
    assert.equal(later.status, 0, later.stderr);
    assert.match(later.stderr, /spool:\S+two\.yaml\.signed-yaml: uploaded\n/);
    assert.ok(await stored("11111111-0000-4000-8000-000000000002"));
    assert.deepEqual(spooled(), []);
    const nothing = await upload([]);
    assert.equal(nothing.status, 0);
    assert.match(nothing.stderr, /nothing to upload/);
  });

  it("a wrong API key is refused (1), said once and not spooled", async () => {
    const report = await signedReport("three.yaml", "11111111-0000-4000-8000-000000000003");
    const r = await upload([report], { SCS_MONITOR_TOKEN: tokenOf("cloud-a", "wrong") });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /three\.yaml: refused by the monitor: HTTP 401 Incorrect username or password\n/);
    assert.deepEqual(spooled(), []);
    assert.ok(!(await stored("11111111-0000-4000-8000-000000000003")));
  });

  it("user mistakes: one line, exit 2, nothing sent", async () => {
    const report = await signedReport("four.yaml", "11111111-0000-4000-8000-000000000004");
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [
        [report],
        { SCS_MONITOR_TOKEN: "" },
        /^scs: error: no monitor credentials: set SCS_MONITOR_TOKEN or give --token-file FILE/,
      ],
      [[report], { SCS_MONITOR_TOKEN: "garbage!" }, /^scs: error: SCS_MONITOR_TOKEN is not a monitor token/],
      [
        [report, join(dir, "missing.yaml")],
        { SCS_MONITOR_TOKEN: TOKEN },
        /^scs: error: cannot read the report \S+missing\.yaml: no such file\n$/,
      ],
      [
        ["--token-file", join(dir, "none"), report],
        { SCS_MONITOR_TOKEN: "" },
        /^scs: error: cannot read the monitor token from \S+none/,
      ],
    ];
    for (const [args, env, expected] of cases) {
      const r = await upload(args, env);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
    writeFileSync(join(dir, "five.yaml"), "---\nsubject: cloud-a\n");
    const unsigned = await upload([join(dir, "five.yaml")]);
    assert.equal(unsigned.status, 2);
    assert.match(
      unsigned.stderr,
      /cannot read its signature \(scs sign -k KEY FILE writes it\) \S+five\.yaml\.sig: no such file/,
    );
    const withCreds = await scsAsync(
      ["upload", "-m", `http://cloud-a:${API_KEY}@127.0.0.1:${port}/`, report],
      {
        env: { SCS_MONITOR_TOKEN: TOKEN },
      },
    );
    assert.equal(withCreds.status, 2);
    assert.ok(!withCreds.stderr.includes(API_KEY), "the credentials are not echoed");
    assert.ok(!(await stored("11111111-0000-4000-8000-000000000004")));
  });

  it("the token file of the reference (base64 of subject:key) works", async () => {
    const report = await signedReport("six.yaml", "11111111-0000-4000-8000-000000000006");
    writeFileSync(join(dir, "tokenfile"), `${TOKEN}\n`, { mode: 0o600 });
    const r = await upload(["--token-file", join(dir, "tokenfile"), report], { SCS_MONITOR_TOKEN: "" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(await stored("11111111-0000-4000-8000-000000000006"));
    assert.equal(readFileSync(join(dir, "tokenfile"), "utf8"), `${TOKEN}\n`);
  });

  // A scope whose testcases are not implemented: a whole check that needs no cloud.
  const kaas = [
    "scs-compatible-kaas.yaml",
    "-s",
    "cloud-a",
    "-a",
    "kubeconfig=k",
    "-a",
    "subject_root=r",
    "-q",
  ];

  it("scs check --sign --upload: checks, signs and uploads in one go", async () => {
    const out = join(dir, "checked.yaml");
    const r = await scsAsync(
      ["check", ...kaas, "-o", out, "--sign", keyPath, "--upload", url(), "--spool", spool],
      { env: { SCS_MONITOR_TOKEN: TOKEN } },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /checked\.yaml: uploaded\n/);
    const uuid = (parse(readFileSync(out, "utf8")) as { run: { uuid: string } }).run.uuid;
    assert.ok(uuid && (await stored(uuid)));
  });

  it("scs check --upload: without --sign, or with the monitor down", async () => {
    const out = join(dir, "unsigned.yaml");
    const unsigned = await scsAsync(["check", ...kaas, "-o", out, "--upload", url()], {
      env: { SCS_MONITOR_TOKEN: TOKEN },
    });
    assert.equal(unsigned.status, 2);
    assert.equal(
      unsigned.stderr,
      "scs: error: --upload needs --sign KEY: the monitor takes signed reports only\n",
    );
    assert.ok(!existsSync(out), "nothing checked, nothing written");
    await stop();
    try {
      const down = await scsAsync(
        ["check", ...kaas, "-o", out, "--sign", keyPath, "--upload", url(), "--spool", spool],
        { env: { SCS_MONITOR_TOKEN: TOKEN } },
      );
      assert.equal(down.status, 1, "a report that did not arrive is not a clean run");
      assert.match(down.stderr, /unsigned\.yaml: not delivered, kept in the spool/);
      assert.ok(existsSync(out) && existsSync(`${out}.sig`));
      assert.equal(spooled().length, 1);
    } finally {
      await start();
    }
    const later = await upload([]);
    assert.equal(later.status, 0, later.stderr);
    assert.deepEqual(spooled(), []);
  });
});
