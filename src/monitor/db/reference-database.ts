import pg from "pg";
import { oneLine, ScsError } from "../../errors.ts";
import { isPostgresUrl, redactUrl } from "./open.ts";
import { SCHEMA_VERSION } from "./schema.ts";
import type { AccountSpec, NewReport, NewResult } from "./store.ts";

/** The only schema version of the reference monitor's database that can be imported. */
export const REFERENCE_SCHEMA_VERSION = "v4";

/** Rows of the reference database, read in one snapshot. */
export interface ReferenceCounts {
  accounts: number;
  apiKeys: number;
  publicKeys: number;
  delegations: number;
  reports: number;
  results: number;
}

// Result rows fetched per round trip; reports come in the caller's batch size.
const RESULT_FETCH = 5000;

// Stored timestamps are naive ISO text with six fractional digits, as ours are.
const NAIVE_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US'`;

interface ResultRow {
  reportid: number;
  scopeuuid: string;
  version: string;
  testcase: string;
  result: number | null;
  approval: boolean | null;
}

/**
 * A database of the reference compliance monitor (PostgreSQL, schema `v4`: tables meta, account,
 * apikey, publickey, delegation, report, result2), read-only in one repeatable-read transaction,
 * so a reference monitor still running cannot make the import see half an upload.
 */
export class ReferenceDatabase {
  private resultRows: ResultRow[] = [];
  private resultsEnd = false;

  private constructor(
    private readonly client: pg.Client,
    /** the URL without its password, for messages */
    readonly location: string,
  ) {}

  /** Connects and checks the schema version; ScsError with one line for every problem. */
  static async open(url: string): Promise<ReferenceDatabase> {
    const location = redactUrl(url);
    if (!isPostgresUrl(url)) {
      throw new ScsError(`the reference database must be a postgres:// URL, got ${location}`);
    }
    let client: pg.Client;
    try {
      client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    } catch (err) {
      throw unreadable(location, err, CONNECT_HINT);
    }
    // A connection lost mid-import fails the running query; the event itself must not crash.
    client.on("error", () => {});
    const db = new ReferenceDatabase(client, location);
    try {
      await client.connect();
      await client.query("begin transaction isolation level repeatable read read only");
      await db.checkVersion();
    } catch (err) {
      await client.end().catch(() => {});
      if (err instanceof ScsError) throw err;
      throw unreadable(location, err, CONNECT_HINT);
    }
    return db;
  }

  private async checkVersion(): Promise<void> {
    const { rows: meta } = await this.client.query<{ present: boolean }>(
      "select to_regclass('meta') is not null as present",
    );
    let version: string | undefined;
    if (meta[0]?.present) {
      const { rows } = await this.client.query<{ value: string }>(
        "select value from meta where key = 'version'",
      );
      version = rows[0]?.value;
    }
    if (version === REFERENCE_SCHEMA_VERSION) return;
    if (version === SCHEMA_VERSION) {
      throw new ScsError(
        `${this.location} is already a database of scs monitor (schema ${version}), not the reference's: use it with scs monitor serve --db`,
      );
    }
    const found = meta[0]?.present
      ? version === undefined
        ? "no schema version in table meta"
        : `schema version ${version}`
      : "no table meta";
    throw new ScsError(
      `${this.location} is not a reference monitor database of schema version ${REFERENCE_SCHEMA_VERSION} (found ${found}): ` +
        `start the reference monitor once against it (it migrates the database to ${REFERENCE_SCHEMA_VERSION} by itself), stop it and run the import again`,
    );
  }

  async counts(): Promise<ReferenceCounts> {
    const { rows } = await this.query<Record<keyof ReferenceCounts, string>>(
      `select (select count(*) from account) as accounts, (select count(*) from apikey) as "apiKeys",
              (select count(*) from publickey) as "publicKeys", (select count(*) from delegation) as delegations,
              (select count(*) from report) as reports, (select count(*) from result2) as results`,
    );
    const r = rows[0]!;
    return {
      accounts: Number(r.accounts),
      apiKeys: Number(r.apiKeys),
      publicKeys: Number(r.publicKeys),
      delegations: Number(r.delegations),
      reports: Number(r.reports),
      results: Number(r.results),
    };
  }

  /** Every account with its API key hashes, public keys and the subjects that may post for it. */
  async accounts(): Promise<AccountSpec[]> {
    // One connection runs one query at a time: in sequence, all in the same snapshot.
    const accounts = await this.query<{
      accountid: number;
      subject: string | null;
      roles: number | null;
      group: string | null;
    }>(`select accountid, subject, roles, "group" from account order by accountid`);
    const apikeys = await this.query<{ accountid: number; apikeyhash: string | null }>(
      "select accountid, apikeyhash from apikey order by apikeyid",
    );
    const publickeys = await this.query<{
      accountid: number;
      key: string | null;
      keytype: string | null;
      keyname: string | null;
    }>("select accountid, key, keytype, keyname from publickey order by keyid");
    const delegations = await this.query<{ accountid: number; delegate: string }>(
      `select d.accountid, a.subject as delegate from delegation d
         join account a on a.accountid = d.delegateid order by d.accountid, a.accountid`,
    );
    return accounts.rows.map((a) => {
      if (a.subject === null) throw this.bad(`account ${a.accountid} has no subject`);
      return {
        subject: a.subject,
        roles: a.roles ?? 0,
        group: a.group,
        apiKeys: apikeys.rows
          .filter((k) => k.accountid === a.accountid && k.apikeyhash !== null)
          .map((k) => k.apikeyhash!),
        keys: publickeys.rows
          .filter((k) => k.accountid === a.accountid)
          .map((k) => {
            if (k.key === null || k.keytype === null || k.keyname === null) {
              throw this.bad(`a public key of account ${a.subject} lacks its key, type or name`);
            }
            return { key: k.key, keytype: k.keytype, keyname: k.keyname };
          }),
        delegates: delegations.rows.filter((d) => d.accountid === a.accountid).map((d) => d.delegate),
      };
    });
  }

