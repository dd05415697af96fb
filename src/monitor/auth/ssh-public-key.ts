import { createPublicKey, type KeyObject } from "node:crypto";

/** Reads SSH wire-format data: `string` = uint32 length + bytes. */
export class SshReader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  uint32(): number {
    if (this.pos + 4 > this.buf.length) throw new Error("truncated data");
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  bytes(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new Error("truncated data");
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  string(): Buffer {
    return this.bytes(this.uint32());
  }

  text(): string {
    return this.string().toString("latin1");
  }

  get done(): boolean {
    return this.pos === this.buf.length;
  }
}

export function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

const CURVES: Record<string, { crv: string; size: number; hash: string }> = {
  nistp256: { crv: "P-256", size: 32, hash: "sha256" },
  nistp384: { crv: "P-384", size: 48, hash: "sha384" },
  nistp521: { crv: "P-521", size: 66, hash: "sha512" },
};

export const SUPPORTED_KEY_TYPES = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-rsa",
] as const;

/** An SSH public key, parsed from its wire blob into a node:crypto key. */
export interface SshPublicKey {
  type: string;
  blob: Buffer;
  key: KeyObject;
  /** for ECDSA: hash and coordinate size used by its signatures */
  ecdsa?: { hash: string; size: number };
}

const b64url = (b: Buffer) => b.toString("base64url");
/** mpint → unsigned big-endian bytes without leading zero. */
const unsigned = (b: Buffer) => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
};

/** Parses an SSH public key blob; throws Error with a short reason if unsupported or malformed. */
export function parseSshPublicKey(blob: Buffer): SshPublicKey {
  const r = new SshReader(blob);
  const type = r.text();
  if (type === "ssh-ed25519") {
    const x = r.string();
    if (x.length !== 32) throw new Error("bad ed25519 key length");
    return {
      type,
      blob,
      key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: b64url(x) }, format: "jwk" }),
    };
  }
  if (type.startsWith("ecdsa-sha2-")) {
    const curveName = r.text();
    const curve = CURVES[curveName];
    if (curve === undefined || type !== `ecdsa-sha2-${curveName}`)
      throw new Error(`unsupported curve ${curveName}`);
    const q = r.string();
    if (q.length !== 1 + 2 * curve.size || q[0] !== 4) throw new Error("bad ecdsa point");
    const x = q.subarray(1, 1 + curve.size);
    const y = q.subarray(1 + curve.size);
    return {
      type,
      blob,
      key: createPublicKey({ key: { kty: "EC", crv: curve.crv, x: b64url(x), y: b64url(y) }, format: "jwk" }),
      ecdsa: { hash: curve.hash, size: curve.size },
    };
  }
  if (type === "ssh-rsa") {
    const e = unsigned(r.string());
    const n = unsigned(r.string());
    return {
      type,
      blob,
      key: createPublicKey({ key: { kty: "RSA", e: b64url(e), n: b64url(n) }, format: "jwk" }),
    };
  }
  throw new Error(`unsupported key type ${type}`);
}
