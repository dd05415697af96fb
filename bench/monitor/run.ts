/**
 * Monitor benchmark: seeds 100 subjects × 548 days of daily reports (58 results each) directly
 * through the Store, then measures signed-upload throughput (1 and 8 clients) and p50/p99 latency
 * of the overview, a detail page, a group detail page, /status and the history page over HTTP,
 * on SQLite and PostgreSQL. Latency is measured twice — after 30 days of history and after the full
 * 548 — to show it does not grow with the history. Prints figures and ratios to the reference.
 *
 *   npx tsx bench/monitor/run.ts [--db sqlite|postgres|both] [--subjects 100] [--days 548] [--requests 200]
 *   npx tsx bench/monitor/run.ts --scenario load …   (see load.ts: uploads, pages and logins under attack)
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashSync } from "@node-rs/bcrypt";
import pg from "pg";
import { openStore } from "../../src/monitor/db/open.ts";
import type { NewReport, Store } from "../../src/monitor/db/store.ts";
import { localTimestamp } from "../../src/standards/timestamp.ts";
import { Ed25519Signer } from "../../test/support/ssh-signer.ts";
import { benchStore, fmt, IAAS, ids, percentile, reportFor, startServer, subject } from "./common.ts";

// Reference monitor (FastAPI + PostgreSQL 15) on this machine kind with the same data.
const REFERENCE = { overview: 5700, detail: 197, group: 812, status: 6100, ingestLow: 5, ingestHigh: 9 };
const GOALS = { uploadsPerSecond: 200, overviewP99: 50, detailP99: 50, statusP99: 200 };
const DAY_MS = 86_400_000;

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const SUBJECTS = Number(arg("subjects", "100"));
const DAYS = Number(arg("days", "548"));
const REQUESTS = Number(arg("requests", "200"));
const FIRST_DAYS = 30;
const dbs = arg("db", "both") === "both" ? ["sqlite", "postgres"] : [arg("db", "both")];

/** Seeds days [fromDay, toDay) before today for every subject, in bulk through the Store. */
async function seed(store: Store, today: number, fromDay: number, toDay: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < SUBJECTS; i++) {
    const s = subject(i);
    let batch: NewReport[] = [];
    for (let d = toDay - 1; d >= fromDay; d--) {
      const at = localTimestamp(new Date(today - d * DAY_MS + 3_600_000 * 2 + i * 1000));
      const uuid = `seed-${s}-${d}`;
      const { doc, results } = reportFor(s, uuid, at, d);
      batch.push({
        reportuuid: uuid,
        checkedAt: at,
        subject: s,
        data: doc,
        results: Object.entries(results).map(([testcase, result]) => ({
          scopeuuid: IAAS,
          version: "*",
          testcase,
          result,
        })),
      });
      if (batch.length === 50) {
        await store.insertReports(batch);
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await store.insertReports(batch);
    count += batch.length;
  }
  return count;
}

/** After a bulk load, let the database reach its steady state (statistics, WAL) before measuring. */
async function settle(kind: string, location: string): Promise<void> {
  if (kind === "postgres") {
    const c = new pg.Client({ connectionString: location });
    await c.connect();
    await c.query("vacuum analyze");
    await c.end();
  } else {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(location);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.exec("analyze");
    db.close();
  }
}

/** p50/p99 of n GETs; `url` may vary per request (e.g. another subject each time). */
async function latency(
  url: string | ((i: number) => string),
  n: number,
  headers: Record<string, string> = {},
) {
  const at = typeof url === "string" ? () => url : url;
  const times: number[] = [];
  for (let i = 0; i < Math.min(5, n); i++) await (await fetch(at(n + i), { headers })).arrayBuffer(); // warm-up
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(at(i), { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${at(i)} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function uploads(base: string, signer: Ed25519Signer, clients: number, total: number, tag: string) {
  const auth = `Basic ${Buffer.from("bench-loader:bench-secret").toString("base64")}`;
  const bodies = Array.from({ length: total }, (_, k) => {
    const s = subject(k % SUBJECTS);
    const uuid = `upload-${tag}-${k}`;
    // YAML like the check writes it; signed in advance so only the server is measured.
    const { doc } = reportFor(s, uuid, localTimestamp(new Date()), 0);
    return signer.body(`---\n${doc}\n`);
  });
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(`${base}reports`, {
          method: "POST",
          body,
          headers: { "content-type": "application/x-signed-yaml", authorization: auth },
        });
        if (res.status !== 200) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      }
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

const ratio = (ref: number, ours: number) => `${(ref / ours).toFixed(0)}× faster than the reference`;

async function runOn(kind: string): Promise<void> {
  const { dir, location, dispose } = await benchStore(kind, "bench");
  try {
    const signer = new Ed25519Signer();
    const hash = hashSync("bench-secret", 10);
    const accounts = Array.from(
      { length: SUBJECTS },
      (_, i) =>
        `  - subject: ${subject(i)}\n    group: g${Math.floor(i / 4)}\n    delegates: [bench-loader]\n`,
    ).join("");
    writeFileSync(
      join(dir, "bootstrap.yaml"),
      `accounts:\n  - subject: bench-loader\n    roles: [append_any]\n    api_keys: ["${hash}"]\n    keys:\n      - {public_key: "${signer.publicKey}", public_key_type: ssh-ed25519, public_key_name: k}\n${accounts}`,
    );
    const entries = Array.from(
      { length: SUBJECTS },
      (_, i) =>
        `      - {name: "Cloud ${i}", link: "https://example.invalid/${i}", description: "bench cloud", operator: "Bench GmbH", subject: ${i % 4 === 0 ? `group-g${i / 4}` : subject(i)}, healthmon: "n/a"}`,
    ).join("\n");
    writeFileSync(
      join(dir, "overview.yaml"),
      `sections:\n  - key: certified-iaas\n    scope: scs-compatible-iaas\n    columns: [Name, Description, Operator, SCS-compatible IaaS, HealthMon]\n    entries:\n${entries}\n`,
    );

    const store = await openStore(location, { poolSize: 8 });
    const today = Date.now();
    let t = performance.now();
    let seeded = await seed(store, today, 1, FIRST_DAYS + 1);
    console.log(
      `[${kind}] seeded ${seeded} reports (${FIRST_DAYS} days) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await store.close();

    const measure = async (label: string) => {
      const running = await startServer(location, dir);
      try {
        const base = running.url;
        const json = { accept: "application/json" };
        const r = {
          overview: await latency(`${base}page/table`, REQUESTS),
          detail: await latency(`${base}page/detail/${subject(1)}/scs-compatible-iaas`, REQUESTS),
          group: await latency(`${base}page/detail/group-g1/scs-compatible-iaas`, REQUESTS),
          status: await latency(`${base}status`, Math.max(20, REQUESTS / 4), json),
          // The scope filter bypasses the cache: the cost of evaluating every subject afresh,
          // which is what the first request after an upload pays.
          statusCold: await latency(
            `${base}status?scopeuuid=scs-compatible-iaas`,
            Math.max(20, REQUESTS / 4),
            json,
          ),
          // A different subject each time: every request computes its history (no cache hit).
          history: await latency(
            (i) => `${base}page/history/${subject(i % SUBJECTS)}/scs-compatible-iaas`,
            Math.min(SUBJECTS - 5, Math.max(20, REQUESTS / 4)),
          ),
        };
        console.log(`[${kind}] latency with ${label} of history (ms, p50 / p99):`);
        console.log(
          `  overview      ${fmt(r.overview.p50)} / ${fmt(r.overview.p99)}   ${ratio(REFERENCE.overview, r.overview.p50)} (p50 ${REFERENCE.overview} ms); goal p99 < ${GOALS.overviewP99}: ${r.overview.p99 < GOALS.overviewP99 ? "met" : "MISSED"}`,
        );
        console.log(
          `  detail        ${fmt(r.detail.p50)} / ${fmt(r.detail.p99)}   ${ratio(REFERENCE.detail, r.detail.p50)} (p50 ${REFERENCE.detail} ms); goal p99 < ${GOALS.detailP99}: ${r.detail.p99 < GOALS.detailP99 ? "met" : "MISSED"}`,
        );
        console.log(
          `  group of 4    ${fmt(r.group.p50)} / ${fmt(r.group.p99)}   ${ratio(REFERENCE.group, r.group.p50)} (p50 ${REFERENCE.group} ms)`,
        );
        console.log(
          `  /status       ${fmt(r.status.p50)} / ${fmt(r.status.p99)}   ${ratio(REFERENCE.status, r.status.p50)} (p50 ${REFERENCE.status} ms); goal p99 < ${GOALS.statusP99}: ${r.status.p99 < GOALS.statusP99 ? "met" : "MISSED"}`,
        );
        console.log(
          `  /status cold  ${fmt(r.statusCold.p50)} / ${fmt(r.statusCold.p99)}   ${ratio(REFERENCE.status, r.statusCold.p50)} (uncached: every subject evaluated afresh)`,
        );
        console.log(
          `  history page  ${fmt(r.history.p50)} / ${fmt(r.history.p99)}   (uncached: another subject each time; no reference page)`,
        );
        return { r, running };
      } catch (err) {
        await running.close();
        throw err;
      }
    };

    const short = await measure(`${FIRST_DAYS} days`);
    await short.running.close();

    const store2 = await openStore(location, { poolSize: 8 });
    t = performance.now();
    seeded = await seed(store2, today, FIRST_DAYS + 1, DAYS + 1);
    const seedSeconds = (performance.now() - t) / 1000;
    console.log(
      `[${kind}] seeded ${seeded} more reports (to ${DAYS} days, ${(((seeded + SUBJECTS * FIRST_DAYS) * ids.length) / 1e6).toFixed(2)} M results) in ${seedSeconds.toFixed(1)} s`,
    );
    await store2.close();
    await settle(kind, location);

    const long = await measure(`${DAYS} days`);
    try {
      const growth = (a: number, b: number) => (b / a).toFixed(2);
      console.log(
        `[${kind}] p50 growth from ${FIRST_DAYS} to ${DAYS} days of history: overview ×${growth(short.r.overview.p50, long.r.overview.p50)}, detail ×${growth(short.r.detail.p50, long.r.detail.p50)}, group ×${growth(short.r.group.p50, long.r.group.p50)}, /status ×${growth(short.r.status.p50, long.r.status.p50)}`,
      );
      for (const clients of [1, 8]) {
        const perSecond = await uploads(
          long.running.url,
          signer,
          clients,
          clients === 1 ? 300 : 1200,
          `c${clients}`,
        );
        const goal =
          kind === "sqlite"
            ? `; goal ≥ ${GOALS.uploadsPerSecond}/s: ${perSecond >= GOALS.uploadsPerSecond ? "met" : "MISSED"}`
            : "";
        console.log(
          `[${kind}] signed uploads, ${clients} client(s): ${perSecond.toFixed(0)} reports/s   ${(perSecond / REFERENCE.ingestHigh).toFixed(0)}–${(perSecond / REFERENCE.ingestLow).toFixed(0)}× the reference (${REFERENCE.ingestLow}–${REFERENCE.ingestHigh}/s)${goal}`,
        );
      }
    } finally {
      await long.running.close();
    }
  } finally {
    await dispose();
  }
}

if (arg("scenario", "pages") === "load") {
  const { runLoad } = await import("./load.ts");
  const options = {
    uploads: Number(arg("uploads", "3000")),
    floodSeconds: Number(arg("flood-seconds", "10")),
    readers: Number(arg("readers", "8")),
  };
  for (const kind of dbs) await runLoad(kind, options);
} else {
  console.log(
    `monitor benchmark: ${SUBJECTS} subjects × ${DAYS} days, ${ids.length} results per report, ${REQUESTS} requests per page`,
  );
  for (const kind of dbs) await runOn(kind);
}