  /**
   * The reports in upload order (reportid), `size` at a time, each with its result rows in their
   * stored order. Two cursors of the one snapshot, merged on reportid: memory stays at one batch.
   */
  async *reports(size: number): AsyncGenerator<NewReport[]> {
    await this.query(
      `declare scs_reports no scroll cursor for
         select reportid, reportuuid, to_char(checked_at, ${NAIVE_ISO}) as checked_at, subject, data::text as data
         from report order by reportid`,
    );
    await this.query(
      `declare scs_results no scroll cursor for
         select reportid, scopeuuid, version, testcase, result, approval from result2 order by reportid, resultid`,
    );
    for (;;) {
      const { rows } = await this.query<{
        reportid: number;
        reportuuid: string | null;
        checked_at: string | null;
        subject: string | null;
        data: string | null;
      }>(`fetch forward ${Math.max(1, Math.floor(size))} from scs_reports`);
      if (rows.length === 0) return;
      const results = await this.resultsUpTo(rows[rows.length - 1]!.reportid);
      yield rows.map((r): NewReport => {
        const missing = [
          r.reportuuid === null && "reportuuid",
          r.checked_at === null && "checked_at",
          r.subject === null && "subject",
          r.data === null && "data",
        ].filter((m) => m !== false);
        if (missing.length > 0) throw this.bad(`report ${r.reportid} has no ${missing.join(", ")}`);
        return {
          reportuuid: r.reportuuid!,
          checkedAt: r.checked_at!,
          subject: r.subject!,
          data: r.data!,
          results: results.get(r.reportid) ?? [],
        };
      });
    }
  }

  /** Takes the buffered result rows of reports up to `last`, fetching more as needed. */
  private async resultsUpTo(last: number): Promise<Map<number, NewResult[]>> {
    const byReport = new Map<number, NewResult[]>();
    for (;;) {
      let i = 0;
      for (; i < this.resultRows.length && this.resultRows[i]!.reportid <= last; i++) {
        const r = this.resultRows[i]!;
        let list = byReport.get(r.reportid);
        if (list === undefined) {
          list = [];
          byReport.set(r.reportid, list);
        }
        list.push({
          scopeuuid: r.scopeuuid,
          version: r.version,
          testcase: r.testcase,
          result: r.result,
          approval: r.approval === true,
        });
      }
      this.resultRows = this.resultRows.slice(i);
      if (this.resultRows.length > 0 || this.resultsEnd) return byReport;
      const { rows } = await this.query<ResultRow>(`fetch forward ${RESULT_FETCH} from scs_results`);
      if (rows.length < RESULT_FETCH) this.resultsEnd = true;
      this.resultRows = rows;
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string): Promise<pg.QueryResult<R>> {
    try {
      return await this.client.query<R>(text);
    } catch (err) {
      throw unreadable(this.location, err, connectionLost(err) ? LOST_HINT : undefined);
    }
  }

  private bad(what: string): ScsError {
    return new ScsError(
      `the reference database ${this.location} cannot be imported: ${what}; fix or delete that row and run the import again`,
    );
  }

  async close(): Promise<void> {
    await this.client.query("rollback").catch(() => {});
    await this.client.end().catch(() => {});
  }
}

const CONNECT_HINT =
  "check --from (host, port, user, password, database name) and that the server accepts connections from here";
const LOST_HINT =
  "the connection was lost: check that the server still accepts connections and run the import again";

// Socket errors and the SQLSTATE classes 08 (connection exception) and 57P (operator intervention).
const SOCKET_ERRORS = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** `cannot read the reference database …: what went wrong; what to do`, on one line. */
function unreadable(location: string, err: unknown, hint: string | undefined): ScsError {
  const what = `cannot read the reference database ${location}: ${describe(err)}`;
  return new ScsError(hint === undefined ? what : `${what}; ${hint}`, { cause: err });
}

/** True for a failed query whose connection went away (rather than a problem with the data). */
function connectionLost(err: unknown): boolean {
  const e = err as { message?: string; code?: string } | null;
  const code = e?.code ?? "";
  if (SOCKET_ERRORS.has(code) || code.startsWith("08") || code.startsWith("57P")) return true;
  return /connection terminated|not queryable|terminating connection|connection.*closed/i.test(
    e?.message ?? "",
  );
}

/** A driver error on one line; connecting to `localhost` fails with an AggregateError without message. */
function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: unknown[] } | null;
  if (e?.message) return oneLine(err);
  const inner = e?.errors?.[0];
  if (inner !== undefined) return describe(inner);
  return e?.code ?? String(err);
}
