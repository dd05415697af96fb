/** SSHSIG signing (what `ssh-keygen -Y sign` does), with a key held in-process or by the ssh-agent. */
import { type KeyObject, sign } from "node:crypto";
import { CURVES, sshPublicKeyBlob } from "./public-key.ts";
import { armourSignature, signedMessage } from "./sshsig.ts";
import { sshMpint, sshString } from "./wire.ts";

/** Holds a private key: a key file read in-process, or a key of the ssh-agent. */
export interface SshSigner {
  /** The SSH public key blob. */
  readonly publicKey: Buffer;
  /** The SSH signature blob (`string algorithm ‖ string signature`) of `message`; RSA signs rsa-sha2-512. */
  sign(message: Buffer): Promise<Buffer>;
}

/** The armoured SSHSIG of `data`, hashed with SHA-512 as `ssh-keygen -Y sign` does. */
export async function signSshsig(signer: SshSigner, data: Buffer, namespace: string): Promise<string> {
  const message = signedMessage(data, namespace, "sha512");
  return armourSignature(signer.publicKey, namespace, "sha512", await signer.sign(message));
}

/** A signer over a node:crypto private key (ed25519, ECDSA P-256/384/521 or RSA). */
export class KeySigner implements SshSigner {
  readonly publicKey: Buffer;
  private readonly algorithm: string;

  constructor(private readonly key: KeyObject) {
    this.publicKey = sshPublicKeyBlob(key);
    const type = key.asymmetricKeyType;
    if (type === "ed25519") this.algorithm = "ssh-ed25519";
    else if (type === "rsa") this.algorithm = "rsa-sha2-512";
    else this.algorithm = this.ecdsaType();
  }

  async sign(message: Buffer): Promise<Buffer> {
    return this.signNow(message);
  }

  /** The signature blob at once (no agent involved). */
  signNow(message: Buffer): Buffer {
    if (this.algorithm === "ssh-ed25519") return blob(this.algorithm, sign(null, message, this.key));
    if (this.algorithm === "rsa-sha2-512") return blob(this.algorithm, sign("sha512", message, this.key));
    const curve = CURVES[this.algorithm.slice("ecdsa-sha2-".length)]!;
    const rs = sign(curve.hash, message, { key: this.key, dsaEncoding: "ieee-p1363" });
    const inner = Buffer.concat([sshMpint(rs.subarray(0, curve.size)), sshMpint(rs.subarray(curve.size))]);
    return blob(this.algorithm, inner);
  }

  /** The armoured SSHSIG of `data` at once. */
  sshsig(data: Buffer | string, namespace: string): string {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    return armourSignature(
      this.publicKey,
      namespace,
      "sha512",
      this.signNow(signedMessage(bytes, namespace, "sha512")),
    );
  }

  private ecdsaType(): string {
    const crv = this.key.export({ format: "jwk" }).crv;
    const name = Object.entries(CURVES).find(([, c]) => c.crv === crv)?.[0];
    if (name === undefined)
      throw new Error(`unsupported key type ${this.key.asymmetricKeyType} ${crv ?? ""}`);
    return `ecdsa-sha2-${name}`;
  }
}

const blob = (algorithm: string, signature: Buffer) =>
  Buffer.concat([sshString(algorithm), sshString(signature)]);
