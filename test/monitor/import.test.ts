import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { frozenClock } from "../../src/clock.ts";
import { createApp } from "../../src/monitor/api/app.ts";
import { loadBootstrap } from "../../src/monitor/auth/bootstrap.ts";
import { openStore, redactUrl } from "../../src/monitor/db/open.ts";
import { ReferenceDatabase } from "../../src/monitor/db/reference-database.ts";
import type { AccountSpec, NewReport, Store } from "../../src/monitor/db/store.ts";
import {
  formatSummary,
  importInto,
  importReferenceDatabase,
  readReference,
} from "../../src/monitor/import-reference.ts";
import { Monitor } from "../../src/monitor/monitor.ts";
import { parseReportDocuments, toNewReport } from "../../src/monitor/reports/report-document.ts";
import { scs } from "../support/cli.ts";
import { requirePart } from "../support/require.ts";
import {
  basic,
  CLOUD,
  DIALECTS,
  type DialectName,
  fixture,
  fixtureBytes,
  freshStore,
  POSTGRES_URL,
  postgresAvailable,
  ROBOT,
  reportYaml,
} from "./harness.ts";

const IAAS = "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f";
const SAMPLE = "fa07165e-1dc6-44f8-8d86-d22376328c51";
const OLD = "11111111-0000-4000-8000-000000000001";
const CLOUD2 = "11111111-0000-4000-8000-000000000003";
const LEGACY = "11111111-0000-4000-8000-000000000004";

/** The reference's v4 tables, as spec/compliance-monitor.md §5 lists them. */
const REFERENCE_V4 = `
  create table meta (key text primary key, value text not null);
  create table account (accountid serial primary key, subject text unique, roles integer, "group" text);
  create table apikey (
    apikeyid serial primary key, apikeyhash text,
    accountid integer not null references account (accountid) on delete cascade on update cascade,
    unique (accountid, apikeyhash));
  create table publickey (
    keyid serial primary key, key text, keytype text, keyname text,
    accountid integer not null references account (accountid) on delete cascade on update cascade,
    unique (accountid, keyname));
  create table delegation (
    delegateid integer not null references account (accountid) on delete cascade on update cascade,
    accountid integer not null references account (accountid) on delete cascade on update cascade,
    unique (delegateid, accountid));
  create table report (
    reportid serial primary key, reportuuid text unique, checked_at timestamp, subject text, data jsonb);
  create table result2 (
    resultid serial primary key, checked_at timestamp not null, subject text not null,
    scopeuuid text not null, version text not null, testcase text not null, result int, approval boolean,
    reportid integer not null references report (reportid) on delete cascade on update cascade);
  insert into meta values ('version', 'v4');
`;

/** Reports as uploads would have stored them: the sample, two small ones and a legacy-format one. */
function referenceReports(): NewReport[] {
  const fromYaml = (text: string | Buffer) => {
    const { docs, texts } = parseReportDocuments(Buffer.from(text), "yaml");
    return toNewReport(docs[0], texts[0]!, 0);
  };
  const legacy = {
    spec: { uuid: IAAS },
    checked_at: "2026-11-18 09:30:00.5",
    subject: "example-cloud-2",
    run: { uuid: LEGACY },
    versions: { v3: { "scs-0100-syntax-check": { result: 1 }, "scs-0101-entropy-avail": { result: -1 } } },
  };
  return [
    fromYaml(
      reportYaml({
        subject: "example-cloud",
        uuid: OLD,
        checkedAt: "2026-11-19 08:00:00",
        results: { "scs-0100-syntax-check": -1, "scs-0100-semantics-check": 1 },
      }),
    ),
    fromYaml(fixtureBytes("report-example.yaml")),
    fromYaml(
      reportYaml({
        subject: "example-cloud-2",
        uuid: CLOUD2,
        checkedAt: "2026-11-20 10:00:00",
        results: { "scs-0100-syntax-check": 1, "scs-0100-semantics-check": 0 },
      }),
    ),
    toNewReport(legacy, JSON.stringify(legacy), 0),
  ];
}

/** Approvals changed on the reference after upload (POST /results): they must be carried over. */
const APPROVALS = [
  { reportuuid: SAMPLE, testcase: "scs-0102-prop-architecture", approval: true },
  { reportuuid: CLOUD2, testcase: "scs-0100-syntax-check", approval: false },
];
const approvalOf = (uuid: string, testcase: string, result: number | null) =>
  APPROVALS.find((a) => a.reportuuid === uuid && a.testcase === testcase)?.approval ?? result === 1;

interface Reference {
  url: string;
  drop(): Promise<void>;
}

