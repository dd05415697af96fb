/** `scs sign` and `scs verify` over files: `FILE.sig` beside `FILE`, as ssh-keygen -Y sign/verify. */
import { readFile } from "node:fs/promises";
import { oneLine, ScsError } from "../errors.ts";
import { writeAtomically } from "../files.ts";
import { PrivateKeyError, readPrivateKey } from "./private-key.ts";
import { fingerprint, keyTypeOf, parsePublicKeyLine } from "./public-key.ts";
import { type SshSigner, signSshsig } from "./sign.ts";
import { verifySshSignature } from "./sshsig.ts";

/** Signs the file's bytes and writes `<file>.sig`; returns the signature's path. */
export async function signFile(path: string, key: SshSigner, namespace: string): Promise<string> {
  const data = await readData(path);
  const signature = await signSshsig(key, data, namespace);
  await writeAtomically(`${path}.sig`, signature, { what: "the signature" });
  return `${path}.sig`;
}

/** Thrown when a signature does not hold: exit status 1, as `ssh-keygen -Y verify`. */
export class BadSignatureError extends ScsError {
  override readonly name = "BadSignatureError";
  constructor(message: string) {
    super(message, { exitCode: 1 });
  }
}

/** Checks `<signature>` over the file; resolves to a one-line confirmation, throws BadSignatureError. */
export async function verifyFile(
  path: string,
  signaturePath: string,
  allowed: readonly Buffer[],
  namespace: string,
): Promise<string> {
  const data = await readData(path);
  let signature: string;
  try {
    signature = await readFile(signaturePath, "latin1");
  } catch (err) {
    throw new ScsError(`cannot read the signature ${signaturePath}: ${oneLine(err)}`, { cause: err });
  }
  const outcome = verifySshSignature(signature, data, namespace, allowed);
  if (!outcome.ok) throw new BadSignatureError(`${path}: bad signature (${outcome.detail})`);
  const key = allowed[outcome.keyIndex]!;
  return `Good "${namespace}" signature for ${path} with ${keyTypeOf(key)} key ${fingerprint(key)}`;
}

/**
 * The public keys a signature may be made by: the lines of a `.pub`/authorized_keys file, or the
 * public part of an OpenSSH private key file (it is stored unencrypted).
 */
export async function readAllowedKeys(path: string): Promise<Buffer[]> {
  let text: string;
  try {
    text = await readFile(path, "latin1");
  } catch (err) {
    throw new ScsError(`cannot read the public key ${path}: ${oneLine(err)}`, { cause: err });
  }
  if (text.includes("-----BEGIN")) {
    try {
      const publicKey = readPrivateKey(text).publicKey;
      if (publicKey !== undefined) return [publicKey];
    } catch (err) {
      if (!(err instanceof PrivateKeyError)) throw err;
    }
    throw new ScsError(`${path} shows no public key: give the .pub file`);
  }
  const keys: Buffer[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    try {
      keys.push(parsePublicKeyLine(line).blob);
    } catch (err) {
      throw new ScsError(`${path}:${i + 1}: ${(err as Error).message}`, { cause: err });
    }
  }
  if (keys.length === 0) throw new ScsError(`${path} holds no public key`);
  return keys;
}

async function readData(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new ScsError(`cannot read ${path}: ${oneLine(err)}`, { cause: err });
  }
}
