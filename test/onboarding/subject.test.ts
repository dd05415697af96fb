/** Onboarding with one command: `scs subject add` and `scs monitor hash-key`, checked by a real monitor. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { hashFormat, passwordMatches } from "../../src/monitor/auth/password-hash.ts";
import { serveMonitor } from "../../src/monitor/serve.ts";
import { reportYaml } from "../monitor/harness.ts";
import { scsAsync } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "scs-onboarding-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("scs subject add", () => {
  it("creates key pair and token; the printed entry lets the subject upload to a real monitor", async () => {
    const added = await scsAsync(["subject", "add", "new-cloud"], { cwd: dir });
    assert.equal(added.status, 0, added.stderr);
    const secret = join(dir, ".secret");
    assert.equal(statSync(join(secret, "keyfile")).mode & 0o777, 0o600);
    assert.equal(statSync(join(secret, "tokenfile")).mode & 0o777, 0o600);
    assert.match(readFileSync(join(secret, "keyfile.pub"), "utf8"), /^ssh-ed25519 AAAA\S+ new_cloud\n$/);
    const [bootstrapPart, configPart] = added.stdout.split("# config.toml of scs run\n");
    assert.match(bootstrapPart!, /^# monitor bootstrap\.yaml, under accounts:\n {2}- subject: new-cloud\n/);
    assert.match(bootstrapPart!, /\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    assert.equal(
      configPart,
      '[secrets]\nkeyfile = ".secret/keyfile"\ntokenfile = ".secret/tokenfile"\n\n[subjects.new-cloud.mapping]\nos_cloud = "new-cloud"\n',
    );
    const token = readFileSync(join(secret, "tokenfile"), "utf8").trim();
    const apiKey = Buffer.from(token, "base64")
      .toString()
      .replace(/^new-cloud:/, "");
    assert.ok(apiKey.length >= 32, "a strong random API key");
    assert.ok(
      !added.stdout.includes(apiKey) && !added.stderr.includes(apiKey),
      "the key itself is not printed",
    );

    writeFileSync(
      join(dir, "bootstrap.yaml"),
      `accounts:\n${bootstrapPart!.split("\n").slice(1).join("\n")}`,
    );
    const monitor = await serveMonitor({
      db: join(dir, "monitor.db"),
      port: 0,
      host: "127.0.0.1",
      bootstrapPath: join(dir, "bootstrap.yaml"),
      log: () => {},
    });
    try {
      const report = join(dir, "report.yaml");
      writeFileSync(
        report,
        reportYaml({ subject: "new-cloud", uuid: "22222222-0000-4000-8000-000000000001" }),
      );
      const signed = await scsAsync(["sign", "-k", join(secret, "keyfile"), report]);
      assert.equal(signed.status, 0, signed.stderr);
      const sent = await scsAsync(
        [
          "upload",
          "-m",
          monitor.url,
          "--token-file",
          join(secret, "tokenfile"),
          "--spool",
          join(dir, "spool"),
          report,
        ],
        { env: { SCS_MONITOR_TOKEN: "" } },
      );
      assert.equal(sent.status, 0, sent.stderr);
      const res = await fetch(`${monitor.url}reports/22222222-0000-4000-8000-000000000001`, {
        headers: { authorization: `Basic ${token}` },
      });
      assert.equal(res.status, 200);
    } finally {
      await monitor.close();
    }
  });

  it("never overwrites: a second add fails with one line and leaves the files as they were", async () => {
    const before = readFileSync(join(dir, ".secret", "keyfile"), "utf8");
    const again = await scsAsync(["subject", "add", "other-cloud"], { cwd: dir });
    assert.equal(again.status, 2);
    assert.match(
      again.stderr,
      /^scs: error: \S+keyfile exists already: scs subject add never overwrites keys; use another --secrets folder\n$/,
    );
    assert.equal(readFileSync(join(dir, ".secret", "keyfile"), "utf8"), before);
  });

  it("a token file in the way: the new key files are removed again", async () => {
    const secrets = join(dir, "half");
    await scsAsync(["subject", "add", "x", "--secrets", secrets]).then((r) => assert.equal(r.status, 0));
    rmSync(join(secrets, "keyfile"));
    rmSync(join(secrets, "keyfile.pub"));
    const r = await scsAsync(["subject", "add", "x", "--secrets", secrets]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /tokenfile exists already/);
    assert.throws(() => statSync(join(secrets, "keyfile")), /ENOENT/);
  });

  it("refuses a name the monitor and the reference could not take", async () => {
    const r = await scsAsync(["subject", "add", "bad name/..", "--secrets", join(dir, "bad")]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'scs: error: subject "bad name/.." may only use letters, digits, _ and -\n');
  });
});

describe("scs monitor hash-key", () => {
  it("hashes a key from stdin as argon2id (default) or bcrypt; the monitor's check accepts both", async () => {
    for (const [args, format] of [
      [[], "argon2id"],
      [["--bcrypt"], "bcrypt"],
    ] as const) {
      const r = await scsAsync(["monitor", "hash-key", ...args], { input: "my-api-key\n" });
      assert.equal(r.status, 0, r.stderr);
      const hash = r.stdout.trim();
      assert.equal(hashFormat(hash), format);
      assert.ok(await passwordMatches("my-api-key", hash));
      assert.ok(!(await passwordMatches("my-api-key\n", hash)), "the line break is not part of the key");
    }
  });

  it("from --key-file; no key is one line, exit 2", async () => {
    writeFileSync(join(dir, "key.txt"), "file-key\n");
    const r = await scsAsync(["monitor", "hash-key", "--key-file", join(dir, "key.txt")]);
    assert.equal(r.status, 0);
    assert.ok(await passwordMatches("file-key", r.stdout.trim()));
    const empty = await scsAsync(["monitor", "hash-key"], { input: "" });
    assert.equal(empty.status, 2);
    assert.equal(empty.stderr, "scs: error: no API key on stdin: pipe it in, or give --key-file FILE\n");
  });
});