/** A new database in the test cluster, filled by `fill`. */
async function createDatabase(fill: (client: pg.Client) => Promise<void>): Promise<Reference> {
  const name = `scs_ref_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await fill(client);
  } finally {
    await client.end();
  }
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Fills a v4 reference database with the example accounts and the reports (plus `extra` rows). */
async function fillReference(
  client: pg.Client,
  accounts: readonly AccountSpec[],
  reports: readonly NewReport[],
): Promise<void> {
  await client.query(REFERENCE_V4);
  // Reversed: delegates come after the accounts they post for, as after a reference re-import.
  const ids = new Map<string, number>();
  for (const a of [...accounts].reverse()) {
    const { rows } = await client.query(
      `insert into account (subject, roles, "group") values ($1, $2, $3) returning accountid`,
      [a.subject, a.roles, a.group],
    );
    ids.set(a.subject, rows[0].accountid);
    for (const h of a.apiKeys) {
      await client.query("insert into apikey (apikeyhash, accountid) values ($1, $2)", [
        h,
        rows[0].accountid,
      ]);
    }
    for (const k of a.keys) {
      await client.query("insert into publickey (key, keytype, keyname, accountid) values ($1, $2, $3, $4)", [
        k.key,
        k.keytype,
        k.keyname,
        rows[0].accountid,
      ]);
    }
  }
  for (const a of accounts) {
    for (const d of a.delegates) {
      await client.query("insert into delegation (delegateid, accountid) values ($1, $2)", [
        ids.get(d),
        ids.get(a.subject),
      ]);
    }
  }
  for (const r of reports) {
    const { rows } = await client.query(
      "insert into report (reportuuid, checked_at, subject, data) values ($1, $2, $3, $4::jsonb) returning reportid",
      [r.reportuuid, r.checkedAt, r.subject, r.data],
    );
    for (const x of r.results) {
      await client.query(
        `insert into result2 (checked_at, subject, scopeuuid, version, testcase, result, approval, reportid)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          r.checkedAt,
          r.subject,
          x.scopeuuid,
          x.version,
          x.testcase,
          x.result,
          approvalOf(r.reportuuid, x.testcase, x.result),
          rows[0].reportid,
        ],
      );
    }
  }
}

