/**
 * Private key files as ssh-keygen writes them: OpenSSH's own format (`openssh-key-v1`, PROTOCOL.key),
 * plain or encrypted with bcrypt-pbkdf and any cipher ssh-keygen offers, and PEM/PKCS#8 files
 * (`ssh-keygen -m PEM|PKCS8`). Pure: text in, node:crypto key out.
 */
import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  timingSafeEqual,
} from "node:crypto";
import bcryptPbkdf from "bcrypt-pbkdf";
import { CURVES, keyTypeOf, parseSshPublicKey, SUPPORTED_KEY_TYPES, sshPublicKeyBlob } from "./public-key.ts";
import { SshReader, stripZeros } from "./wire.ts";

export type PrivateKeyProblem = "malformed" | "unsupported" | "passphrase needed" | "wrong passphrase";

/** Why a key file cannot be used; the caller words it for the user with the file's name. */
export class PrivateKeyError extends Error {
  constructor(
    readonly problem: PrivateKeyProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface PrivateKeyFile {
  /** Whether `decrypt` needs a passphrase. */
  readonly encrypted: boolean;
  /** The public key blob when the file shows it without the passphrase (OpenSSH format, plain PEM). */
  readonly publicKey: Buffer | undefined;
  /** The private key; throws PrivateKeyError ("passphrase needed", "wrong passphrase", …). */
  decrypt(passphrase?: string): KeyObject;
}

const OPENSSH = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/;
const PEM = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/;

/** Reads a private key file's text; throws PrivateKeyError when it is none or of an unsupported kind. */
export function readPrivateKey(text: string): PrivateKeyFile {
  const openssh = OPENSSH.exec(text);
  if (openssh) return readOpenSsh(Buffer.from(openssh[1]!.replace(/\s+/g, ""), "base64"));
  const pem = PEM.exec(text);
  if (pem) return readPem(pem[0], pem[1]!);
  if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/m.test(text))
    throw new PrivateKeyError("unsupported", "not an OpenSSH, PEM or PKCS#8 private key");
  throw new PrivateKeyError("malformed", "not a private key file");
}

const MAGIC = Buffer.from("openssh-key-v1\0", "latin1");

interface Cipher {
  node: string;
  keyLength: number;
  ivLength: number;
  blockSize: number;
  /** length of the authentication tag after the encrypted section */
  tag: number;
}

// The ciphers `ssh -Q cipher` lists, which `ssh-keygen -Z` may use for the private key.
const CIPHERS: Record<string, Cipher> = {
  none: { node: "none", keyLength: 0, ivLength: 0, blockSize: 8, tag: 0 },
  "aes128-ctr": { node: "aes-128-ctr", keyLength: 16, ivLength: 16, blockSize: 16, tag: 0 },
  "aes192-ctr": { node: "aes-192-ctr", keyLength: 24, ivLength: 16, blockSize: 16, tag: 0 },
  "aes256-ctr": { node: "aes-256-ctr", keyLength: 32, ivLength: 16, blockSize: 16, tag: 0 },
  "aes128-cbc": { node: "aes-128-cbc", keyLength: 16, ivLength: 16, blockSize: 16, tag: 0 },
  "aes192-cbc": { node: "aes-192-cbc", keyLength: 24, ivLength: 16, blockSize: 16, tag: 0 },
  "aes256-cbc": { node: "aes-256-cbc", keyLength: 32, ivLength: 16, blockSize: 16, tag: 0 },
  "3des-cbc": { node: "des-ede3-cbc", keyLength: 24, ivLength: 8, blockSize: 8, tag: 0 },
  "aes128-gcm@openssh.com": { node: "aes-128-gcm", keyLength: 16, ivLength: 12, blockSize: 16, tag: 16 },
  "aes256-gcm@openssh.com": { node: "aes-256-gcm", keyLength: 32, ivLength: 12, blockSize: 16, tag: 16 },
  "chacha20-poly1305@openssh.com": { node: "chacha20", keyLength: 64, ivLength: 0, blockSize: 8, tag: 16 },
};

function readOpenSsh(blob: Buffer): PrivateKeyFile {
  try {
    if (!blob.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("no openssh-key-v1 header");
    const r = new SshReader(blob.subarray(MAGIC.length));
    const cipherName = r.text();
    const kdfName = r.text();
    const kdfOptions = r.string();
    const count = r.uint32();
    if (count !== 1) throw new PrivateKeyError("unsupported", `the file holds ${count} keys, not one`);
    const publicKey = Buffer.from(r.string());
    const type = keyTypeOf(publicKey);
    if (!(SUPPORTED_KEY_TYPES as readonly string[]).includes(type))
      throw new PrivateKeyError("unsupported", unsupportedType(type));
    const encryptedSection = r.string();
    const cipher = CIPHERS[cipherName];
    if (cipher === undefined)
      throw new PrivateKeyError(
        "unsupported",
        `the key is encrypted with ${cipherName}, which scs cannot read`,
      );
    const tag = r.bytes(cipher.tag);
    if (cipherName !== "none" && kdfName !== "bcrypt")
      throw new PrivateKeyError("unsupported", `unknown key derivation ${kdfName}`);
    return {
      encrypted: cipherName !== "none",
      publicKey,
      decrypt(passphrase) {
        let plain: Buffer;
        if (cipherName === "none") plain = encryptedSection;
        else {
          if (passphrase === undefined || passphrase === "")
            throw new PrivateKeyError("passphrase needed", "the key is encrypted");
          plain = decryptSection(cipher, kdfOptions, passphrase, encryptedSection, tag);
        }
        return privateKeyOf(plain, publicKey);
      },
    };
  } catch (err) {
    if (err instanceof PrivateKeyError) throw err;
    throw new PrivateKeyError("malformed", `damaged OpenSSH private key (${(err as Error).message})`);
  }
}

function decryptSection(cipher: Cipher, kdfOptions: Buffer, passphrase: string, data: Buffer, tag: Buffer) {
  const kdf = new SshReader(kdfOptions);
  const salt = kdf.string();
  const rounds = kdf.uint32();
  if (data.length % cipher.blockSize !== 0)
    throw new Error("encrypted section is not a whole number of blocks");
  const pass = Buffer.from(passphrase, "utf8");
  const keyIv = new Uint8Array(cipher.keyLength + cipher.ivLength);
  if (bcryptPbkdf.pbkdf(pass, pass.length, salt, salt.length, keyIv, keyIv.length, rounds) !== 0)
    throw new Error("bad bcrypt parameters");
  const key = Buffer.from(keyIv.subarray(0, cipher.keyLength));
  const iv = Buffer.from(keyIv.subarray(cipher.keyLength));
  if (cipher.node === "chacha20") return chachaPoly1305Open(key, data, tag);
  const decipher = createDecipheriv(cipher.node, key, iv);
  if (cipher.tag > 0) (decipher as unknown as { setAuthTag(t: Buffer): void }).setAuthTag(tag);
  else decipher.setAutoPadding(false);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    // an authenticated cipher refuses a wrong key: that is a wrong passphrase
    throw new PrivateKeyError("wrong passphrase", "wrong passphrase");
  }
}

/** chacha20-poly1305@openssh.com with sequence number 0 and no additional data (PROTOCOL.chacha20poly1305). */
function chachaPoly1305Open(key: Buffer, data: Buffer, tag: Buffer): Buffer {
  const main = key.subarray(0, 32);
  // OpenSSL's 16-byte chacha20 IV is the 64-bit block counter (little-endian) then the 64-bit nonce.
  const iv = (counter: number) =>
    Buffer.concat([Buffer.from([counter, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(8)]);
  const polyKey = createDecipheriv("chacha20", main, iv(0)).update(Buffer.alloc(32));
  if (!timingSafeEqual(poly1305(polyKey, data), tag))
    throw new PrivateKeyError("wrong passphrase", "wrong passphrase");
  return createDecipheriv("chacha20", main, iv(1)).update(data);
}

const P1305 = (1n << 130n) - 5n;
const littleEndian = (b: Buffer) => BigInt(`0x${Buffer.from(b).reverse().toString("hex") || "0"}`);

/** Poly1305 (RFC 8439 §2.5), which node:crypto offers only inside its AEAD. */
export function poly1305(key: Buffer, message: Buffer): Buffer {
  const r = littleEndian(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = littleEndian(key.subarray(16, 32));
  let acc = 0n;
  for (let i = 0; i < message.length; i += 16) {
    const block = message.subarray(i, i + 16);
    acc = ((acc + littleEndian(block) + (1n << BigInt(8 * block.length))) * r) % P1305;
  }
  const tag = (acc + s) & ((1n << 128n) - 1n);
  return Buffer.from(tag.toString(16).padStart(32, "0"), "hex").reverse();
}

function privateKeyOf(plain: Buffer, publicKey: Buffer): KeyObject {
  const r = new SshReader(plain);
  // two equal random numbers open the section: a wrong key decrypts them to different ones
  const check = r.uint32();
  if (r.uint32() !== check) throw new PrivateKeyError("wrong passphrase", "wrong passphrase");
  const type = r.text();
  const b64 = (b: Buffer) => b.toString("base64url");
  let key: KeyObject;
  if (type === "ssh-ed25519") {
    const pub = r.string();
    const secret = r.string();
    if (pub.length !== 32 || secret.length !== 64) throw new Error("bad ed25519 key");
    key = jwk({ kty: "OKP", crv: "Ed25519", x: b64(pub), d: b64(secret.subarray(0, 32)) });
  } else if (type.startsWith("ecdsa-sha2-")) {
    const curve = CURVES[r.text()];
    if (curve === undefined) throw new PrivateKeyError("unsupported", `unsupported curve in ${type}`);
    const q = r.string();
    const d = fixed(r.string(), curve.size);
    const x = q.subarray(1, 1 + curve.size);
    const y = q.subarray(1 + curve.size);
    key = jwk({ kty: "EC", crv: curve.crv, x: b64(x), y: b64(y), d: b64(d) });
  } else if (type === "ssh-rsa") {
    const [n, e, d, iqmp, p, q] = [r.string(), r.string(), r.string(), r.string(), r.string(), r.string()];
    const big = (b: Buffer) => BigInt(`0x${b.toString("hex") || "0"}`);
    const bytes = (v: bigint) => {
      const hex = v.toString(16);
      return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
    };
    const [D, P, Q] = [big(d), big(p), big(q)];
    key = jwk({
      kty: "RSA",
      n: b64(stripZeros(n)),
      e: b64(stripZeros(e)),
      d: b64(stripZeros(d)),
      p: b64(stripZeros(p)),
      q: b64(stripZeros(q)),
      dp: b64(bytes(D % (P - 1n))),
      dq: b64(bytes(D % (Q - 1n))),
      qi: b64(stripZeros(iqmp)),
    });
  } else {
    throw new PrivateKeyError("unsupported", unsupportedType(type));
  }
  if (!sshPublicKeyBlob(key).equals(publicKey))
    throw new PrivateKeyError("malformed", "the private key does not match the public key in the file");
  return key;
}

export function unsupportedType(type: string): string {
  return `${type} keys cannot sign here: use an ed25519, ECDSA or RSA key`;
}

function jwk(key: Record<string, string>): KeyObject {
  return createPrivateKey({ key, format: "jwk" });
}

/** mpint → exactly `size` big-endian bytes. */
function fixed(mpint: Buffer, size: number): Buffer {
  const b = stripZeros(mpint);
  if (b.length > size) throw new Error("bad ecdsa key");
  return Buffer.concat([Buffer.alloc(size - b.length), b]);
}

function readPem(pem: string, label: string): PrivateKeyFile {
  const encrypted = label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
  const open = (passphrase?: string): KeyObject => {
    let key: KeyObject;
    try {
      key = createPrivateKey(
        encrypted ? { key: pem, format: "pem", passphrase: passphrase ?? "" } : { key: pem, format: "pem" },
      );
    } catch (err) {
      if (encrypted) throw new PrivateKeyError("wrong passphrase", "wrong passphrase");
      throw new PrivateKeyError("malformed", `damaged PEM private key (${(err as Error).message})`);
    }
    try {
      parseSshPublicKey(sshPublicKeyBlob(key));
    } catch {
      throw new PrivateKeyError("unsupported", unsupportedType(key.asymmetricKeyType ?? "this"));
    }
    return key;
  };
  const plain = encrypted ? undefined : open();
  return {
    encrypted,
    publicKey: plain === undefined ? undefined : sshPublicKeyBlob(createPublicKey(plain)),
    decrypt(passphrase) {
      if (plain !== undefined) return plain;
      if (passphrase === undefined || passphrase === "")
        throw new PrivateKeyError("passphrase needed", "the key is encrypted");
      return open(passphrase);
    },
  };
}
