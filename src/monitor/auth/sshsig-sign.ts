import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { sshString } from "./ssh-public-key.ts";

const MAGIC = Buffer.from("SSHSIG");

/** An in-process ed25519 SSHSIG signer (what `ssh-keygen -Y sign` writes), for load tests and benchmarks. */
export class Ed25519Signer {
  private readonly privateKey: KeyObject;
  /** base64 of the SSH public key blob, as a bootstrap file lists it */
  readonly publicKey: string;
  private readonly blob: Buffer;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    this.privateKey = privateKey;
    const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
    this.blob = Buffer.concat([sshString("ssh-ed25519"), sshString(raw)]);
    this.publicKey = this.blob.toString("base64");
  }

  /** The armoured signature of `data` under `namespace`. */
  sign(data: Buffer | string, namespace = "report"): string {
    const digest = createHash("sha512").update(data).digest();
    const message = Buffer.concat([
      MAGIC,
      sshString(namespace),
      sshString(""),
      sshString("sha512"),
      sshString(digest),
    ]);
    const signature = sign(null, message, this.privateKey);
    const sigBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(signature)]);
    const version = Buffer.alloc(4);
    version.writeUInt32BE(1);
    const blob = Buffer.concat([
      MAGIC,
      version,
      sshString(this.blob),
      sshString(namespace),
      sshString(""),
      sshString("sha512"),
      sshString(sigBlob),
    ]);
    const lines = blob.toString("base64").match(/.{1,70}/g) ?? [];
    return `-----BEGIN SSH SIGNATURE-----\n${lines.join("\n")}\n-----END SSH SIGNATURE-----\n`;
  }

  /** The HTTP body of an upload: signature, `&`, data. */
  body(data: string): Buffer {
    return Buffer.from(`${this.sign(data)}&${data}`);
  }
}
