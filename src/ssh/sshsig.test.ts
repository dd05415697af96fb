import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KeySigner } from "./sign.ts";
import { parseSshSignature, verifySshSignature } from "./sshsig.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "test", "fixtures", "monitor");
const report = readFileSync(join(FIXTURES, "report-example.yaml"));
const signature = readFileSync(join(FIXTURES, "report-example.yaml.sig"), "latin1");
const sampleKey = Buffer.from(
  readFileSync(join(FIXTURES, "sample-signing-key.pub"), "utf8").split(" ")[1]!,
  "base64",
);

describe("SSHSIG verification", () => {
  it("accepts the sample signature made by ssh-keygen -Y sign", () => {
    assert.deepEqual(verifySshSignature(signature, report, "report", [sampleKey]), { ok: true, keyIndex: 0 });
    const sig = parseSshSignature(signature);
    assert.equal(sig.hashAlgorithm, "sha512");
    assert.equal(sig.namespace, "report");
  });

  it("refuses a changed byte, another namespace, another key and garbage", () => {
    const tampered = Buffer.from(report);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 2) ^ 1, tampered.length - 2);
    assert.equal(verifySshSignature(signature, tampered, "report", [sampleKey]).ok, false);
    const ns = verifySshSignature(signature, report, "file", [sampleKey]);
    assert.deepEqual(ns.ok ? undefined : ns.reason, "namespace");
    const other = new KeySigner(generateKeyPairSync("ed25519").privateKey);
    const unknown = verifySshSignature(signature, report, "report", [other.publicKey]);
    assert.deepEqual(unknown.ok ? undefined : unknown.reason, "unknown key");
    const garbage = verifySshSignature(
      "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----",
      report,
      "report",
      [sampleKey],
    );
    assert.deepEqual(garbage.ok ? undefined : garbage.reason, "malformed");
  });

  it("refuses trailing data and characters outside base64, as ssh-keygen -Y verify does", () => {
    const armour = (blob: Buffer) => {
      const lines = blob.toString("base64").match(/.{1,70}/g) ?? [];
      return `-----BEGIN SSH SIGNATURE-----\n${lines.join("\n")}\n-----END SSH SIGNATURE-----\n`;
    };
    const base64 = signature.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
    const blob = Buffer.from(base64, "base64");
    assert.equal(verifySshSignature(armour(blob), report, "report", [sampleKey]).ok, true, "re-armoured");
    for (const [extra, detail] of [
      [Buffer.from([0, 0, 0, 0]), "trailing data after the signature"],
      [Buffer.from("x"), "trailing data after the signature"],
    ] as const) {
      const outcome = verifySshSignature(armour(Buffer.concat([blob, extra])), report, "report", [sampleKey]);
      assert.deepEqual(outcome, { ok: false, reason: "malformed", detail });
    }
    // A byte more inside the inner signature blob (ed25519: string "ssh-ed25519", string of 64 bytes),
    // its outer length grown to match.
    const innerAt = blob.length - (4 + 11 + 4 + 64) - 4;
    assert.equal(blob.readUInt32BE(innerAt), 4 + 11 + 4 + 64);
    const grown = Buffer.concat([blob, Buffer.from([7])]);
    grown.writeUInt32BE(4 + 11 + 4 + 64 + 1, innerAt);
    assert.deepEqual(verifySshSignature(armour(grown), report, "report", [sampleKey]), {
      ok: false,
      reason: "malformed",
      detail: "trailing data inside the signature",
    });
    const withJunk = signature.replace("-----BEGIN SSH SIGNATURE-----\n", "-----BEGIN SSH SIGNATURE-----\n!");
    assert.deepEqual(verifySshSignature(withJunk, report, "report", [sampleKey]), {
      ok: false,
      reason: "malformed",
      detail: "the signature is not valid base64",
    });
  });

  const keys = {
    ed25519: () => generateKeyPairSync("ed25519").privateKey,
    "ecdsa P-256": () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
    "ecdsa P-384": () => generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey,
    "ecdsa P-521": () => generateKeyPairSync("ec", { namedCurve: "P-521" }).privateKey,
    "rsa 2048": () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
  };
  for (const [name, make] of Object.entries(keys)) {
    it(`verifies what the in-process signer writes with ${name}, and nothing else`, () => {
      const signer = new KeySigner(make());
      const sig = signer.sshsig("hello", "report");
      assert.deepEqual(verifySshSignature(sig, Buffer.from("hello"), "report", [signer.publicKey]), {
        ok: true,
        keyIndex: 0,
      });
      const changed = verifySshSignature(sig, Buffer.from("hullo"), "report", [signer.publicKey]);
      assert.deepEqual(changed.ok ? undefined : changed.reason, "bad signature");
      assert.equal(parseSshSignature(sig).hashAlgorithm, "sha512");
    });
  }

  it("writes the armour as ssh-keygen does: lines of 70 characters and a final newline", () => {
    const sig = new KeySigner(keys["rsa 2048"]()).sshsig("x", "report");
    const lines = sig.split("\n");
    assert.equal(lines[0], "-----BEGIN SSH SIGNATURE-----");
    assert.deepEqual(lines.slice(-2), ["-----END SSH SIGNATURE-----", ""]);
    const body = lines.slice(1, -2);
    assert.ok(body.length > 2);
    for (const line of body.slice(0, -1)) assert.equal(line.length, 70);
    assert.ok(body.at(-1)!.length <= 70 && body.at(-1)!.length > 0);
  });
});
