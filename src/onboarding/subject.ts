/**
 * Onboarding a subject (a cloud) to a compliance monitor, in one command: its signing key pair, an
 * API key and the runner's token file on disk; the monitor's bootstrap entry and the runner's
 * config.toml lines as text. Nothing existing is overwritten; a failure leaves nothing behind.
 */
import { randomBytes } from "node:crypto";
import { mkdir, unlink, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { oneLine, ScsError, UsageError } from "../errors.ts";
import { hashApiKey } from "../monitor/auth/password-hash.ts";
import { generateEd25519 } from "../ssh/keygen.ts";
import { tokenOf } from "../upload/token.ts";

/** Subject names the reference's onboarding accepts. */
export const SUBJECT_NAME = /^[A-Za-z0-9_-]+$/;

export interface NewSubject {
  readonly subject: string;
  readonly keyfile: string;
  readonly tokenfile: string;
  /** The entry for the monitor's bootstrap.yaml, to go under `accounts:`. */
  readonly bootstrapEntry: string;
  /** `[secrets]` (and the subject's mapping) for the runner's config.toml. */
  readonly configLines: string;
}

export interface AddSubjectOptions {
  /** Folder of keyfile, keyfile.pub and tokenfile (the reference's `.secret`). */
  readonly secretsDir: string;
  /** An existing API key; a new random one otherwise. */
  readonly apiKey?: string;
  readonly hashFormat?: "argon2id" | "bcrypt";
  /** The folder config.toml lives in: the printed paths are relative to it. */
  readonly configDir?: string;
}

export async function addSubject(subject: string, options: AddSubjectOptions): Promise<NewSubject> {
  if (!SUBJECT_NAME.test(subject))
    throw new UsageError(`subject ${JSON.stringify(subject)} may only use letters, digits, _ and -`);
  const keyfile = join(options.secretsDir, "keyfile");
  const tokenfile = join(options.secretsDir, "tokenfile");
  const apiKey = options.apiKey ?? randomBytes(24).toString("base64url");
  // the key's comment as the reference writes it: the subject with - replaced by _
  const pair = generateEd25519(subject.replaceAll("-", "_"));
  const written: string[] = [];
  try {
    await mkdir(options.secretsDir, { recursive: true, mode: 0o700 });
    for (const [path, content, mode] of [
      [keyfile, pair.privateKey, 0o600],
      [`${keyfile}.pub`, pair.publicKeyLine, 0o644],
      [tokenfile, `${tokenOf(subject, apiKey)}\n`, 0o600],
    ] as const) {
      await writeFile(path, content, { mode, flag: "wx" });
      written.push(path);
    }
  } catch (err) {
    await Promise.all(written.map((p) => unlink(p).catch(() => {})));
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new ScsError(
        `${(err as NodeJS.ErrnoException).path} exists already: scs subject add never overwrites keys; use another --secrets folder`,
        { cause: err },
      );
    throw new ScsError(`cannot write the subject's secrets to ${options.secretsDir}: ${oneLine(err)}`, {
      cause: err,
    });
  }
  const [type, blob] = pair.publicKeyLine.trim().split(" ");
  const hash = await hashApiKey(apiKey, options.hashFormat);
  const bootstrapEntry = [
    `  - subject: ${subject}`,
    "    api_keys:",
    `      - "${hash}"`,
    "    keys:",
    `      - public_key: "${blob}"`,
    `        public_key_type: "${type}"`,
    '        public_key_name: "primary"',
    "",
  ].join("\n");
  const shown = (p: string) => JSON.stringify(options.configDir ? relative(options.configDir, p) : p);
  const configLines = [
    "[secrets]",
    `keyfile = ${shown(keyfile)}`,
    `tokenfile = ${shown(tokenfile)}`,
    "",
    `[subjects.${subject}.mapping]`,
    `os_cloud = "${subject}"`,
    "",
  ].join("\n");
  return { subject, keyfile, tokenfile, bootstrapEntry, configLines };
}
