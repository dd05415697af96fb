/** The overview lists every subject with reports, also those its file does not name. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { requirePart } from "../support/require.ts";
import { CLOUD, DIALECTS, fixture, fixtureBytes, postgresAvailable, startMonitor } from "./harness.ts";

for (const dialect of DIALECTS) {
  describe(`overview of subjects the list does not name, on ${dialect}`, () => {
    let listed: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let unlisted: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let available = true;
    const upload = async (h: NonNullable<typeof listed>) => {
      const res = await h.app.request("/reports", {
        method: "POST",
        body: fixtureBytes("report-example.body"),
        headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
      });
      assert.equal(res.status, 200);
    };
    before(async () => {
      available = dialect === "sqlite" || (await postgresAvailable());
      if (!available) return;
      // the built-in list does not name example-cloud; the test list does
      unlisted = await startMonitor(dialect);
      listed = await startMonitor(dialect, { overviewFile: fixture("overview-test.yaml") });
      await upload(unlisted);
      await upload(listed);
    });
    after(async () => {
      await unlisted?.dispose();
      await listed?.dispose();
    });
    const table = async (h: NonNullable<typeof listed>, path = "/markdown/table") =>
      (await h.app.request(path)).text();

    it("a subject with reports that no section names gets a row in a section of its own", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const md = await table(unlisted!);
      assert.match(
        md,
        /\n### Other subjects tested for SCS-compatible IaaS\n\nThe following subjects have uploaded reports but are not \(yet\) listed above\.\n\n\| Name \| Description \| Operator \| SCS-compatible IaaS \|\n\|---\|---\|---\|---\|\n\| example-cloud \| {2}\| {2}\| \[🛑 –\]\(\/page\/detail\/example-cloud\/scs-compatible-iaas\) \|\n/,
      );
      assert.doesNotMatch(md, /Other subjects tested for SCS-compatible KaaS/, "no KaaS reports, no section");
      const html = await table(unlisted!, "/page/table");
      assert.match(html, /<a href="\/page\/detail\/example-cloud\/scs-compatible-iaas">🛑 –<\/a>/);
    });

    it("a subject the list names (directly or by its group) appears only there", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const md = await table(listed!);
      assert.doesNotMatch(md, /Other subjects/);
    });
  });
}
