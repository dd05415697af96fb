import { type Insertable, type Kysely, sql } from "kysely";
import { type Dialect, migrate } from "./migrate.ts";
import type { MonitorTables } from "./schema.ts";
import {
  type Account,
  type AccountSpec,
  type ApprovalRecord,
  DuplicateReportError,
  type HistoricResult,
  type ImportWriter,
  type LatestResult,
  type NewReport,
  NoSuchResultError,
  type ResultRow,
  type Store,
} from "./store.ts";

type Db = Kysely<MonitorTables>;

// Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 400;

// How long `scs monitor import` waits for SQLite's write lock before it gives up.
const IMPORT_LOCK_WAIT_MS = 1000;

/** The Store over Kysely: the same queries for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  constructor(
    readonly db: Db,
    readonly dialect: Dialect,
  ) {}

  migrate(): Promise<void> {
    return migrate(this.db, this.dialect);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async importAccounts(accounts: readonly AccountSpec[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const kept: number[] = [];
      for (const spec of accounts) {
        const { accountid } = await tx
          .insertInto("account")
          .values({ subject: spec.subject, roles: spec.roles, group: spec.group })
          .onConflict((oc) => oc.column("subject").doUpdateSet({ roles: spec.roles, group: spec.group }))
          .returning("accountid")
          .executeTakeFirstOrThrow();
        kept.push(accountid);
        await tx.deleteFrom("delegation").where("accountid", "=", accountid).execute();
        // Only delegates that exist at this moment count, as in the reference import.
        const delegates =
          spec.delegates.length === 0
            ? []
            : await tx
                .selectFrom("account")
                .select("accountid")
                .where("subject", "in", spec.delegates)
                .execute();
        for (const d of delegates) {
          await tx.insertInto("delegation").values({ delegateid: d.accountid, accountid }).execute();
        }
        await tx.deleteFrom("apikey").where("accountid", "=", accountid).execute();
        await tx.deleteFrom("publickey").where("accountid", "=", accountid).execute();
        await insertCredentials(tx, accountid, spec);
      }
      let others = tx.deleteFrom("account");
      if (kept.length > 0) others = others.where("accountid", "not in", kept);
      await others.execute();
    });
  }

  async loadAccounts(): Promise<Account[]> {
    const [accounts, apikeys, keys, delegations] = await Promise.all([
      this.db.selectFrom("account").selectAll().orderBy("subject").execute(),
      this.db.selectFrom("apikey").select(["accountid", "apikeyhash"]).orderBy("apikeyid").execute(),
      this.db
        .selectFrom("publickey")
        .select(["accountid", "key", "keytype", "keyname"])
        .orderBy("keyid")
        .execute(),
      this.db
        .selectFrom("delegation")
        .innerJoin("account", "account.accountid", "delegation.accountid")
        .select(["delegation.delegateid", "account.subject"])
        .execute(),
    ]);
    return accounts.map((a) => ({
      subject: a.subject,
      roles: a.roles,
      group: a.group,
      apiKeys: apikeys.filter((k) => k.accountid === a.accountid).map((k) => k.apikeyhash),
      keys: keys
        .filter((k) => k.accountid === a.accountid)
        .map((k) => ({ key: k.key, keytype: k.keytype, keyname: k.keyname })),
      delegators: delegations.filter((d) => d.delegateid === a.accountid).map((d) => d.subject),
    }));
  }

  async insertReports(reports: readonly NewReport[]): Promise<void> {
    try {
      await this.db.transaction().execute((tx) => insertReports(tx, reports));
    } catch (err) {
      if (isUniqueViolation(err)) {
        const uuid = await this.firstExisting(reports);
        throw new DuplicateReportError(uuid ?? reports[0]?.reportuuid ?? "?");
      }
      throw err;
    }
  }

  private async firstExisting(reports: readonly NewReport[]): Promise<string | undefined> {
    const uuids = reports.map((r) => r.reportuuid);
    const seen = new Set<string>();
    for (const u of uuids) {
      if (seen.has(u)) return u;
      seen.add(u);
    }
    const row = await this.db
      .selectFrom("report")
      .select("reportuuid")
      .where("reportuuid", "in", uuids)
      .executeTakeFirst();
    return row?.reportuuid;
  }

  async getReport(reportuuid: string) {
    const row = await this.db
      .selectFrom("report")
      .select(["subject", "data", "checked_at"])
      .where("reportuuid", "=", reportuuid)
      .executeTakeFirst();
    return row && { subject: row.subject, data: row.data, checkedAt: row.checked_at };
  }

  async listReports(query: { subject?: string; limit: number; skip: number }): Promise<string[]> {
    let q = this.db.selectFrom("report").select("data");
    if (query.subject !== undefined) q = q.where("subject", "=", query.subject);
    // The reference applies no order; we list newest first, which is what a reader wants.
    const rows = await q.orderBy("checked_at", "desc").limit(query.limit).offset(query.skip).execute();
    return rows.map((r) => r.data);
  }

  async recentResults(query: { since: string; approved?: boolean; limit: number; skip: number }) {
    let q = this.db
      .selectFrom("result2")
      .innerJoin("report", "report.reportid", "result2.reportid")
      .select([
        "report.reportuuid",
        "result2.subject",
        "result2.checked_at",
        "result2.scopeuuid",
        "result2.version",
        "result2.testcase",
        "result2.result",
        "result2.approval",
      ])
      .where("result2.checked_at", ">", query.since);
    if (query.approved !== undefined) q = q.where("result2.approval", "=", query.approved ? 1 : 0);
    const rows = await q
      .orderBy("result2.checked_at", "asc")
      .orderBy("result2.resultid", "asc")
      .limit(query.limit)
      .offset(query.skip)
      .execute();
    return rows.map(
      (r): ResultRow => ({
        reportuuid: r.reportuuid,
        subject: r.subject,
        checked_at: r.checked_at,
        scopeuuid: r.scopeuuid,
        version: r.version,
        check: r.testcase,
        result: r.result,
        approval: r.approval === 1,
      }),
    );
  }

  async setApprovals(records: readonly ApprovalRecord[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const r of records) {
        const res = await tx
          .updateTable("result2")
          .set({ approval: r.approval ? 1 : 0 })
          .where("reportid", "in", (eb) =>
            eb.selectFrom("report").select("reportid").where("reportuuid", "=", r.reportuuid),
          )
          .where("scopeuuid", "=", r.scopeuuid)
          .where("version", "=", r.version)
          .where("testcase", "=", r.check)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw new NoSuchResultError(r);
      }
    });
  }

  async latestResults(query: { subjects?: readonly string[]; scopeuuid?: string }): Promise<LatestResult[]> {
    let q = this.db.selectFrom("latest_result").selectAll();
    if (query.subjects !== undefined) {
      if (query.subjects.length === 0) return [];
      q = q.where("subject", "in", query.subjects);
    }
    if (query.scopeuuid !== undefined) q = q.where("scopeuuid", "=", query.scopeuuid);
    const rows = await q.execute();
    return rows.map((r) => ({
      subject: r.subject,
      scopeuuid: r.scopeuuid,
      testcase: r.testcase,
      result: r.result,
      checkedAt: r.checked_at,
      reportuuid: r.reportuuid,
    }));
  }

  async resultHistory(query: { subjects: readonly string[]; scopeuuid: string; since: string }) {
    if (query.subjects.length === 0) return [];
    const rows = await this.db
      .selectFrom("result2")
      .select(["subject", "testcase", "result", "checked_at"])
      .where("subject", "in", query.subjects)
      .where("scopeuuid", "=", query.scopeuuid)
      .where("checked_at", ">=", query.since)
      .orderBy("checked_at", "asc")
      .execute();
    return rows.map(
      (r): HistoricResult => ({
        subject: r.subject,
        testcase: r.testcase,
        result: r.result,
        checkedAt: r.checked_at,
      }),
    );
  }

  bulkImport<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T> {
    if (this.dialect !== "sqlite") {
      return this.db.transaction().execute((tx) => work(new TransactionImportWriter(tx)));
    }
    // BEGIN IMMEDIATE takes SQLite's write lock up front: another writer (a running monitor's upload)
    // makes the import fail within IMPORT_LOCK_WAIT_MS, before it writes anything, rather than a
    // plain BEGIN failing with SQLITE_BUSY at its first write.
    return this.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
      await sql.raw(`pragma busy_timeout = ${IMPORT_LOCK_WAIT_MS}`).execute(conn);
      try {
        await sql`begin immediate`.execute(conn);
      } finally {
        await sql.raw(`pragma busy_timeout = ${Number(rows[0]?.timeout ?? 10_000)}`).execute(conn);
      }
      try {
        const result = await work(new TransactionImportWriter(conn));
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw err;
      }
    });
  }

  async generation(): Promise<number> {
    const row = await this.db
      .selectFrom("report")
      .select((eb) => eb.fn.max("reportid").as("last"))
      .executeTakeFirst();
    return Number(row?.last ?? 0);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

async function insertReports(tx: Db, reports: readonly NewReport[]): Promise<void> {
  const results: Insertable<MonitorTables["result2"]>[] = [];
  for (const report of reports) {
    const { reportid } = await tx
      .insertInto("report")
      .values({
        reportuuid: report.reportuuid,
        checked_at: report.checkedAt,
        subject: report.subject,
        data: report.data,
      })
      .returning("reportid")
      .executeTakeFirstOrThrow();
    for (const r of report.results) {
      results.push({
        checked_at: report.checkedAt,
        subject: report.subject,
        scopeuuid: r.scopeuuid,
        version: r.version,
        testcase: r.testcase,
        result: r.result,
        approval: (r.approval ?? r.result === 1) ? 1 : 0,
        reportid,
      });
    }
  }
  for (let i = 0; i < results.length; i += CHUNK) {
    await tx
      .insertInto("result2")
      .values(results.slice(i, i + CHUNK))
      .execute();
  }
  await upsertLatest(tx, reports);
}

/** An account's API key hashes and public keys (a key name given twice: the last one wins). */
async function insertCredentials(
  tx: Db,
  accountid: number,
  spec: Pick<AccountSpec, "apiKeys" | "keys">,
): Promise<void> {
  for (const hash of new Set(spec.apiKeys)) {
    await tx.insertInto("apikey").values({ apikeyhash: hash, accountid }).execute();
  }
  for (const k of spec.keys) {
    await tx
      .insertInto("publickey")
      .values({ key: k.key, keytype: k.keytype, keyname: k.keyname, accountid })
      .onConflict((oc) =>
        oc.columns(["accountid", "keyname"]).doUpdateSet({ key: k.key, keytype: k.keytype }),
      )
      .execute();
  }
}

