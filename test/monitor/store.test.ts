import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  DuplicateReportError,
  type NewReport,
  NoSuchResultError,
  type Store,
} from "../../src/monitor/db/store.ts";
import { requirePart } from "../support/require.ts";
import { DIALECTS, freshStore, postgresAvailable } from "./harness.ts";

const S = "scope-1";
const report = (
  uuid: string,
  subject: string,
  checkedAt: string,
  results: Record<string, number>,
): NewReport => ({
  reportuuid: uuid,
  checkedAt,
  subject,
  data: JSON.stringify({ subject, run: { uuid } }),
  results: Object.entries(results).map(([testcase, result]) => ({
    scopeuuid: S,
    version: "*",
    testcase,
    result,
  })),
});

for (const dialect of DIALECTS) {
  describe(`Store on ${dialect}`, () => {
    let store: Store | undefined;
    let dispose: (() => Promise<void>) | undefined;
    let available = true;
    before(async () => {
      available = dialect === "sqlite" || (await postgresAvailable());
      if (!available) return;
      ({ store, dispose } = await freshStore(dialect));
    });
    after(() => dispose?.());

    it("imports accounts like the reference: delegates that exist, keys replaced, others deleted", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const key = { key: "AAAA", keytype: "ssh-ed25519", keyname: "primary" };
      await store!.importAccounts([
        { subject: "robot", roles: 2, group: null, delegates: [], apiKeys: ["h1"], keys: [key] },
        {
          subject: "cloud",
          roles: 0,
          group: "g",
          delegates: ["robot", "later"],
          apiKeys: ["h2", "h3"],
          keys: [key],
        },
        { subject: "later", roles: 0, group: null, delegates: [], apiKeys: [], keys: [] },
        { subject: "gone", roles: 1, group: null, delegates: [], apiKeys: [], keys: [] },
      ]);
      let accounts = await store!.loadAccounts();
      assert.deepEqual(
        accounts.map((a) => a.subject),
        ["cloud", "gone", "later", "robot"],
      );
      assert.deepEqual(accounts.find((a) => a.subject === "robot")!.delegators, ["cloud"]);
      assert.deepEqual(
        accounts.find((a) => a.subject === "later")!.delegators,
        [],
        "a later-defined delegate is skipped",
      );
      await store!.importAccounts([
        {
          subject: "robot",
          roles: 2,
          group: null,
          delegates: [],
          apiKeys: ["h9"],
          keys: [{ ...key, key: "BBBB" }],
        },
        { subject: "cloud", roles: 8, group: null, delegates: [], apiKeys: ["h2"], keys: [] },
      ]);
      accounts = await store!.loadAccounts();
      assert.deepEqual(
        accounts.map((a) => [a.subject, a.roles, a.group, a.apiKeys, a.keys.map((k) => k.key), a.delegators]),
        [
          ["cloud", 8, null, ["h2"], [], []],
          ["robot", 2, null, ["h9"], ["BBBB"], []],
        ],
      );
    });

    it("keeps the newest result per testcase, whatever the order of arrival", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      await store!.insertReports([report("r2", "cloud", "2026-11-20T10:00:00.000000", { a: 1, b: -1 })]);
      await store!.insertReports([report("r1", "cloud", "2026-11-19T10:00:00.000000", { a: -1, c: 0 })]);
      const latest = await store!.latestResults({ subjects: ["cloud"], scopeuuid: S });
      const byTc = Object.fromEntries(latest.map((r) => [r.testcase, [r.result, r.reportuuid]]));
      assert.deepEqual(byTc, { a: [1, "r2"], b: [-1, "r2"], c: [0, "r1"] });
      const history = await store!.resultHistory({
        subjects: ["cloud"],
        scopeuuid: S,
        since: "2026-11-01T00:00:00.000000",
      });
      assert.deepEqual(history.map((h) => [h.checkedAt.slice(0, 10), h.testcase]).sort(), [
        ["2026-11-19", "a"],
        ["2026-11-19", "c"],
        ["2026-11-20", "a"],
        ["2026-11-20", "b"],
      ]);
      assert.ok(history[0]!.checkedAt <= history[3]!.checkedAt, "oldest first");
    });

    it("refuses a duplicate uuid and stores nothing of that batch", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const generation = await store!.generation();
      await assert.rejects(
        store!.insertReports([
          report("r3", "cloud", "2026-11-21T10:00:00.000000", { a: -1 }),
          report("r2", "cloud", "2026-11-21T10:00:00.000000", {}),
        ]),
        (err: unknown) => err instanceof DuplicateReportError && err.reportuuid === "r2",
      );
      assert.equal(await store!.getReport("r3"), undefined);
      assert.equal(await store!.generation(), generation);
      const latest = await store!.latestResults({ subjects: ["cloud"] });
      assert.equal(latest.find((r) => r.testcase === "a")!.result, 1, "latest_result rolled back too");
    });

    it("sets approvals all or nothing", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const record = { reportuuid: "r2", scopeuuid: S, version: "*", check: "b", approval: true };
      await assert.rejects(store!.setApprovals([record, { ...record, check: "zzz" }]), NoSuchResultError);
      let rows = await store!.recentResults({
        since: "2026-01-01T00:00:00.000000",
        approved: true,
        limit: 100,
        skip: 0,
      });
      assert.ok(!rows.some((r) => r.check === "b"));
      await store!.setApprovals([record]);
      rows = await store!.recentResults({
        since: "2026-01-01T00:00:00.000000",
        approved: true,
        limit: 100,
        skip: 0,
      });
      assert.ok(rows.some((r) => r.check === "b" && r.reportuuid === "r2"));
      const page = await store!.recentResults({ since: "2026-01-01T00:00:00.000000", limit: 2, skip: 1 });
      assert.equal(page.length, 2);
    });
  });
}
