import { createHash } from "node:crypto";
import type { Account } from "../db/store.ts";
import { passwordMatches } from "./password-hash.ts";

// Remembered successful logins: a bcrypt/argon2 verification costs 100+ ms, which would cap
// signed uploads at a few per second. Keys are SHA-256 digests; the password itself is not kept.
const MAX_REMEMBERED = 10_000;

/** The accounts in force (held in memory until the next bootstrap reload) and login checks. */
export class AccountDirectory {
  private readonly bySubject: Map<string, Account>;
  private readonly remembered = new Set<string>();

  constructor(accounts: readonly Account[]) {
    this.bySubject = new Map(accounts.map((a) => [a.subject, a]));
  }

  get(subject: string): Account | undefined {
    return this.bySubject.get(subject);
  }

  all(): Account[] {
    return [...this.bySubject.values()];
  }

  /** Subjects of the group `label`, in name order. */
  groupMembers(label: string): string[] {
    return this.all()
      .filter((a) => a.group === label)
      .map((a) => a.subject)
      .sort();
  }

  /** The account whose API keys match the password, or undefined. Every hash is checked. */
  async authenticate(subject: string, password: string): Promise<Account | undefined> {
    const account = this.bySubject.get(subject);
    if (account === undefined || account.apiKeys.length === 0) return undefined;
    const token = createHash("sha256").update(subject).update("\0").update(password).digest("base64");
    if (this.remembered.has(token)) return account;
    const matches = await Promise.all(account.apiKeys.map((h) => passwordMatches(password, h)));
    if (!matches.includes(true)) return undefined;
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.add(token);
    return account;
  }
}
