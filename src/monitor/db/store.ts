/**
 * The one seam between the monitor and its database. SQLite and PostgreSQL both sit behind it
 * (see kysely-store.ts); the API, views and tests only ever see this interface.
 */

export interface PublicKeyRecord {
  /** base64 of the SSH public key blob */
  key: string;
  /** e.g. `ssh-ed25519` */
  keytype: string;
  keyname: string;
}

/** An account as the bootstrap file declares it (roles already summed to a bit mask). */
export interface AccountSpec {
  subject: string;
  roles: number;
  group: string | null;
  delegates: readonly string[];
  apiKeys: readonly string[];
  keys: readonly PublicKeyRecord[];
}

/** An account as stored, with the subjects it may post for on their behalf. */
export interface Account {
  subject: string;
  roles: number;
  group: string | null;
  apiKeys: readonly string[];
  keys: readonly PublicKeyRecord[];
  /** subjects that listed this account under `delegates` */
  delegators: readonly string[];
}

/** One result row to insert (version `*` for current-format reports). */
export interface NewResult {
  scopeuuid: string;
  version: string;
  testcase: string;
  result: number | null;
  /** default: approved exactly when result = 1, as on upload; an import carries the stored flag */
  approval?: boolean;
}

export interface NewReport {
  reportuuid: string;
  /** naive ISO timestamp with six fractional digits */
  checkedAt: string;
  subject: string;
  /** the report document as JSON text */
  data: string;
  results: readonly NewResult[];
}

export interface ResultRow {
  reportuuid: string;
  subject: string;
  checked_at: string;
  scopeuuid: string;
  version: string;
  check: string;
  result: number | null;
  approval: boolean;
}

export interface ApprovalRecord {
  reportuuid: string;
  scopeuuid: string;
  version: string;
  check: string;
  approval: boolean;
}

/** The newest result of one (subject, scope, testcase). */
export interface LatestResult {
  subject: string;
  scopeuuid: string;
  testcase: string;
  result: number | null;
  checkedAt: string;
  reportuuid: string;
}

/** A result as the history needs it (no version: the evaluation ignores it). */
export interface HistoricResult {
  subject: string;
  testcase: string;
  result: number | null;
  checkedAt: string;
}

/**
 * What `scs monitor import` writes, all inside one transaction of the store. Nothing that is
 * already stored is changed: an existing account (same subject) or report (same uuid) is skipped.
 */
export interface ImportWriter {
  /** Adds the account with its API keys and public keys; false (nothing written) if the subject exists. */
  addAccount(account: Omit<AccountSpec, "delegates">): Promise<boolean>;
  /** Lets `delegate` post for `subject`; false if that is already so or either account is missing. */
  addDelegation(delegate: string, subject: string): Promise<boolean>;
  /** Inserts the reports whose uuid is not stored yet, as uploads do; returns the ones inserted. */
  addReports(reports: readonly NewReport[]): Promise<NewReport[]>;
}

export class DuplicateReportError extends Error {
  constructor(readonly reportuuid: string) {
    super(`report ${reportuuid} is already present`);
    this.name = "DuplicateReportError";
  }
}

export class NoSuchResultError extends Error {
  constructor(readonly record: ApprovalRecord) {
    super(
      `no result for report ${record.reportuuid}, scope ${record.scopeuuid}, version ${record.version}, testcase ${record.check}`,
    );
    this.name = "NoSuchResultError";
  }
}

export interface Store {
  readonly dialect: "sqlite" | "postgres";
  /** Creates the schema if needed (idempotent). */
  migrate(): Promise<void>;
  /** Round trip to the database; throws when it is unreachable. */
  ping(): Promise<void>;
  /** The bootstrap import (one transaction): upsert these, delete every other account. */
  importAccounts(accounts: readonly AccountSpec[]): Promise<void>;
  loadAccounts(): Promise<Account[]>;
  /** Inserts reports and their results together; DuplicateReportError if a uuid exists. */
  insertReports(reports: readonly NewReport[]): Promise<void>;
  /** The stored JSON text of a report. */
  getReport(reportuuid: string): Promise<{ subject: string; data: string; checkedAt: string } | undefined>;
  /** Report documents (JSON text); subject undefined = every subject. */
  listReports(query: { subject?: string; limit: number; skip: number }): Promise<string[]>;
  /** Result rows checked after `since`, oldest first. */
  recentResults(query: {
    since: string;
    approved?: boolean;
    limit: number;
    skip: number;
  }): Promise<ResultRow[]>;
  /** Sets approval flags; NoSuchResultError (and nothing changed) if a record matches no row. */
  setApprovals(records: readonly ApprovalRecord[]): Promise<void>;
  latestResults(query: { subjects?: readonly string[]; scopeuuid?: string }): Promise<LatestResult[]>;
  /** Every result of these subjects for a scope checked at or after `since`, oldest first. */
  resultHistory(query: {
    subjects: readonly string[];
    scopeuuid: string;
    since: string;
  }): Promise<HistoricResult[]>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  bulkImport<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T>;
  /** Changes whenever reports were added (by any instance sharing the database). */
  generation(): Promise<number>;
  close(): Promise<void>;
}
