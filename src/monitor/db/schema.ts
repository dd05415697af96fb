import type { Generated } from "kysely";

/**
 * The monitor's tables, shared by SQLite and PostgreSQL. Timestamps are naive ISO-8601 text with
 * exactly six fractional digits (`2026-11-21T05:27:07.783701`), so they sort and compare the same
 * way as text in both databases and the same queries serve both. Booleans are integers 0/1 for
 * the same reason. `latest_result` keeps, per (subject, scope, testcase), the newest result: the
 * only rows the evaluation needs, so views do not scan the whole history.
 */
export interface MonitorTables {
  meta: { key: string; value: string };
  account: { accountid: Generated<number>; subject: string; roles: number; group: string | null };
  apikey: { apikeyid: Generated<number>; apikeyhash: string; accountid: number };
  publickey: {
    keyid: Generated<number>;
    key: string;
    keytype: string;
    keyname: string;
    accountid: number;
  };
  delegation: { delegateid: number; accountid: number };
  report: {
    reportid: Generated<number>;
    reportuuid: string;
    checked_at: string;
    subject: string;
    data: string;
  };
  result2: {
    resultid: Generated<number>;
    checked_at: string;
    subject: string;
    scopeuuid: string;
    version: string;
    testcase: string;
    result: number | null;
    approval: number;
    reportid: number;
  };
  latest_result: {
    subject: string;
    scopeuuid: string;
    testcase: string;
    result: number | null;
    checked_at: string;
    reportuuid: string;
  };
}

/** Schema version written to `meta`; the reference monitor's own chain ends at `v4`. */
export const SCHEMA_VERSION = "scs-1";
