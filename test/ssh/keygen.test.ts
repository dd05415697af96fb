import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { generateEd25519 } from "../../src/ssh/keygen.ts";
import { formatPublicKeyLine, parsePublicKeyLine } from "../../src/ssh/public-key.ts";
import { KeySigner } from "../../src/ssh/sign.ts";
import { verifySshSignature } from "../../src/ssh/sshsig.ts";
import { requirePart } from "../support/require.ts";
import { KeyFolder, sshKeygenAvailable } from "../support/ssh-keygen.ts";

const KEYS: [string, "ed25519" | "ecdsa" | "rsa", number | undefined, () => KeyObject][] = [
  ["ed25519", "ed25519", undefined, () => generateKeyPairSync("ed25519").privateKey],
  ["ecdsa P-256", "ecdsa", 256, () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey],
  ["ecdsa P-384", "ecdsa", 384, () => generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey],
  ["ecdsa P-521", "ecdsa", 521, () => generateKeyPairSync("ec", { namedCurve: "P-521" }).privateKey],
  [
    "rsa 3072 (rsa-sha2-512)",
    "rsa",
    3072,
    () => generateKeyPairSync("rsa", { modulusLength: 3072 }).privateKey,
  ],
];

describe("SSHSIG: the real ssh-keygen and we verify each other's signatures", () => {
  let folder: KeyFolder;
  before(() => {
    if (sshKeygenAvailable) folder = new KeyFolder();
  });
  after(() => folder?.dispose());

  for (const [name, type, bits, make] of KEYS) {
    it(`verifies ssh-keygen's ${name} signature and refuses a changed report`, (t) => {
      if (!requirePart(t, sshKeygenAvailable, "ssh-keygen (Debian openssh-client)")) return;
      const key = folder.keygen(`theirs-${type}-${bits ?? ""}`, type, bits ? { bits } : {});
      const data = Buffer.from(`subject: example\nrun:\n  uuid: ${name}\n`);
      const sig = folder.keygenSign(key, data);
      const blob = parsePublicKeyLine(readFileSync(`${key}.pub`, "utf8")).blob;
      assert.deepEqual(verifySshSignature(sig, data, "report", [blob]), { ok: true, keyIndex: 0 });
      const changed = Buffer.concat([data, Buffer.from(" ")]);
      const outcome = verifySshSignature(sig, changed, "report", [blob]);
      assert.deepEqual(outcome.ok ? undefined : outcome.reason, "bad signature");
    });

    it(`ssh-keygen -Y verify accepts our ${name} signature and refuses it for a changed report`, (t) => {
      if (!requirePart(t, sshKeygenAvailable, "ssh-keygen (Debian openssh-client)")) return;
      const signer = new KeySigner(make());
      const data = Buffer.from(`subject: example\nrun:\n  uuid: ours ${name}\n`);
      const sig = signer.sshsig(data, "report");
      const line = formatPublicKeyLine(signer.publicKey);
      assert.equal(folder.keygenVerify(line, data, sig), true);
      assert.equal(folder.keygenVerify(line, Buffer.concat([data, Buffer.from(" ")]), sig), false);
      assert.equal(folder.keygenVerify(line, data, sig, "file"), false);
    });
  }

  it("generates key files ssh-keygen reads and signs with", (t) => {
    if (!requirePart(t, sshKeygenAvailable, "ssh-keygen (Debian openssh-client)")) return;
    const pair = generateEd25519("new_subject");
    const path = folder.path("generated");
    writeFileSync(path, pair.privateKey, { mode: 0o600 });
    const derived = execFileSync("ssh-keygen", ["-y", "-f", path], { encoding: "utf8" });
    assert.equal(derived, pair.publicKeyLine);
    const sig = folder.keygenSign(path, "data");
    assert.deepEqual(verifySshSignature(sig, Buffer.from("data"), "report", [pair.publicKey]), {
      ok: true,
      keyIndex: 0,
    });
  });
});
