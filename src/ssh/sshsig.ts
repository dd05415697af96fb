import { createHash, verify } from "node:crypto";
import { parseSshPublicKey, type SshPublicKey } from "./public-key.ts";
import { SshReader, sshString, sshUint32 } from "./wire.ts";

const BEGIN = "-----BEGIN SSH SIGNATURE-----";
const END = "-----END SSH SIGNATURE-----";
const MAGIC = Buffer.from("SSHSIG");
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A parsed SSHSIG signature (OpenSSH PROTOCOL.sshsig). */
export interface SshSignature {
  publicKey: Buffer;
  namespace: string;
  hashAlgorithm: "sha256" | "sha512";
  signatureType: string;
  signature: Buffer;
}

/** Parses an armoured SSHSIG; throws Error with a short reason when malformed. */
export function parseSshSignature(armoured: string): SshSignature {
  const text = armoured.trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) throw new Error("not an armoured SSH signature");
  const base64 = text.slice(BEGIN.length, -END.length).replace(/\s+/g, "");
  // Node's decoder skips characters that are not base64; ssh-keygen refuses them, and so do we.
  if (!BASE64.test(base64) || base64.length % 4 !== 0) throw new Error("the signature is not valid base64");
  const blob = Buffer.from(base64, "base64");
  if (!blob.subarray(0, 6).equals(MAGIC)) throw new Error("not an SSHSIG blob");
  const r = new SshReader(blob.subarray(6));
  const version = r.uint32();
  if (version !== 1) throw new Error(`unsupported SSHSIG version ${version}`);
  const publicKey = r.string();
  const namespace = r.text();
  r.string(); // reserved
  const hashAlgorithm = r.text();
  if (hashAlgorithm !== "sha256" && hashAlgorithm !== "sha512") {
    throw new Error(`unsupported hash algorithm ${hashAlgorithm}`);
  }
  const sig = new SshReader(r.string());
  const signatureType = sig.text();
  const signature = sig.string();
  // As ssh-keygen -Y verify: nothing may follow the signature, inside its blob or after it.
  if (!sig.done) throw new Error("trailing data inside the signature");
  if (!r.done) throw new Error("trailing data after the signature");
  return { publicKey, namespace, hashAlgorithm, signatureType, signature };
}

export type VerifyOutcome =
  | { ok: true; keyIndex: number }
  | { ok: false; reason: "malformed" | "namespace" | "unknown key" | "bad signature"; detail: string };

/**
 * Verifies an armoured SSHSIG over `data` for `namespace`, made by one of `allowedKeys` (SSH public
 * key blobs). In-process with node:crypto: no ssh-keygen subprocess per upload.
 */
export function verifySshSignature(
  armoured: string,
  data: Buffer,
  namespace: string,
  allowedKeys: readonly Buffer[],
): VerifyOutcome {
  let sig: SshSignature;
  try {
    sig = parseSshSignature(armoured);
  } catch (err) {
    return { ok: false, reason: "malformed", detail: (err as Error).message };
  }
  if (sig.namespace !== namespace) {
    return {
      ok: false,
      reason: "namespace",
      detail: `namespace is "${sig.namespace}", expected "${namespace}"`,
    };
  }
  const keyIndex = allowedKeys.findIndex((k) => k.equals(sig.publicKey));
  if (keyIndex < 0)
    return { ok: false, reason: "unknown key", detail: "signed by a key that is not registered" };
  try {
    if (!checkSignature(sig, data))
      return { ok: false, reason: "bad signature", detail: "signature does not match" };
  } catch (err) {
    return { ok: false, reason: "malformed", detail: (err as Error).message };
  }
  return { ok: true, keyIndex };
}

/** What the key signs: `SSHSIG` ‖ namespace ‖ reserved ‖ hash algorithm ‖ H(data). */
export function signedMessage(data: Buffer, namespace: string, hashAlgorithm: "sha256" | "sha512"): Buffer {
  const digest = createHash(hashAlgorithm).update(data).digest();
  return Buffer.concat([
    MAGIC,
    sshString(namespace),
    sshString(""),
    sshString(hashAlgorithm),
    sshString(digest),
  ]);
}

/**
 * The armoured SSHSIG of a signature blob (`string type ‖ string signature`), byte for byte what
 * `ssh-keygen -Y sign` writes: base64 in lines of 70 characters, a newline at the end.
 */
export function armourSignature(
  publicKey: Buffer,
  namespace: string,
  hashAlgorithm: "sha256" | "sha512",
  signature: Buffer,
): string {
  const blob = Buffer.concat([
    MAGIC,
    sshUint32(1),
    sshString(publicKey),
    sshString(namespace),
    sshString(""),
    sshString(hashAlgorithm),
    sshString(signature),
  ]);
  const lines = blob.toString("base64").match(/.{1,70}/g) ?? [];
  return `${BEGIN}\n${lines.join("\n")}\n${END}\n`;
}

function checkSignature(sig: SshSignature, data: Buffer): boolean {
  const message = signedMessage(data, sig.namespace, sig.hashAlgorithm);
  const key = publicKeyOf(sig.publicKey);
  switch (key.type) {
    case "ssh-ed25519":
      return sig.signatureType === "ssh-ed25519" && verify(null, message, key.key, sig.signature);
    case "ssh-rsa": {
      // SHA-1 `ssh-rsa` signatures are refused, as OpenSSH does for SSHSIG.
      const hash = { "rsa-sha2-256": "sha256", "rsa-sha2-512": "sha512" }[sig.signatureType];
      return hash !== undefined && verify(hash, message, key.key, sig.signature);
    }
    default: {
      if (key.ecdsa === undefined || sig.signatureType !== key.type) return false;
      const r = new SshReader(sig.signature);
      const rs = Buffer.concat([fixed(r.string(), key.ecdsa.size), fixed(r.string(), key.ecdsa.size)]);
      if (!r.done) throw new Error("trailing data inside the ECDSA signature");
      return verify(key.ecdsa.hash, message, { key: key.key, dsaEncoding: "ieee-p1363" }, rs);
    }
  }
}

// Registered keys are few and used on every upload: parsed once.
const KEYS = new Map<string, SshPublicKey>();
function publicKeyOf(blob: Buffer): SshPublicKey {
  const id = blob.toString("base64");
  let key = KEYS.get(id);
  if (key === undefined) {
    key = parseSshPublicKey(blob);
    if (KEYS.size >= 1000) KEYS.clear();
    KEYS.set(id, key);
  }
  return key;
}

/** mpint → exactly `size` big-endian bytes. */
function fixed(mpint: Buffer, size: number): Buffer {
  let b = mpint;
  while (b.length > size && b[0] === 0) b = b.subarray(1);
  if (b.length > size) throw new Error("bad ecdsa signature");
  return Buffer.concat([Buffer.alloc(size - b.length), b]);
}