/** Keeps latest_result current: one row per key per statement, keys in a fixed order (no deadlocks). */
async function upsertLatest(tx: Db, reports: readonly NewReport[]): Promise<void> {
  const newest = new Map<string, MonitorTables["latest_result"]>();
  for (const report of reports) {
    for (const r of report.results) {
      const key = `${report.subject}\u0000${r.scopeuuid}\u0000${r.testcase}`;
      const seen = newest.get(key);
      if (seen === undefined || seen.checked_at <= report.checkedAt) {
        newest.set(key, {
          subject: report.subject,
          scopeuuid: r.scopeuuid,
          testcase: r.testcase,
          result: r.result,
          checked_at: report.checkedAt,
          reportuuid: report.reportuuid,
        });
      }
    }
  }
  const rows = [...newest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto("latest_result")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(["subject", "scopeuuid", "testcase"])
          .doUpdateSet((eb) => ({
            result: eb.ref("excluded.result"),
            checked_at: eb.ref("excluded.checked_at"),
            reportuuid: eb.ref("excluded.reportuuid"),
          }))
          .where("latest_result.checked_at", "<=", (eb) => eb.ref("excluded.checked_at")),
      )
      .execute();
  }
}

/** The import's writes, through the transaction only (on SQLite the store's own handle waits for it). */
class TransactionImportWriter implements ImportWriter {
  constructor(private readonly tx: Db) {}

