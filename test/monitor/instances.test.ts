import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { frozenClock } from "../../src/clock.ts";
import { createApp } from "../../src/monitor/api/app.ts";
import { openStore } from "../../src/monitor/db/open.ts";
import { Monitor } from "../../src/monitor/monitor.ts";
import { requirePart } from "../support/require.ts";
import { CLOUD, DIALECTS, fixture, fixtureBytes, freshStore, postgresAvailable } from "./harness.ts";

for (const dialect of DIALECTS) {
  describe(`two monitor instances sharing one ${dialect} database`, () => {
    it("see each other's uploads at once, even with the overview cached", async (t) => {
      const available = dialect === "sqlite" || (await postgresAvailable());
      if (!requirePart(t, available, `${dialect} database`)) return;
      const dir = mkdtempSync(join(tmpdir(), "scs-monitor-two-"));
      const fresh = dialect === "postgres" ? await freshStore("postgres") : undefined;
      const location = fresh?.url ?? join(dir, "shared.db");
      const start = async () => {
        const store = await openStore(location);
        const monitor = await Monitor.start({
          store,
          bootstrapPath: fixture("bootstrap-example.yaml"),
          overviewFile: fixture("overview-test.yaml"),
          clock: frozenClock(new Date(2026, 10, 21, 12, 0, 0)),
          log: () => {},
        });
        return { store, app: createApp(monitor) };
      };
      const [a, b] = [await start(), await start()];
      try {
        const before = await (await b.app.request("/markdown/table")).text();
        assert.match(before, /\[🛑 –\]\(\/page\/detail\/example-cloud\//);
        const cached = (await (await b.app.request("/status")).json()) as Record<string, unknown>;
        assert.ok(!("example-cloud" in cached));
        const res = await a.app.request("/reports", {
          method: "POST",
          body: fixtureBytes("report-example.body"),
          headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
        });
        assert.equal(res.status, 200);
        const status = (await (await b.app.request("/status")).json()) as Record<string, unknown>;
        assert.ok("example-cloud" in status, "instance B sees the upload received by A");
        const again = await b.app.request("/reports", {
          method: "POST",
          body: fixtureBytes("report-example.body"),
          headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
        });
        assert.equal(again.status, 409);
      } finally {
        await a.store.close();
        await b.store.close();
        await fresh?.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
