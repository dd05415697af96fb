import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verifySshSignature } from "../../src/monitor/auth/sshsig.ts";
import { requirePart } from "../support/require.ts";
import { SshKey, sshKeygenAvailable } from "./harness.ts";

const KEYS: [string, "ed25519" | "ecdsa" | "rsa", number | undefined][] = [
  ["ed25519", "ed25519", undefined],
  ["ecdsa P-256", "ecdsa", 256],
  ["ecdsa P-384", "ecdsa", 384],
  ["ecdsa P-521", "ecdsa", 521],
  ["rsa 3072 (rsa-sha2-512)", "rsa", 3072],
];

describe("SSHSIG from the real ssh-keygen -Y sign, verified in-process", () => {
  for (const [name, type, bits] of KEYS) {
    it(`verifies ${name} and refuses a changed report`, (t) => {
      if (!requirePart(t, sshKeygenAvailable, "ssh-keygen (Debian openssh-client)")) return;
      const key = new SshKey(type, bits);
      try {
        const data = Buffer.from(`subject: example\nrun:\n  uuid: ${name}\n`);
        const sig = key.sign(data);
        const blob = Buffer.from(key.publicKey.blob, "base64");
        assert.deepEqual(verifySshSignature(sig, data, "report", [blob]), { ok: true, keyIndex: 0 });
        const changed = Buffer.concat([data, Buffer.from(" ")]);
        const outcome = verifySshSignature(sig, changed, "report", [blob]);
        assert.deepEqual(outcome.ok ? undefined : outcome.reason, "bad signature");
      } finally {
        key.dispose();
      }
    });
  }
});
