import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { ScsError } from "../../errors.ts";
import { parseSshPublicKey } from "../../ssh/public-key.ts";
import type { AccountSpec, PublicKeyRecord } from "../db/store.ts";
import { hashFormat } from "./password-hash.ts";
import { isRoleName, type RoleName, roleMask } from "./roles.ts";

/** A bootstrap file, validated: accounts in file order. `empty` = the import does nothing. */
export type Bootstrap = { empty: true } | { empty: false; accounts: AccountSpec[] };

/** Reads and validates a bootstrap file; every problem is one ScsError naming file and place. */
export async function loadBootstrap(path: string): Promise<Bootstrap> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ScsError(
      `cannot read the bootstrap file ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      {
        cause: err,
      },
    );
  }
  return parseBootstrap(text, path);
}

export function parseBootstrap(text: string, origin = "bootstrap"): Bootstrap {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new ScsError(`${origin}: invalid YAML: ${doc.errors[0]!.message.split("\n")[0]}`, {
      cause: doc.errors[0],
    });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isMapping(data)) return { empty: true };
  const accounts = data["accounts"] ?? [];
  const subjects = data["subjects"];
  if (!Array.isArray(accounts)) throw new ScsError(`${origin}: accounts must be a list`);
  if (
    accounts.length === 0 &&
    (subjects == null || (isMapping(subjects) && Object.keys(subjects).length === 0))
  ) {
    return { empty: true };
  }
  const seen = new Set<string>();
  const specs = accounts.map((raw, i) => {
    const spec = parseAccount(raw, `${origin}: accounts[${i}]`);
    if (seen.has(spec.subject))
      throw new ScsError(`${origin}: accounts[${i}]: subject ${spec.subject} appears twice`);
    seen.add(spec.subject);
    return spec;
  });
  return { empty: false, accounts: specs };
}

function parseAccount(raw: unknown, where: string): AccountSpec {
  if (!isMapping(raw)) throw new ScsError(`${where}: each account must be a mapping`);
  const subject = raw["subject"];
  if (typeof subject !== "string" || subject === "")
    throw new ScsError(`${where}: subject must be a non-empty string`);
  const at = `${where} (${subject})`;
  const roles = stringList(raw["roles"], `${at}.roles`);
  const unknown = roles.find((r) => !isRoleName(r));
  if (unknown !== undefined) {
    throw new ScsError(
      `${at}: unknown role ${JSON.stringify(unknown)} (known: read_any, append_any, admin, approve)`,
    );
  }
  const group = raw["group"];
  if (group != null && typeof group !== "string") throw new ScsError(`${at}.group must be a string`);
  const apiKeys = stringList(raw["api_keys"], `${at}.api_keys`);
  apiKeys.forEach((h, k) => {
    // Never echo the value: a plain password pasted here by mistake must not reach a log.
    if (hashFormat(h) === undefined) {
      throw new ScsError(`${at}.api_keys[${k}] is not a bcrypt ($2b$) or argon2id password hash`);
    }
  });
  const keysRaw = raw["keys"] ?? [];
  if (!Array.isArray(keysRaw)) throw new ScsError(`${at}.keys must be a list`);
  const keys = keysRaw.map((k, n) => parseKey(k, `${at}.keys[${n}]`));
  return {
    subject,
    roles: roleMask(roles as RoleName[]),
    group: group ?? null,
    delegates: stringList(raw["delegates"], `${at}.delegates`),
    apiKeys,
    keys,
  };
}

function parseKey(raw: unknown, where: string): PublicKeyRecord {
  if (!isMapping(raw)) throw new ScsError(`${where} must be a mapping`);
  const { public_key: key, public_key_type: keytype, public_key_name: keyname } = raw;
  if (typeof key !== "string" || typeof keytype !== "string" || typeof keyname !== "string") {
    throw new ScsError(`${where} needs public_key, public_key_type and public_key_name strings`);
  }
  let parsedType: string;
  try {
    parsedType = parseSshPublicKey(Buffer.from(key, "base64")).type;
  } catch (err) {
    throw new ScsError(
      `${where} (${keyname}): public_key is not a usable SSH public key: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  if (parsedType !== keytype) {
    throw new ScsError(`${where} (${keyname}): public_key_type is ${keytype} but the key is ${parsedType}`);
  }
  return { key, keytype, keyname };
}

function stringList(value: unknown, where: string): string[] {
  if (value == null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new ScsError(`${where} must be a list of strings`);
  }
  return value as string[];
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
