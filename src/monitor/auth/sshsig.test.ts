import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseSshSignature, verifySshSignature } from "./sshsig.ts";
import { Ed25519Signer } from "./sshsig-sign.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "monitor");
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
    const other = new Ed25519Signer();
    const unknown = verifySshSignature(signature, report, "report", [Buffer.from(other.publicKey, "base64")]);
    assert.deepEqual(unknown.ok ? undefined : unknown.reason, "unknown key");
    const garbage = verifySshSignature(
      "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----",
      report,
      "report",
      [sampleKey],
    );
    assert.deepEqual(garbage.ok ? undefined : garbage.reason, "malformed");
  });

  it("verifies what the in-process signer writes", () => {
    const signer = new Ed25519Signer();
    const key = Buffer.from(signer.publicKey, "base64");
    assert.equal(verifySshSignature(signer.sign("hello"), Buffer.from("hello"), "report", [key]).ok, true);
    assert.equal(verifySshSignature(signer.sign("hello"), Buffer.from("hullo"), "report", [key]).ok, false);
  });
});