/** Our database for one dialect: its location for the CLI and a store to look into it. */
async function target(
  dialect: DialectName,
): Promise<{ location: string; store: Store; dispose(): Promise<void> }> {
  if (dialect === "postgres") {
    const { store, url, dispose } = await freshStore("postgres");
    return { location: url!, store, dispose };
  }
  const dir = mkdtempSync(join(tmpdir(), "scs-monitor-import-"));
  const location = join(dir, "monitor.db");
  const store = await openStore(location);
  return {
    location,
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every latest_result row, in a fixed order. */
async function latestSorted(store: Store) {
  const key = (l: { subject: string; scopeuuid: string; testcase: string }) =>
    `${l.subject} ${l.scopeuuid} ${l.testcase}`;
  return (await store.latestResults({})).toSorted((a, b) => (key(a) < key(b) ? -1 : 1));
}

/** The newest result per (subject, scope, testcase) of these reports, as uploads derive it. */
function newestOf(list: readonly NewReport[]): Map<string, { result: number | null; reportuuid: string }> {
  const newest = new Map<string, { result: number | null; reportuuid: string }>();
  for (const r of [...list].sort((a, b) => (a.checkedAt < b.checkedAt ? -1 : 1))) {
    for (const x of r.results) {
      newest.set(`${r.subject} ${x.scopeuuid} ${x.testcase}`, { result: x.result, reportuuid: r.reportuuid });
    }
  }
  return newest;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const errorLines = (stderr: string) =>
  stderr
    .trim()
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("npm warn"));

let accounts: AccountSpec[] = [];
const reports = referenceReports();
const totalResults = reports.reduce((n, r) => n + r.results.length, 0);
let available = false;
let reference: Reference | undefined;

before(async () => {
  available = await postgresAvailable();
  const bootstrap = await loadBootstrap(fixture("bootstrap-example.yaml"));
  assert.equal(bootstrap.empty, false);
  if (!bootstrap.empty) accounts = bootstrap.accounts;
  if (available) reference = await createDatabase((c) => fillReference(c, accounts, reports));
});
after(() => reference?.drop());

for (const dialect of DIALECTS) {
  describe(`scs monitor import into ${dialect}`, () => {
    let ours: Awaited<ReturnType<typeof target>> | undefined;
    before(async () => {
      if (available) ours = await target(dialect);
    });
    after(() => ours?.dispose());

    it("imports accounts, keys, delegations, reports and results as if they had been uploaded", async (t) => {
      if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
      const res = scs(["monitor", "import", "--from", reference!.url, "--db", ours!.location]);
      assert.equal(res.status, 0, res.stderr);
      const keys = accounts.reduce((n, a) => n + a.apiKeys.length, 0);
      const publicKeys = accounts.reduce((n, a) => n + a.keys.length, 0);
      const delegations = accounts.reduce((n, a) => n + a.delegates.length, 0);
      assert.equal(
        res.stdout,
        `imported from ${reference!.url.replace(":scs@", ":***@")}: ${accounts.length} accounts (0 skipped), ` +
          `${keys} API keys (0 skipped), ${publicKeys} public keys (0 skipped), ` +
          `${delegations} delegations (0 skipped), 4 reports (0 skipped), ${totalResults} results (0 skipped)\n`,
      );
      assert.deepEqual(errorLines(res.stderr), [], "no progress for 4 reports");
      const store = ours!.store;

      // Accounts: roles, group, API key hashes, public keys, delegations.
      const stored = await store.loadAccounts();
      assert.deepEqual(
        stored.map((a) => [a.subject, a.roles, a.group, a.apiKeys, a.keys, [...a.delegators].sort()]),
        [...accounts]
          .sort((a, b) => (a.subject < b.subject ? -1 : 1))
          .map((a) => [
            a.subject,
            a.roles,
            a.group,
            a.apiKeys,
            a.keys,
            accounts
              .filter((o) => o.delegates.includes(a.subject))
              .map((o) => o.subject)
              .sort(),
          ]),
      );
      assert.deepEqual(stored.find((a) => a.subject === "example-robot")!.delegators.toSorted(), [
        "example-cloud",
        "example-cloud-2",
      ]);

      // Reports: uuid, subject, naive timestamp with six digits, the same document.
      for (const r of reports) {
        const got = await store.getReport(r.reportuuid);
        assert.ok(got, r.reportuuid);
        assert.equal(got.subject, r.subject);
        assert.equal(got.checkedAt, r.checkedAt);
        assert.deepEqual(JSON.parse(got.data), JSON.parse(r.data));
      }
      assert.equal((await store.getReport(LEGACY))!.checkedAt, "2026-11-18T09:30:00.500000");

      // Results with version and approval as the reference had them.
      const rows = await store.recentResults({ since: "2000-01-01T00:00:00.000000", limit: 10_000, skip: 0 });
      const key = (x: { reportuuid: string; check: string; version: string }) =>
        `${x.reportuuid} ${x.version} ${x.check}`;
      const expected = reports.flatMap((r) =>
        r.results.map((x) => ({
          reportuuid: r.reportuuid,
          subject: r.subject,
          checked_at: r.checkedAt,
          scopeuuid: x.scopeuuid,
          version: x.version,
          check: x.testcase,
          result: x.result,
          approval: approvalOf(r.reportuuid, x.testcase, x.result),
        })),
      );
      assert.equal(rows.length, totalResults);
      assert.deepEqual(
        rows.toSorted((a, b) => (key(a) < key(b) ? -1 : 1)),
        expected.toSorted((a, b) => (key(a) < key(b) ? -1 : 1)),
      );
      assert.ok(rows.some((r) => r.version === "v3" && r.reportuuid === LEGACY));
      assert.ok(rows.some((r) => r.check === "scs-0102-prop-architecture" && r.result === -1 && r.approval));

      // latest_result: the newest result per (subject, scope, testcase), as uploads derive it.
      const latest = await store.latestResults({ subjects: ["example-cloud", "example-cloud-2"] });
      const newest = new Map<string, { result: number | null; reportuuid: string }>();
      for (const r of [...reports].sort((a, b) => (a.checkedAt < b.checkedAt ? -1 : 1))) {
        for (const x of r.results) {
          newest.set(`${r.subject} ${x.scopeuuid} ${x.testcase}`, {
            result: x.result,
            reportuuid: r.reportuuid,
          });
        }
      }
      assert.deepEqual(
        new Map(
          latest.map((l) => [
            `${l.subject} ${l.scopeuuid} ${l.testcase}`,
            { result: l.result, reportuuid: l.reportuuid },
          ]),
        ),
        newest,
      );
      assert.equal(
        latest.find((l) => l.subject === "example-cloud" && l.testcase === "scs-0100-syntax-check")!
          .reportuuid,
        SAMPLE,
        "the older report does not win",
      );
      assert.equal(
        latest.find((l) => l.subject === "example-cloud-2" && l.testcase === "scs-0100-syntax-check")!
          .reportuuid,
        CLOUD2,
        "the legacy report of 2026-11-18 is older",
      );

      // Through the HTTP API and views, with the imported API keys and no bootstrap file.
      const monitor = await Monitor.start({
        store,
        clock: frozenClock(new Date(2026, 10, 21, 12, 0, 0)),
        log: () => {},
      });
      const app = createApp(monitor);
      const own = await app.request("/reports", { headers: { authorization: CLOUD } });
      assert.equal(own.status, 200, "the imported API key still logs in");
      const ownUuids = ((await own.json()) as { run: { uuid: string } }[]).map((d) => d.run.uuid);
      assert.deepEqual(ownUuids, [SAMPLE, OLD]);
      const full = await app.request(`/reports/${SAMPLE}`, { headers: { authorization: CLOUD } });
      assert.equal(full.status, 200);
      assert.deepEqual(await full.json(), JSON.parse(reports[1]!.data));
      assert.equal(
        (await app.request("/reports", { headers: { authorization: basic("example-cloud", "wrong") } }))
          .status,
        401,
      );
      assert.equal(
        (await app.request("/reports?subject=example-cloud", { headers: { authorization: ROBOT } })).status,
        401,
        "roles imported: the robot may append, not read others",
      );
      const status = await app.request("/status?subject=example-cloud", {
        headers: { accept: "application/json" },
      });
      const body = (await status.json()) as Record<string, Record<string, Record<string, unknown>>>;
      const results = body["example-cloud"]![IAAS]!["results"] as Record<string, unknown>;
      assert.deepEqual(results["scs-0117-test-backup"], {
        result: 0,
        checked_at: "2026-11-21T05:34:25.047475",
        report: SAMPLE,
      });
      const detail = await app.request("/markdown/detail/group-example-group/scs-compatible-iaas");
      assert.equal(detail.status, 200);
      const md = await detail.text();
      assert.match(md, /## example-cloud: SCS-compatible IaaS/);
      assert.match(md, /## example-cloud-2: SCS-compatible IaaS/);
      assert.match(
        md,
        /\| \[scs-0102-prop-architecture\]\([^)]*\) \| 🛑 FAIL \(\[2026-11-21\]\(\/page\/report\/fa07165e/,
      );
      assert.match(
        md,
        /\| \[scs-0100-semantics-check\]\([^)]*\) \| ❔ DNF \(\[2026-11-20\]\(\/page\/report\/11111111-0000-4000-8000-000000000003/,
      );
      await monitor.notified();
    });

    it("skips everything on a second import and changes nothing", async (t) => {
      if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
      const store = ours!.store;
      const generation = await store.generation();
      const before = await store.recentResults({
        since: "2000-01-01T00:00:00.000000",
        limit: 10_000,
        skip: 0,
      });
      const accountsBefore = await store.loadAccounts();
      const latestBefore = await latestSorted(store);
      assert.equal(accountsBefore.length, accounts.length);
      assert.ok(latestBefore.length > 0);
      const res = scs(["monitor", "import", "--from", reference!.url, "--db", ours!.location]);
      assert.equal(res.status, 0, res.stderr);
      assert.match(
        res.stdout,
        new RegExp(
          `: 0 accounts \\(${accounts.length} skipped\\), 0 API keys \\(\\d+ skipped\\), 0 public keys \\(\\d+ skipped\\), ` +
            `0 delegations \\(\\d+ skipped\\), 0 reports \\(4 skipped\\), 0 results \\(${totalResults} skipped\\)\\n$`,
        ),
      );
      assert.equal(await store.generation(), generation);
      assert.deepEqual(
        await store.recentResults({ since: "2000-01-01T00:00:00.000000", limit: 10_000, skip: 0 }),
        before,
      );
      assert.deepEqual(await store.loadAccounts(), accountsBefore);
      assert.deepEqual(await latestSorted(store), latestBefore);
    });

    it("leaves nothing half-written when the import fails midway, and shows progress", async (t) => {
      if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
      // A fifth report the reference stored without checked_at: read after two batches were written.
      const broken = await createDatabase(async (c) => {
        await fillReference(c, accounts, reports);
        await c.query(
          `insert into report (reportuuid, checked_at, subject, data) values ('bad-uuid', null, 'example-cloud', '{}')`,
        );
      });
      const fresh = await target(dialect);
      try {
        const source = await ReferenceDatabase.open(broken.url);
        const progress: string[] = [];
        try {
          await assert.rejects(
            importInto(fresh.store, source, { batchSize: 2, progress: (l) => progress.push(l) }),
            /report 5 has no checked_at; fix or delete that row and run the import again \(nothing was imported\)$/,
          );
        } finally {
          await source.close();
        }
        assert.deepEqual(progress, [
          "scs monitor import: 2 of 5 reports read",
          "scs monitor import: 4 of 5 reports read",
        ]);
        assert.deepEqual(await fresh.store.loadAccounts(), []);
        assert.equal(await fresh.store.generation(), 0);
        assert.deepEqual(await fresh.store.listReports({ limit: 100, skip: 0 }), []);
        assert.deepEqual(await fresh.store.latestResults({}), []);
        assert.deepEqual(
          await fresh.store.recentResults({ since: "2000-01-01T00:00:00.000000", limit: 10, skip: 0 }),
          [],
        );
      } finally {
        await fresh.dispose();
        await broken.drop();
      }
    });

    it("skips the account and the report ours already has, keeping our keys, and derives latest_result", async (t) => {
      if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
      const fresh = await target(dialect);
      try {
        // Ours already has example-cloud, with other keys, role, group and no delegate, and the sample.
        const mine: AccountSpec = {
          subject: "example-cloud",
          roles: 0,
          group: "our-group",
          delegates: [],
          apiKeys: ["$2b$12$ours.ours.ours.ours.ours.ours.ours.ours.ours.ours.ou"],
          keys: [{ key: "AAAAC3NzaC1lZDI1NTE5AAAAIOurs", keytype: "ssh-ed25519", keyname: "ours" }],
        };
        await fresh.store.importAccounts([mine]);
        const sample = reports.find((r) => r.reportuuid === SAMPLE)!;
        await fresh.store.insertReports([sample]);
        const theirs = accounts.find((a) => a.subject === "example-cloud")!;

        const res = scs(["monitor", "import", "--from", reference!.url, "--db", fresh.location]);
        assert.equal(res.status, 0, res.stderr);
        const keys = accounts.reduce((n, a) => n + a.apiKeys.length, 0);
        const publicKeys = accounts.reduce((n, a) => n + a.keys.length, 0);
        const delegations = accounts.reduce((n, a) => n + a.delegates.length, 0);
        assert.ok(theirs.apiKeys.length > 0 && theirs.keys.length > 0 && theirs.delegates.length > 0);
        assert.equal(
          res.stdout.replace(/^imported from \S+: /, ""),
          `${accounts.length - 1} accounts (1 skipped), ` +
            `${keys - theirs.apiKeys.length} API keys (${theirs.apiKeys.length} skipped), ` +
            `${publicKeys - theirs.keys.length} public keys (${theirs.keys.length} skipped), ` +
            `${delegations - theirs.delegates.length} delegations (${theirs.delegates.length} skipped), ` +
            `3 reports (1 skipped), ${totalResults - sample.results.length} results (${sample.results.length} skipped)\n`,
        );

        // Ours wins: the existing account keeps its keys, role and group, and gets no delegate.
        const stored = await fresh.store.loadAccounts();
        assert.equal(stored.length, accounts.length);
        const cloud = stored.find((a) => a.subject === "example-cloud")!;
        assert.deepEqual(
          [cloud.roles, cloud.group, cloud.apiKeys, cloud.keys],
          [mine.roles, mine.group, mine.apiKeys, mine.keys],
        );
        assert.deepEqual(stored.find((a) => a.subject === "example-robot")!.delegators, ["example-cloud-2"]);
        assert.deepEqual(stored.find((a) => a.subject === "example-cloud-2")!.apiKeys, [
          ...accounts.find((a) => a.subject === "example-cloud-2")!.apiKeys,
        ]);

        // latest_result right after the import: the older report imported after the sample does not win.
        const latest = await fresh.store.latestResults({});
        assert.deepEqual(
          new Map(
            latest.map((l) => [
              `${l.subject} ${l.scopeuuid} ${l.testcase}`,
              { result: l.result, reportuuid: l.reportuuid },
            ]),
          ),
          newestOf(reports),
        );
        assert.equal(
          latest.find((l) => l.subject === "example-cloud" && l.testcase === "scs-0100-syntax-check")!
            .reportuuid,
          SAMPLE,
        );
        assert.equal(
          (await fresh.store.recentResults({ since: "2000-01-01T00:00:00.000000", limit: 10_000, skip: 0 }))
            .length,
          totalResults,
        );
      } finally {
        await fresh.dispose();
      }
    });
  });
}

describe("scs monitor import refusals", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-monitor-import-"));
  const db = join(dir, "never.db");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a v3 database in one line saying to start the reference once, and writes nothing", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const v3 = await createDatabase(async (c) => {
      await c.query(`create table meta (key text primary key, value text not null);
        insert into meta values ('version', 'v3');
        create table account (accountid serial primary key, subject text unique, roles integer);`);
    });
    try {
      const res = scs(["monitor", "import", "--from", v3.url, "--db", db]);
      assert.equal(res.status, 2);
      assert.equal(res.stdout, "");
      assert.deepEqual(errorLines(res.stderr), [
        `scs: error: ${v3.url.replace(":scs@", ":***@")} is not a reference monitor database of schema version v4 (found schema version v3): ` +
          "start the reference monitor once against it (it migrates the database to v4 by itself), stop it and run the import again",
      ]);
      assert.equal(existsSync(db), false, "our database is not even created");
    } finally {
      await v3.drop();
    }
  });

  it("refuses a database without meta table, and our own database", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const empty = await createDatabase(async () => {});
    const ours = await freshStore("postgres");
    try {
      const res = scs(["monitor", "import", "--from", empty.url, "--db", db]);
      assert.equal(res.status, 2);
      const lines = errorLines(res.stderr);
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, /\(found no table meta\): start the reference monitor once against it/);
      const own = scs(["monitor", "import", "--from", ours.url!, "--db", db]);
      assert.equal(own.status, 2);
      assert.match(own.stderr, /is already a database of scs monitor \(schema scs-1\), not the reference's/);
      assert.equal(existsSync(db), false);
    } finally {
      await ours.dispose();
      await empty.drop();
    }
  });

  it("gives a one-line error for a bad URL, an unreachable server and a wrong password, never the password", async (t) => {
    const notPostgres = scs(["monitor", "import", "--from", "mysql://root:s3cret-pw@db/monitor", "--db", db]);
    assert.equal(notPostgres.status, 2);
    assert.deepEqual(errorLines(notPostgres.stderr), [
      "scs: error: the reference database must be a postgres:// URL, got mysql://root:***@db/monitor",
    ]);
    const malformed = scs(["monitor", "import", "--from", "postgres://scs:s3cret-pw@[::1/x", "--db", db]);
    assert.equal(malformed.status, 2);
    assert.equal(errorLines(malformed.stderr).length, 1);
    assert.match(
      malformed.stderr,
      /^scs: error: cannot read the reference database postgres:\/\/\*\*\*@\[::1\/x: .*; check --from/,
    );
    const refusedLine = (url: string) =>
      `scs: error: cannot read the reference database ${url}: connect ECONNREFUSED 127.0.0.1:1; ` +
      "check --from (host, port, user, password, database name) and that the server accepts connections from here";
    const refused = scs([
      "monitor",
      "import",
      "--from",
      "postgres://scs:s3cret-pw@127.0.0.1:1/monitor",
      "--db",
      db,
    ]);
    assert.equal(refused.status, 2);
    assert.deepEqual(errorLines(refused.stderr), [refusedLine("postgres://scs:***@127.0.0.1:1/monitor")]);
    // A password in the query, and one with an unencoded "@" (the last "@" ends the user part).
    const inQuery = scs([
      "monitor",
      "import",
      "--from",
      "postgres://scs@127.0.0.1:1/monitor?sslmode=disable&password=s3cret-pw",
      "--db",
      db,
    ]);
    assert.equal(inQuery.status, 2);
    assert.deepEqual(errorLines(inQuery.stderr), [
      refusedLine("postgres://scs@127.0.0.1:1/monitor?sslmode=disable&password=***"),
    ]);
    const withAt = scs([
      "monitor",
      "import",
      "--from",
      "postgres://scs:p@s3cret-pw@127.0.0.1:1/monitor",
      "--db",
      db,
    ]);
    assert.equal(withAt.status, 2);
    assert.deepEqual(errorLines(withAt.stderr), [refusedLine("postgres://scs:***@127.0.0.1:1/monitor")]);
    for (const r of [notPostgres, malformed, refused, inQuery, withAt]) {
      assert.doesNotMatch(r.stderr + r.stdout, /s3cret-pw/);
    }
    const missing = scs(["monitor", "import", "--db", db]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /required option '--from <url>' not specified/);
    assert.equal(existsSync(db), false);
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const url = new URL(reference!.url);
    url.password = "s3cret-pw";
    const wrong = scs(["monitor", "import", "--from", url.toString(), "--db", db]);
    assert.equal(wrong.status, 2);
    const lines = errorLines(wrong.stderr);
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^scs: error: cannot read the reference database postgres:\/\/scs:\*\*\*@[^:]+:\d+\/scs_ref_\w+: password authentication failed for user "scs"; check --from \(host, port, user, password, database name\)/,
    );
    assert.doesNotMatch(wrong.stderr, /s3cret-pw/);
    assert.equal(existsSync(db), false);
  });

  it("never shows a password in the query or one containing @: summary, progress, errors", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    // A role of its own whose password contains "@", allowed to read the reference.
    const role = `scs_import_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const secret = "p@ss-t0psecret";
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create role ${role} login password '${secret}'`);
    const readable = await createDatabase(async (c) => {
      await fillReference(c, accounts, reports);
      await c.query(`grant select on all tables in schema public to ${role}`);
    });
    const into = join(dir, "password.db");
    try {
      const base = new URL(readable.url);
      const host = `${base.hostname}:${base.port}`;
      const atUrl = `postgres://${role}:${secret}@${host}${base.pathname}`;
      const queryUrl = `postgres://${role}@${host}${base.pathname}?password=${encodeURIComponent(secret)}`;
      const shown = {
        at: `postgres://${role}:***@${host}${base.pathname}`,
        query: `postgres://${role}@${host}${base.pathname}?password=***`,
      };

      // The summary line of the CLI, for both forms (the second run skips everything).
      const first = scs(["monitor", "import", "--from", atUrl, "--db", into]);
      assert.equal(first.status, 0, first.stderr);
      assert.ok(
        first.stdout.startsWith(`imported from ${shown.at}: ${accounts.length} accounts`),
        first.stdout,
      );
      const second = scs(["monitor", "import", "--from", queryUrl, "--db", into]);
      assert.equal(second.status, 0, second.stderr);
      assert.ok(second.stdout.startsWith(`imported from ${shown.query}: 0 accounts`), second.stdout);

      // Progress lines (batches of 2) and the summary, in the process.
      const progress: string[] = [];
      const summary = await importReferenceDatabase({
        from: queryUrl,
        db: join(dir, "progress.db"),
        batchSize: 2,
        progress: (l) => progress.push(l),
      });
      assert.deepEqual(progress, [
        "scs monitor import: 2 of 4 reports read",
        "scs monitor import: 4 of 4 reports read",
      ]);
      assert.equal(summary.reports.imported, 4);
      assert.ok(formatSummary(summary, queryUrl).startsWith(`imported from ${shown.query}: `));
      assert.ok(formatSummary(summary, atUrl).startsWith(`imported from ${shown.at}: `));

      // Errors: our database unreachable, its URL with a password too.
      const unreachable = `postgres://scs@127.0.0.1:1/monitor?password=${encodeURIComponent(secret)}`;
      const ourDb = scs(["monitor", "import", "--from", atUrl, "--db", unreachable]);
      assert.equal(ourDb.status, 2);
      assert.deepEqual(errorLines(ourDb.stderr).length, 1);
      assert.match(
        ourDb.stderr,
        /^scs: error: cannot open the monitor database postgres:\/\/scs@127\.0\.0\.1:1\/monitor\?password=\*\*\*: /,
      );

      // Errors: a reference row that cannot be imported.
      const admin2 = new pg.Client({ connectionString: readable.url });
      await admin2.connect();
      await admin2.query("insert into account (subject, roles) values (null, 0)");
      await admin2.end();
      const bad = scs(["monitor", "import", "--from", queryUrl, "--db", join(dir, "bad.db")]);
      assert.equal(bad.status, 2);
      assert.deepEqual(errorLines(bad.stderr), [
        `scs: error: the reference database ${shown.query} cannot be imported: account ${accounts.length + 1} has no subject; ` +
          "fix or delete that row and run the import again (nothing was imported)",
      ]);
      const badAt = scs(["monitor", "import", "--from", atUrl, "--db", join(dir, "bad.db")]);
      assert.equal(badAt.status, 2);
      assert.match(
        badAt.stderr,
        new RegExp(`the reference database ${escapeRegExp(shown.at)} cannot be imported`),
      );
      assert.equal(existsSync(join(dir, "bad.db")), false, "accounts are read before our database is opened");
      for (const r of [first, second, bad, badAt, ourDb]) {
        assert.doesNotMatch(r.stdout + r.stderr, /t0psecret/);
      }
      assert.doesNotMatch(
        progress.join("\n") + formatSummary(summary, queryUrl) + formatSummary(summary, atUrl),
        /t0psecret/,
      );
    } finally {
      await readable.drop();
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });

  it("documents itself in --help with an example", () => {
    const res = scs(["monitor", "import", "--help"]);
    assert.equal(res.status, 0);
    assert.match(res.stdout, /Usage: scs monitor import \[options\]/);
    assert.match(res.stdout, /--from <url>/);
    assert.match(res.stdout, /Examples:\n {2}scs monitor import --from postgres:\/\/\S+ --db monitor\.db/);
    assert.match(scs(["monitor", "--help"]).stdout, /import/);
    // Serving afterwards with --bootstrap would delete the imported accounts the file does not list.
    assert.match(res.stdout, /then: scs monitor serve --db monitor\.db\n/);
    assert.doesNotMatch(res.stdout, /serve[^\n]*--bootstrap \S+\.yaml/);
    assert.match(res.stdout, /Stop our monitor \(or at least its uploads\)/);
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    assert.match(
      readme,
      /scs monitor import --from \S+ --db monitor\.db\nscs monitor serve --db monitor\.db\n/,
    );
  });
});

