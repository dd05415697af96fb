import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ScsError } from "../../src/errors.ts";
import { signFile } from "../../src/ssh/files.ts";
import { formatPublicKeyLine, parsePublicKeyLine } from "../../src/ssh/public-key.ts";
import { openSigningKey } from "../../src/ssh/signing-key.ts";
import { scs } from "../support/cli.ts";
import { requirePart } from "../support/require.ts";
import { KeyFolder, sshKeygenAvailable } from "../support/ssh-keygen.ts";

const WHY = "ssh-keygen and ssh-agent (Debian openssh-client)";
const PASS = "correct horse battery";
const REPORT = "---\nsubject: example\nrun:\n  uuid: 0c8e1bd4-0b4f-4a6e-9a3e-5a2f1e0d6c11\n";

describe("signing with key files as ssh-keygen writes them", () => {
  let folder: KeyFolder;
  before(() => {
    if (sshKeygenAvailable) folder = new KeyFolder();
  });
  after(() => folder?.dispose());

  /** Signs REPORT with our code and with ssh-keygen; returns both signatures and the public key line. */
  async function bothSign(key: string, passphrase?: string) {
    const data = folder.path(`report-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(data, REPORT);
    const signer = await openSigningKey(
      key,
      passphrase === undefined ? {} : { passphrase: async () => passphrase },
    );
    assert.equal(signer.holder, "file");
    const ours = readFileSync(await signFile(data, signer, "report"), "utf8");
    const theirs = passphrase === undefined ? folder.keygenSign(key, REPORT) : undefined;
    return { ours, theirs, line: formatPublicKeyLine(signer.publicKey) };
  }

  for (const [type, bits] of [
    ["ed25519", undefined],
    ["rsa", 2048],
    ["rsa", 4096],
  ] as const) {
    it(`signs byte for byte as ssh-keygen -Y sign with an ${type}${bits ? ` ${bits}` : ""} key`, async (t) => {
      if (!requirePart(t, sshKeygenAvailable, WHY)) return;
      const key = folder.keygen(`plain-${type}-${bits ?? ""}`, type, bits ? { bits } : {});
      const { ours, theirs, line } = await bothSign(key);
      assert.equal(ours, theirs);
      assert.equal(line, readFileSync(`${key}.pub`, "utf8").split(" ").slice(0, 2).join(" "));
      assert.equal(folder.keygenVerify(line, REPORT, ours), true);
    });
  }

  for (const bits of [256, 384, 521]) {
    it(`signs with an ecdsa P-${bits} key so that ssh-keygen -Y verify accepts it`, async (t) => {
      if (!requirePart(t, sshKeygenAvailable, WHY)) return;
      const key = folder.keygen(`plain-ecdsa-${bits}`, "ecdsa", { bits });
      const { ours, line } = await bothSign(key);
      assert.equal(folder.keygenVerify(line, REPORT, ours), true);
      assert.equal(folder.keygenVerify(line, `${REPORT}x`, ours), false);
    });
  }

  for (const cipher of [
    "aes256-ctr",
    "aes128-ctr",
    "aes192-ctr",
    "aes128-cbc",
    "aes256-cbc",
    "3des-cbc",
    "aes128-gcm@openssh.com",
    "aes256-gcm@openssh.com",
    "chacha20-poly1305@openssh.com",
  ]) {
    it(`opens an ed25519 key encrypted with ${cipher} and refuses a wrong passphrase`, async (t) => {
      if (!requirePart(t, sshKeygenAvailable, WHY)) return;
      const key = folder.keygen(`enc-${cipher}`, "ed25519", { passphrase: PASS, cipher });
      const { ours, line } = await bothSign(key, PASS);
      assert.equal(folder.keygenVerify(line, REPORT, ours), true);
      await assert.rejects(
        openSigningKey(key, { passphrase: async () => "wrong" }),
        (err: Error) => err instanceof ScsError && err.message === `wrong passphrase for the key ${key}`,
      );
    });
  }

  it("opens encrypted RSA and ECDSA keys (bcrypt-pbkdf, aes256-ctr: ssh-keygen's default)", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    for (const [type, bits] of [
      ["rsa", 3072],
      ["ecdsa", 384],
    ] as const) {
      const key = folder.keygen(`enc-${type}`, type, { bits, passphrase: PASS });
      const { ours, line } = await bothSign(key, PASS);
      assert.equal(folder.keygenVerify(line, REPORT, ours), true, type);
    }
  });

  it("opens PEM and PKCS#8 files (ssh-keygen -m PEM|PKCS8), encrypted or not", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const cases = [
      folder.keygen("pem-rsa", "rsa", { bits: 2048, format: "PEM" }),
      folder.keygen("pem-ecdsa", "ecdsa", { bits: 256, format: "PEM" }),
      folder.keygen("pkcs8-rsa", "rsa", { bits: 2048, format: "PKCS8" }),
    ];
    for (const key of cases) {
      const { ours, theirs, line } = await bothSign(key);
      assert.equal(folder.keygenVerify(line, REPORT, ours), true, key);
      if (key.includes("rsa")) assert.equal(ours, theirs, key);
    }
    const encrypted = folder.keygen("pem-rsa-enc", "rsa", { bits: 2048, format: "PEM", passphrase: PASS });
    const { ours, line } = await bothSign(encrypted, PASS);
    assert.equal(folder.keygenVerify(line, REPORT, ours), true);
    await assert.rejects(openSigningKey(encrypted, { passphrase: async () => "wrong" }), /wrong passphrase/);
  });

  it("asks for no passphrase when the key is not encrypted, and refuses an encrypted key without one", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const plain = folder.keygen("no-ask", "ed25519");
    await openSigningKey(plain, {
      passphrase: async () => assert.fail("asked for a passphrase of a plain key"),
    });
    const encrypted = folder.keygen("ask", "ed25519", { passphrase: PASS });
    await assert.rejects(openSigningKey(encrypted), /is encrypted: give --passphrase-file FILE/);
  });
});

describe("signing through a real ssh-agent", () => {
  let folder: KeyFolder;
  let agent: ChildProcess | undefined;
  let socket: string;
  before(async () => {
    if (!sshKeygenAvailable) return;
    folder = new KeyFolder();
    socket = folder.path("agent.sock");
    agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  });
  after(() => {
    agent?.kill();
    folder?.dispose();
  });
  const sshAdd = (key: string) =>
    execFileSync("ssh-add", ["-q", key], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: "ignore" });

  it("lets the agent sign when it holds the key: an encrypted file needs no passphrase then", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const plain = folder.keygen("agent-ed25519", "ed25519");
    sshAdd(plain);
    const theirs = folder.keygenSign(plain, REPORT);
    // the agent holds the same key, now read from an encrypted copy: no passphrase is asked
    execFileSync("ssh-keygen", ["-q", "-p", "-N", PASS, "-f", plain]);
    const signer = await openSigningKey(plain, {
      agentSocket: socket,
      passphrase: async () => assert.fail("asked for a passphrase although the agent holds the key"),
    });
    assert.equal(signer.holder, "agent");
    const data = folder.path("agent-report.yaml");
    writeFileSync(data, REPORT);
    const ours = readFileSync(await signFile(data, signer, "report"), "utf8");
    // ed25519 signatures are deterministic: the agent's and ssh-keygen's are the same bytes
    assert.equal(ours, theirs);
  });

  it("signs RSA through the agent with rsa-sha2-512, from the .pub file alone", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const key = folder.keygen("agent-rsa", "rsa", { bits: 2048 });
    sshAdd(key);
    const signer = await openSigningKey(`${key}.pub`, { agentSocket: socket });
    assert.equal(signer.holder, "agent");
    const data = folder.path("agent-rsa.yaml");
    writeFileSync(data, REPORT);
    const ours = readFileSync(await signFile(data, signer, "report"), "utf8");
    assert.equal(ours, folder.keygenSign(key, REPORT));
    assert.equal(folder.keygenVerify(readFileSync(`${key}.pub`, "utf8"), REPORT, ours), true);
  });

  it("uses the key file when the agent does not hold the key, or is gone", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const key = folder.keygen("not-in-agent", "ed25519");
    assert.equal((await openSigningKey(key, { agentSocket: socket })).holder, "file");
    assert.equal((await openSigningKey(key, { agentSocket: folder.path("no-such.sock") })).holder, "file");
    await assert.rejects(
      openSigningKey(`${key}.pub`, { agentSocket: socket }),
      /is a public key and no ssh-agent holds its private key/,
    );
  });
});

describe("scs sign and scs verify", () => {
  let folder: KeyFolder;
  before(() => {
    if (sshKeygenAvailable) folder = new KeyFolder();
  });
  after(() => folder?.dispose());
  const noAgent = { SSH_AUTH_SOCK: "" };

  it("writes FILE.sig as ssh-keygen does and verifies it; a changed file exits 1", (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const key = folder.keygen("cli", "ed25519");
    const report = folder.path("cli.yaml");
    writeFileSync(report, REPORT);
    const signed = scs(["sign", "-k", key, report], { env: noAgent });
    assert.equal(signed.status, 0, signed.stderr);
    assert.equal(readFileSync(`${report}.sig`, "utf8"), folder.keygenSign(key, REPORT));
    const good = scs(["verify", "-k", `${key}.pub`, report]);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^Good "report" signature for .*cli\.yaml with ssh-ed25519 key SHA256:/);
    // the fingerprint is the one ssh-keygen -l prints
    const fp = execFileSync("ssh-keygen", ["-l", "-f", `${key}.pub`], { encoding: "utf8" }).split(" ")[1];
    assert.ok(good.stdout.includes(fp!), good.stdout);
    writeFileSync(report, `${REPORT}# changed\n`);
    const bad = scs(["verify", "-k", `${key}.pub`, report]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^scs: error: .*cli\.yaml: bad signature \(signature does not match\)\n$/);
  });

  it("verifies ssh-keygen's signature with the private key file standing in for the .pub", (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const key = folder.keygen("cli-ecdsa", "ecdsa", { bits: 521 });
    const report = folder.path("cli-ecdsa.yaml");
    writeFileSync(report, REPORT);
    writeFileSync(`${report}.sig`, folder.keygenSign(key, REPORT));
    const good = scs(["verify", "-k", key, report]);
    assert.equal(good.status, 0, good.stderr);
    const other = folder.keygen("cli-other", "ed25519");
    const wrongKey = scs(["verify", "-k", `${other}.pub`, report]);
    assert.equal(wrongKey.status, 1);
    assert.match(wrongKey.stderr, /bad signature \(signed by a key that is not registered\)/);
  });

  it("takes the passphrase from a file; a wrong one or none on no terminal is one line, exit 2", (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const key = folder.keygen("cli-enc", "ed25519", { passphrase: PASS });
    const report = folder.path("cli-enc.yaml");
    writeFileSync(report, REPORT);
    const passFile = folder.path("pass.txt");
    writeFileSync(passFile, `${PASS}\n`);
    const ok = scs(["sign", "-k", key, "--passphrase-file", passFile, report], { env: noAgent });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(
      folder.keygenVerify(readFileSync(`${key}.pub`, "utf8"), REPORT, readFileSync(`${report}.sig`, "utf8")),
      true,
    );
    writeFileSync(passFile, "wrong\n");
    const wrong = scs(["sign", "-k", key, "--passphrase-file", passFile, report], { env: noAgent });
    assert.equal(wrong.status, 2);
    assert.equal(wrong.stderr, `scs: error: wrong passphrase for the key ${key}\n`);
    assert.ok(!wrong.stderr.includes(PASS));
    // a child of spawnSync has no controlling terminal: no prompt possible, one line says what to do
    const none = scs(["sign", "-k", key, report], { env: noAgent });
    assert.equal(none.status, 2);
    assert.match(
      none.stderr,
      /^scs: error: the key .* is encrypted and there is no terminal to ask on: give --passphrase-file FILE/,
    );
  });

  it("asks for the passphrase on the terminal without echoing it", async (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const key = folder.keygen("cli-tty", "ed25519", { passphrase: PASS });
    const report = folder.path("cli-tty.yaml");
    writeFileSync(report, REPORT);
    const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
    // script(1) gives the command a real pseudo-terminal; what we write to script's stdin is typed there
    const child = spawn(
      "script",
      ["-qfec", `${process.execPath} --import tsx ${main} sign -k ${key} ${report}`, "/dev/null"],
      { env: { ...process.env, SSH_AUTH_SOCK: "" }, stdio: ["pipe", "pipe", "pipe"] },
    );
    let screen = "";
    child.stdout.on("data", (d: Buffer) => {
      screen += d.toString();
      if (screen.includes("Enter passphrase for") && !child.stdin.writableEnded) child.stdin.end(`${PASS}\r`);
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(status, 0, screen);
    assert.ok(!screen.includes(PASS), "the passphrase was echoed");
    assert.equal(
      folder.keygenVerify(readFileSync(`${key}.pub`, "utf8"), REPORT, readFileSync(`${report}.sig`, "utf8")),
      true,
    );
  });

  it("refuses what is not a key, and a key type it cannot sign with, in one line", (t) => {
    if (!requirePart(t, sshKeygenAvailable, WHY)) return;
    const report = folder.path("cli-bad.yaml");
    writeFileSync(report, REPORT);
    const notKey = folder.path("not-a-key");
    writeFileSync(notKey, "hello\n");
    const r1 = scs(["sign", "-k", notKey, report], { env: noAgent });
    assert.equal(r1.status, 2);
    assert.match(r1.stderr, /^scs: error: .*not-a-key is neither a private nor a public SSH key/);
    const missing = scs(["sign", "-k", folder.path("nope"), report], { env: noAgent });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^scs: error: cannot read the signing key .*nope: ENOENT/);
    assert.equal(missing.stderr.split("\n").length, 2);
    // the public half only, without an agent
    const key = folder.keygen("cli-pub", "ed25519");
    const pubOnly = scs(["sign", "-k", `${key}.pub`, report], { env: noAgent });
    assert.equal(pubOnly.status, 2);
    assert.match(pubOnly.stderr, /is a public key and no ssh-agent holds its private key/);
    assert.equal(parsePublicKeyLine(readFileSync(`${key}.pub`, "utf8")).type, "ssh-ed25519");
  });
});
