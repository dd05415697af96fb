import { generateKeyPairSync } from "node:crypto";
import { KeySigner } from "../../src/ssh/sign.ts";

/** A throw-away in-process ed25519 key that signs uploads as `ssh-keygen -Y sign` would (tests, benchmarks). */
export class Ed25519Signer {
  private readonly signer = new KeySigner(generateKeyPairSync("ed25519").privateKey);
  /** base64 of the SSH public key blob, as a bootstrap file lists it */
  readonly publicKey = this.signer.publicKey.toString("base64");

  /** The armoured signature of `data` under `namespace`. */
  sign(data: Buffer | string, namespace = "report"): string {
    return this.signer.sshsig(data, namespace);
  }

  /** The HTTP body of an upload: signature, `&`, data. */
  body(data: string): Buffer {
    return Buffer.from(`${this.sign(data)}&${data}`);
  }
}
