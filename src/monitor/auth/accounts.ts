import type { Account } from "../db/store.ts";

/** The accounts in force (held in memory until the next bootstrap reload). */
export class AccountDirectory {
  private readonly bySubject: Map<string, Account>;
  private readonly decoy: string | undefined;

  constructor(accounts: readonly Account[]) {
    this.bySubject = new Map(accounts.map((a) => [a.subject, a]));
    this.decoy = mostCommonCost(accounts.flatMap((a) => a.apiKeys));
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
   * A real API-key hash to check unknown users against, of the algorithm and cost most keys use,
   * so that they cost what a wrong password usually costs; undefined when no account has a key
   * (then nobody can log in and nothing can leak).
   */
  decoyHash(): string | undefined {
    return this.decoy;
  }
}

/** The first hash of the most frequent algorithm and parameters (`$2b$12$`, `$argon2id$v=19$m=…$`). */
function mostCommonCost(hashes: readonly string[]): string | undefined {
  const byCost = new Map<string, string[]>();
  for (const h of hashes) {
    const cost = /^\$[^$]+\$[^$]+\$(?:[^$]*,[^$]*\$)?/.exec(h)?.[0] ?? h;
    byCost.set(cost, [...(byCost.get(cost) ?? []), h]);
  }
  let best: string[] = [];
  for (const group of byCost.values()) if (group.length > best.length) best = group;
  return best[0];
}
