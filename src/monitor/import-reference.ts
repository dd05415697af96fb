import { existsSync, rmSync } from "node:fs";
import { oneLine, ScsError } from "../errors.ts";
import { isPostgresUrl, openStore, redactUrl } from "./db/open.ts";
import { type ReferenceCounts, ReferenceDatabase } from "./db/reference-database.ts";
import type { AccountSpec, Store } from "./db/store.ts";

/** How many of one kind of row were imported and how many were already there. */
export interface ImportCount {
  imported: number;
  skipped: number;
}

export interface ImportSummary {
  accounts: ImportCount;
  apiKeys: ImportCount;
  publicKeys: ImportCount;
  delegations: ImportCount;
  reports: ImportCount;
  results: ImportCount;
}

export interface ImportOptions {
  /** reports read and written per batch (default 500) */
  batchSize?: number;
  /** progress lines for large databases (the CLI writes them to stderr) */
  progress?: (line: string) => void;
}

const DEFAULT_BATCH = 500;

/** What is read from the reference before our database is opened. */
export interface ReferenceContents {
  counts: ReferenceCounts;
  accounts: AccountSpec[];
}

/**
 * `scs monitor import`: copies a reference monitor database (PostgreSQL, schema v4) into our store
 * at `db` (SQLite path or postgres:// URL, created or migrated as `serve` does). The reference is
 * checked, counted and its accounts read before our database is opened, so a refused source or a bad
 * account row leaves nothing behind; a SQLite file the import created is removed again when it fails.
 */
export async function importReferenceDatabase(
  options: { from: string; db: string } & ImportOptions,
): Promise<ImportSummary> {
  const source = await ReferenceDatabase.open(options.from);
  try {
    const contents = await readReference(source);
    const file =
      isPostgresUrl(options.db) || options.db === ":memory:" || options.db === "" ? undefined : options.db;
    const created = file !== undefined && !existsSync(file);
    try {
      const store = await openStore(options.db);
      try {
        return await importInto(store, source, options, contents);
      } finally {
        await store.close();
      }
    } catch (err) {
      if (created) removeSqliteFiles(file);
      throw err;
    }
  } finally {
    await source.close();
  }
}

/** The reference's row counts and accounts (with keys and delegations), in its snapshot. */
export async function readReference(source: ReferenceDatabase): Promise<ReferenceContents> {
  try {
    return { counts: await source.counts(), accounts: await source.accounts() };
  } catch (err) {
    throw failed(err);
  }
}

/**
 * Writes the reference's accounts (with API keys, public keys and delegations), reports and results
 * into the store in one transaction: all or nothing. Accounts whose subject and reports whose uuid
 * the store already has are skipped and counted, so a second run changes nothing.
 */
export async function importInto(
  store: Store,
  source: ReferenceDatabase,
  options: ImportOptions = {},
  contents?: ReferenceContents,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const { counts, accounts } = contents ?? (await readReference(source));
  const count = (): ImportCount => ({ imported: 0, skipped: 0 });
  const summary: ImportSummary = {
    accounts: count(),
    apiKeys: count(),
    publicKeys: count(),
    delegations: count(),
    reports: count(),
    results: count(),
  };
  const progress = counts.reports > batchSize ? options.progress : undefined;
  try {
    await store.bulkImport(async (writer) => {
      const imported = new Set<string>();
      for (const account of accounts) {
        const added = await writer.addAccount(account);
        if (added) imported.add(account.subject);
        const tally = added ? "imported" : "skipped";
        summary.accounts[tally] += 1;
        summary.apiKeys[tally] += new Set(account.apiKeys).size;
        summary.publicKeys[tally] += account.keys.length;
      }
      // After every account exists: a delegate may come after the account it posts for.
      for (const account of accounts) {
        for (const delegate of account.delegates) {
          const added =
            imported.has(account.subject) && (await writer.addDelegation(delegate, account.subject));
          summary.delegations[added ? "imported" : "skipped"] += 1;
        }
      }
      let done = 0;
      for await (const batch of source.reports(batchSize)) {
        const inserted = new Set(await writer.addReports(batch));
        for (const report of batch) {
          const tally = inserted.has(report) ? "imported" : "skipped";
          summary.reports[tally] += 1;
          summary.results[tally] += report.results.length;
        }
        done += batch.length;
        progress?.(`scs monitor import: ${done} of ${counts.reports} reports read`);
      }
    });
  } catch (err) {
    throw failed(err);
  }
  return summary;
}

/** The one line an import ends with when it fails: nothing of it is in our database. */
function failed(err: unknown): ScsError {
  if (String((err as { code?: unknown } | null)?.code ?? "").startsWith("SQLITE_BUSY")) {
    return new ScsError(
      "the monitor database is locked by another writer (a running scs monitor taking uploads?): " +
        "stop it during the import and run the import again (nothing was imported)",
      { cause: err },
    );
  }
  if (err instanceof ScsError) {
    return new ScsError(`${oneLine(err)} (nothing was imported)`, { cause: err, exitCode: err.exitCode });
  }
  return new ScsError(`the import failed and nothing was imported: ${oneLine(err)}`, { cause: err });
}

/** Removes a SQLite database file the failed import created, with its WAL and shared-memory files. */
function removeSqliteFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

/** The one-line summary the CLI prints. */
export function formatSummary(summary: ImportSummary, from: string): string {
  const part = (c: ImportCount, what: string) => `${c.imported} ${what} (${c.skipped} skipped)`;
  return (
    `imported from ${redactUrl(from)}: ${part(summary.accounts, "accounts")}, ` +
    `${part(summary.apiKeys, "API keys")}, ${part(summary.publicKeys, "public keys")}, ` +
    `${part(summary.delegations, "delegations")}, ${part(summary.reports, "reports")}, ` +
    `${part(summary.results, "results")}`
  );
}
