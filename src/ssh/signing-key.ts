/**
 * Opens the key that signs reports, as `ssh-keygen -Y sign -f KEY` does: when the ssh-agent holds
 * the key, the agent signs; otherwise the private key file is read in-process (asking for its
 * passphrase only if it is encrypted). KEY may also be a public key file whose private key only
 * the agent has.
 */
import { readFile } from "node:fs/promises";
import { oneLine, ScsError } from "../errors.ts";
import { SshAgent } from "./agent.ts";
import { PrivateKeyError, readPrivateKey } from "./private-key.ts";
import { parsePublicKeyLine } from "./public-key.ts";
import { KeySigner, type SshSigner } from "./sign.ts";

export interface SigningKeyOptions {
  /** The ssh-agent's socket (SSH_AUTH_SOCK); none = never ask an agent. */
  readonly agentSocket?: string | undefined;
  /** Asked only when the key file is encrypted and no agent holds the key. */
  readonly passphrase?: () => Promise<string>;
}

export interface SigningKey extends SshSigner {
  /** Who signs: the ssh-agent or this process. */
  readonly holder: "agent" | "file";
}

export async function openSigningKey(path: string, options: SigningKeyOptions = {}): Promise<SigningKey> {
  const text = await readKeyFile(path);
  if (!text.includes("-----BEGIN")) {
    // a public key: only an agent can sign with it
    let blob: Buffer;
    try {
      blob = parsePublicKeyLine(text.split("\n")[0] ?? "").blob;
    } catch (err) {
      throw new ScsError(`${path} is neither a private nor a public SSH key: give the signing key's file`, {
        cause: err,
      });
    }
    const agent = await agentSigner(blob, options.agentSocket);
    if (agent === undefined)
      throw new ScsError(
        `${path} is a public key and no ssh-agent holds its private key: ssh-add the private key, or give the private key file`,
      );
    return agent;
  }
  let file: ReturnType<typeof readPrivateKey>;
  try {
    file = readPrivateKey(text);
  } catch (err) {
    throw keyError(path, err);
  }
  const publicKey = file.publicKey ?? (await publicKeyBeside(path));
  if (publicKey !== undefined) {
    const agent = await agentSigner(publicKey, options.agentSocket);
    if (agent !== undefined) return agent;
  }
  let passphrase: string | undefined;
  if (file.encrypted) {
    if (options.passphrase === undefined)
      throw new ScsError(
        `the key ${path} is encrypted: give --passphrase-file FILE, add the key to the ssh-agent, or run on a terminal`,
      );
    passphrase = await options.passphrase();
  }
  try {
    const signer = new KeySigner(file.decrypt(passphrase));
    return { holder: "file", publicKey: signer.publicKey, sign: (m) => signer.sign(m) };
  } catch (err) {
    throw keyError(path, err);
  }
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, "latin1");
  } catch (err) {
    throw new ScsError(`cannot read the signing key ${path}: ${oneLine(err)}`, { cause: err });
  }
}

/** `KEY.pub`, for PEM files whose public part is encrypted with the rest. */
async function publicKeyBeside(path: string): Promise<Buffer | undefined> {
  try {
    return parsePublicKeyLine(await readFile(`${path}.pub`, "latin1")).blob;
  } catch {
    return undefined;
  }
}

/** The agent's signer for this key, if an agent answers and holds it. */
async function agentSigner(publicKey: Buffer, socket: string | undefined): Promise<SigningKey | undefined> {
  if (socket === undefined || socket === "") return undefined;
  const agent = new SshAgent(socket);
  let held: boolean;
  try {
    held = (await agent.identities()).some((i) => i.publicKey.equals(publicKey));
  } catch {
    // like ssh-keygen: an agent that is gone or refuses is not an error, the key file is used
    return undefined;
  }
  return held ? { holder: "agent", ...agent.signer(publicKey) } : undefined;
}

function keyError(path: string, err: unknown): ScsError {
  if (!(err instanceof PrivateKeyError)) return new ScsError(`cannot use the key ${path}: ${oneLine(err)}`);
  const what = {
    malformed: `${path} is not a usable private key: ${err.message}`,
    unsupported: `cannot sign with ${path}: ${err.message}`,
    "passphrase needed": `the key ${path} is encrypted: give its passphrase`,
    "wrong passphrase": `wrong passphrase for the key ${path}`,
  }[err.problem];
  return new ScsError(what, { cause: err });
}