  async addAccount(account: Omit<AccountSpec, "delegates">): Promise<boolean> {
    const existing = await this.accountId(account.subject);
    if (existing !== undefined) return false;
    const { accountid } = await this.tx
      .insertInto("account")
      .values({ subject: account.subject, roles: account.roles, group: account.group })
      .returning("accountid")
      .executeTakeFirstOrThrow();
    await insertCredentials(this.tx, accountid, account);
    return true;
  }

  async addDelegation(delegate: string, subject: string): Promise<boolean> {
    const delegateid = await this.accountId(delegate);
    const accountid = await this.accountId(subject);
    if (delegateid === undefined || accountid === undefined) return false;
    const present = await this.tx
      .selectFrom("delegation")
      .select("accountid")
      .where("delegateid", "=", delegateid)
      .where("accountid", "=", accountid)
      .executeTakeFirst();
    if (present !== undefined) return false;
    await this.tx.insertInto("delegation").values({ delegateid, accountid }).execute();
    return true;
  }

  async addReports(reports: readonly NewReport[]): Promise<NewReport[]> {
    if (reports.length === 0) return [];
    const stored = new Set<string>();
    for (let i = 0; i < reports.length; i += CHUNK) {
      const rows = await this.tx
        .selectFrom("report")
        .select("reportuuid")
        .where(
          "reportuuid",
          "in",
          reports.slice(i, i + CHUNK).map((r) => r.reportuuid),
        )
        .execute();
      for (const r of rows) stored.add(r.reportuuid);
    }
    const fresh: NewReport[] = [];
    for (const r of reports) {
      if (stored.has(r.reportuuid)) continue;
      stored.add(r.reportuuid);
      fresh.push(r);
    }
    if (fresh.length > 0) await insertReports(this.tx, fresh);
    return fresh;
  }

  private async accountId(subject: string): Promise<number | undefined> {
    const row = await this.tx
      .selectFrom("account")
      .select("accountid")
      .where("subject", "=", subject)
      .executeTakeFirst();
    return row?.accountid;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
