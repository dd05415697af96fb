import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { SshReader, sshMpint, sshString, stripZeros } from "./wire.ts";

/** The NIST curves of `ecdsa-sha2-*` keys: JWK curve, coordinate size and signature hash. */
export const CURVES: Readonly<Record<string, { crv: string; size: number; hash: string }>> = {
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
/** mpint → unsigned big-endian bytes (at least one byte). */
const unsigned = (b: Buffer) => {
  const s = stripZeros(b);
  return s.length === 0 ? Buffer.alloc(1) : s;
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

/** The SSH public key blob of a node:crypto key (public or private): ed25519, ECDSA P-256/384/521, RSA. */
export function sshPublicKeyBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  const bytes = (v: string | undefined) => Buffer.from(v ?? "", "base64url");
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") {
    return Buffer.concat([sshString("ssh-ed25519"), sshString(bytes(jwk.x))]);
  }
  if (jwk.kty === "EC") {
    const name = Object.entries(CURVES).find(([, c]) => c.crv === jwk.crv)?.[0];
    if (name === undefined) throw new Error(`unsupported curve ${jwk.crv}`);
    const point = Buffer.concat([Buffer.from([4]), bytes(jwk.x), bytes(jwk.y)]);
    return Buffer.concat([sshString(`ecdsa-sha2-${name}`), sshString(name), sshString(point)]);
  }
  if (jwk.kty === "RSA") {
    return Buffer.concat([sshString("ssh-rsa"), sshMpint(bytes(jwk.e)), sshMpint(bytes(jwk.n))]);
  }
  throw new Error(`unsupported key type ${key.asymmetricKeyType ?? jwk.kty}`);
}

/** The key type named inside a blob (`ssh-ed25519`, …), without validating the rest. */
export function keyTypeOf(blob: Buffer): string {
  return new SshReader(blob).text();
}

/** One line of an `authorized_keys`/`.pub` file: `TYPE BASE64 [COMMENT]`. */
export interface PublicKeyLine {
  type: string;
  blob: Buffer;
  comment: string;
}

/** Parses `TYPE BASE64 [COMMENT]`; throws Error with a short reason. */
export function parsePublicKeyLine(line: string): PublicKeyLine {
  const [type, base64, ...comment] = line.trim().split(/\s+/);
  if (type === undefined || base64 === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new Error("not an SSH public key line (TYPE BASE64 [COMMENT])");
  const blob = Buffer.from(base64, "base64");
  const inner = keyTypeOf(blob);
  if (inner !== type) throw new Error(`the line says ${type} but the key is ${inner}`);
  return { type, blob, comment: comment.join(" ") };
}

export function formatPublicKeyLine(blob: Buffer, comment = ""): string {
  return `${keyTypeOf(blob)} ${blob.toString("base64")}${comment ? ` ${comment}` : ""}`;
}

/** `SHA256:…`, as `ssh-keygen -l` prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}
