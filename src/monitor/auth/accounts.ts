import type { Account } from "../db/store.ts";

/** The accounts in force (held in memory until the next bootstrap reload). */
export class AccountDirectory {
  private readonly bySubject: Map<string, Account>;
  private readonly decoy: string | undefined;

  constructor(accounts: readonly Account[]) {
    this.bySubject = new Map(accounts.map((a) => [a.subject, a]));
    this.decoy = accounts.find((a) => a.apiKeys.length > 0)?.apiKeys[0];
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

  /**
   * A real API-key hash to check unknown users against, so that they cost what a wrong password
   * costs; undefined when no account has a key (then nobody can log in and nothing can leak).
   */
  decoyHash(): string | undefined {
    return this.decoy;
  }
}
