import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateEd25519 } from "./keygen.ts";
import { PrivateKeyError, poly1305, readPrivateKey } from "./private-key.ts";
import { KeySigner } from "./sign.ts";
import { verifySshSignature } from "./sshsig.ts";
import { sshString, sshUint32 } from "./wire.ts";

describe("private key files", () => {
  it("computes Poly1305 as RFC 8439 §2.5.2 shows", () => {
    const key = Buffer.from("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", "hex");
    const tag = poly1305(key, Buffer.from("Cryptographic Forum Research Group"));
    assert.equal(tag.toString("hex"), "a8061dc1305136c6c22b8baf0c0127a9");
  });

  it("reads back a generated key: same public key, signatures that verify", () => {
    const pair = generateEd25519("subject_a");
    const file = readPrivateKey(pair.privateKey);
    assert.equal(file.encrypted, false);
    assert.deepEqual(file.publicKey, pair.publicKey);
    const signer = new KeySigner(file.decrypt());
    assert.deepEqual(signer.publicKey, pair.publicKey);
    const sig = signer.sshsig("data", "report");
    assert.equal(verifySshSignature(sig, Buffer.from("data"), "report", [pair.publicKey]).ok, true);
    assert.match(pair.publicKeyLine, /^ssh-ed25519 [A-Za-z0-9+/]+=* subject_a\n$/);
  });

  const problem = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof PrivateKeyError) return `${err.problem}: ${err.message}`;
      throw err;
    }
    return "no error";
  };

  it("names what is wrong: no key, a damaged key, a key type that cannot sign here", () => {
    assert.equal(
      problem(() => readPrivateKey("hello")),
      "malformed: not a private key file",
    );
    const pair = generateEd25519("x");
    const damaged = pair.privateKey.replace(/\n[A-Za-z0-9+/]{20}/, "\nAAAAAAAAAAAAAAAAAAAA");
    assert.match(
      problem(() => readPrivateKey(damaged).decrypt()),
      /^malformed: /,
    );
    const dss = Buffer.concat([
      Buffer.from("openssh-key-v1\0", "latin1"),
      sshString("none"),
      sshString("none"),
      sshString(""),
      sshUint32(1),
      sshString(Buffer.concat([sshString("ssh-dss"), sshString("p"), sshString("q")])),
      sshString(""),
    ]);
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${dss.toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`;
    assert.equal(
      problem(() => readPrivateKey(text)),
      "unsupported: ssh-dss keys cannot sign here: use an ed25519, ECDSA or RSA key",
    );
  });
});