describe("scs monitor import failures", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-monitor-import-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const sqliteFiles = (file: string) => ["", "-wal", "-shm", "-journal"].filter((x) => existsSync(file + x));

  it("removes the SQLite file it created when it fails midway, and keeps one that was there", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const broken = await createDatabase(async (c) => {
      await fillReference(c, accounts, reports);
      await c.query(
        `insert into report (reportuuid, checked_at, subject, data) values ('bad-uuid', null, 'example-cloud', '{}')`,
      );
    });
    const fresh = join(dir, "fresh.db");
    const existing = join(dir, "existing.db");
    try {
      const res = scs(["monitor", "import", "--from", broken.url, "--db", fresh]);
      assert.equal(res.status, 2);
      assert.deepEqual(errorLines(res.stderr), [
        `scs: error: the reference database ${redactUrl(broken.url)} cannot be imported: report 5 has no checked_at; ` +
          "fix or delete that row and run the import again (nothing was imported)",
      ]);
      assert.deepEqual(sqliteFiles(fresh), [], "no new monitor.db, -wal or -shm left behind");

      const store = await openStore(existing);
      await store.insertReports([reports[0]!]);
      await store.close();
      const again = scs(["monitor", "import", "--from", broken.url, "--db", existing]);
      assert.equal(again.status, 2);
      assert.ok(existsSync(existing), "a database that was there stays");
      const kept = await openStore(existing);
      try {
        assert.equal((await kept.listReports({ limit: 10, skip: 0 })).length, 1);
        assert.deepEqual(await kept.loadAccounts(), []);
      } finally {
        await kept.close();
      }
    } finally {
      await broken.drop();
    }
  });

  it("refuses at once, in one line, while another process writes to the SQLite database", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const file = join(dir, "locked.db");
    const store = await openStore(file);
    await store.close();
    const writer = new Database(file);
    writer.prepare("begin immediate").run();
    let res: ReturnType<typeof scs>;
    try {
      res = scs(["monitor", "import", "--from", reference!.url, "--db", file]);
    } finally {
      writer.prepare("rollback").run();
      writer.close();
    }
    assert.equal(res.status, 2);
    assert.deepEqual(errorLines(res.stderr), [
      "scs: error: the monitor database is locked by another writer (a running scs monitor taking uploads?): " +
        "stop it during the import and run the import again (nothing was imported)",
    ]);
    const after = await openStore(file);
    try {
      assert.deepEqual(await after.loadAccounts(), []);
      assert.equal(await after.generation(), 0);
    } finally {
      await after.close();
    }
  });

  it("imports a result whose approval is null as not approved, as the reference reads it", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const sample = reports.find((r) => r.reportuuid === SAMPLE)!;
    const ref = await createDatabase(async (c) => {
      await fillReference(c, accounts, [sample]);
      // Result 1 would be approved by default: null must not become true.
      await c.query("update result2 set approval = null where testcase = 'scs-0100-syntax-check'");
    });
    const ours = await freshStore("sqlite");
    const source = await ReferenceDatabase.open(ref.url);
    try {
      const summary = await importInto(ours.store, source);
      assert.equal(summary.results.imported, sample.results.length);
      const rows = await ours.store.recentResults({
        since: "2000-01-01T00:00:00.000000",
        limit: 1000,
        skip: 0,
      });
      const syntax = rows.filter((r) => r.check === "scs-0100-syntax-check");
      assert.ok(syntax.length > 0);
      assert.ok(syntax.every((r) => r.result === 1 && r.approval === false));
      assert.ok(rows.some((r) => r.check !== "scs-0100-syntax-check" && r.result === 1 && r.approval));
    } finally {
      await source.close();
      await ours.dispose();
      await ref.drop();
    }
  });

  it("says what to check when the reference's connection is lost", async (t) => {
    if (!requirePart(t, available, "PostgreSQL (scripts/postgres/up.sh)")) return;
    const source = await ReferenceDatabase.open(reference!.url);
    try {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [new URL(reference!.url).pathname.slice(1)],
      );
      await admin.end();
      await assert.rejects(
        readReference(source),
        /^ScsError: cannot read the reference database postgres:\/\/scs:\*\*\*@.*: .+; the connection was lost: check that the server still accepts connections and run the import again \(nothing was imported\)$/,
      );
    } finally {
      await source.close();
    }
  });
});
