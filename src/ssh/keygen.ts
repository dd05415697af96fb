/** New signing keys, written as `ssh-keygen -t ed25519 -N ''` writes them (OpenSSH format, no passphrase). */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { formatPublicKeyLine, sshPublicKeyBlob } from "./public-key.ts";
import { sshString, sshUint32 } from "./wire.ts";

export interface NewKeyPair {
  /** The private key file's text (`-----BEGIN OPENSSH PRIVATE KEY-----` …). */
  privateKey: string;
  /** The `.pub` line: `ssh-ed25519 BASE64 COMMENT`. */
  publicKeyLine: string;
  publicKey: Buffer;
}

export function generateEd25519(comment: string): NewKeyPair {
  const { privateKey } = generateKeyPairSync("ed25519");
  const publicKey = sshPublicKeyBlob(privateKey);
  const jwk = privateKey.export({ format: "jwk" });
  const seed = Buffer.from(jwk.d!, "base64url");
  const pub = Buffer.from(jwk.x!, "base64url");
  const check = randomBytes(4).readUInt32BE();
  let section = Buffer.concat([
    sshUint32(check),
    sshUint32(check),
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(Buffer.from(comment, "utf8")),
  ]);
  // padded with 1, 2, 3, … to the cipher's block size (8 for "none")
  const padding = Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1);
  section = Buffer.concat([section, Buffer.from(padding)]);
  const blob = Buffer.concat([
    Buffer.from("openssh-key-v1\0", "latin1"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    sshUint32(1),
    sshString(publicKey),
    sshString(section),
  ]);
  const lines = blob.toString("base64").match(/.{1,70}/g) ?? [];
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKeyLine: `${formatPublicKeyLine(publicKey, comment)}\n`,
    publicKey,
  };
}
