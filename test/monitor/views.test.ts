import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { requirePart } from "../support/require.ts";
import { CLOUD, DIALECTS, postgresAvailable, type startMonitor, startMonitorWithSample } from "./harness.ts";

const SAMPLE = "fa07165e-1dc6-44f8-8d86-d22376328c51";

for (const dialect of DIALECTS) {
  describe(`monitor views on ${dialect}`, () => {
    let h: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let available = true;
    before(async () => {
      available = dialect === "sqlite" || (await postgresAvailable());
      if (!available) return;
      h = await startMonitorWithSample(dialect);
    });
    after(() => h?.dispose());
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await h!.app.request(path, { headers });
      return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
    };

    it("renders the overview with subject and group summaries linking to details", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const md = await get("/markdown/table");
      assert.equal(md.type, "text/markdown; charset=utf-8");
      assert.match(md.text, /^### Certified SCS-compatible IaaS\n/);
      assert.match(
        md.text,
        /\| \[Example Cloud\]\(https:\/\/example.invalid\/cloud\) \| A cloud for tests \| Example GmbH \| \[🛑 –\]\(\/page\/detail\/example-cloud\/scs-compatible-iaas\) \| n\/a \|/,
      );
      // The group is as bad as its worst member (example-cloud fails).
      assert.match(
        md.text,
        /\[🛑 –\]\(\/page\/detail\/group-example-group\/scs-compatible-iaas\) \| \[HM\]\(https:\/\/example.invalid\/hm\) \|/,
      );
      const full = await get("/markdown/table_full");
      assert.match(full.text, /\/page\/detail_full\/example-cloud\/scs-compatible-iaas/);
      const html = await get("/page/table");
      assert.match(html.text, /<title>SCS compliance overview<\/title>/);
      assert.match(html.text, /<a href="\/page\/detail\/example-cloud\/scs-compatible-iaas">🛑 –<\/a>/);
      assert.match(html.text, /Legend:/);
      const fragment = await get("/fragment/table");
      assert.doesNotMatch(fragment.text, /<html/);
      assert.match(fragment.text, /<table>/);
    });

    it("renders details of a group: jump list, FAIL first, dates linking to the report", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const md = await get("/markdown/detail/group-example-group/scs-compatible-iaas");
      assert.equal(md.status, 200);
      assert.match(
        md.text,
        /Jump to\n\n- \[example-cloud\]\(#example-cloud\) 🛑 –\n- \[example-cloud-2\]\(#example-cloud-2\) 🟧 v5.1\n/,
      );
      assert.match(
        md.text,
        /## example-cloud: SCS-compatible IaaS\n\n- \[spec overview\]\(\/page\/scope\/50393e6f-2ae1-4c5c-a62c-3b75f2abef3f\)/,
      );
      assert.match(md.text, /\| testcase id \| result \| v5.1 \| description \|/);
      const rows = md.text.split("\n").filter((l) => l.startsWith("| [scs-"));
      assert.match(
        rows[0]!,
        /^\| \[scs-0102-prop-architecture\]\([^)]*\) \| 🛑 FAIL \(\[2026-11-21\]\(\/page\/report\/fa07165e-1dc6-44f8-8d86-d22376328c51#scs-0102-prop-architecture\)\) \{ title="fa07165e-1dc6-44f8-8d86-d22376328c51 2026-11-21 05:34:25.047475" \} \| X \{ title="main" \} \|/,
      );
      assert.match(rows[1]!, /❔ DNF/);
      assert.match(
        md.text,
        /## example-cloud-2: SCS-compatible IaaS\n\n- \[spec overview\][^\n]*\n\n\| testcase id[^\n]*\n[^\n]*\n\| \[scs-0100-semantics-check\]\([^)]*\) \| ❓ MISSING \| X \{ title="main" \} \|/,
      );
      const page = await get("/page/detail/group-example-group/scs-compatible-iaas");
      assert.match(page.text, /<h1>Details for group example-group<\/h1>/);
      assert.match(page.text, /<td title="main">X<\/td>/);
      assert.match(page.text, /href="\/page\/history\/example-cloud\/scs-compatible-iaas"/);
      const drafts = await get("/markdown/detail_full/example-cloud/scs-compatible-iaas");
      assert.match(drafts.text, /\| testcase id \| result \| next\* \| v5.1 \| description \|/);
    });

    it("redacts the public report and keeps the full one for the subject", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const md = await get(`/markdown/report/${SAMPLE}`);
      assert.match(
        md.text,
        /^## General info\n\n- uuid: \[fa07165e[^\]]*\]\(\/reports\/fa07165e-1dc6-44f8-8d86-d22376328c51\)/,
      );
      assert.match(md.text, /- variable assignment: `os_cloud`=`example-cloud`/);
      assert.match(md.text, /- scs-0102-prop-architecture: ✘\n {4}\{: #scs-0102-prop-architecture \}/);
      assert.match(md.text, /\(the following has been redacted\)/);
      assert.match(md.text, /» \[show unredacted \(requires login\) 🔒\]\(\/page\/report_full\//);
      const anonymous = await get(`/page/report_full/${SAMPLE}`);
      assert.equal(anonymous.status, 401);
      const own = await get(`/markdown/report_full/${SAMPLE}`, { authorization: CLOUD });
      assert.equal(own.status, 200);
      assert.doesNotMatch(own.text, /has been redacted/);
      const page = await get(`/page/report/${SAMPLE}`);
      assert.match(page.text, /<title>Report fa07165e-1dc6-44f8-8d86-d22376328c51 \(redacted\)<\/title>/);
      assert.match(page.text, /<li id="scs-0102-prop-architecture">scs-0102-prop-architecture: ✘<\/li>/);
      assert.equal((await get("/page/report/no-such-report")).status, 404);
    });

    it("renders the scope page and refuses unknown scopes and view types", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const md = await get("/markdown/scope/scs-compatible-iaas");
      assert.match(md.text, /^\| Scope versions -> \| next \| v5.1 \|\n/);
      assert.match(md.text, /\| State \| Draft \| Effective \|/);
      assert.match(md.text, /X \(\[image_spec\]\(https:\/\/[^)]*scs-0104-v1-images-v5.yaml\)\)/);
      const byUuid = await get("/page/scope/50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
      assert.match(byUuid.text, /<h1>SCS-compatible IaaS<\/h1>/);
      assert.equal((await get("/page/scope/no-such-scope")).status, 404);
      const bad = await get("/pdf/table");
      assert.equal(bad.status, 422);
      assert.match(bad.text, /permitted: 'markdown', 'page', 'fragment'/);
    });

    it("never lets markup in a subject from the URL reach the page", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const evil = encodeURIComponent('<img src=x onerror="alert(1)">');
      for (const path of [
        `/page/detail/${evil}/scs-compatible-iaas`,
        `/page/history/${evil}/scs-compatible-iaas`,
        `/page/missing/${evil}/scs-compatible-iaas`,
      ]) {
        const res = await get(path);
        assert.equal(res.status, 200);
        assert.doesNotMatch(res.text, /<img src=x/, path);
        assert.match(res.text, /&lt;img src=x/, path);
      }
    });

    it("shows history, missing testcases, badges and metrics", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const history = await get("/page/history/example-cloud/scs-compatible-iaas");
      assert.match(history.text, /<h3>v5.1<\/h3>/);
      assert.match(history.text, /<tr><td>2026-11-21<\/td><td>2026-11-21<\/td><td>FAIL<\/td><\/tr>/);
      assert.match(history.text, /since 2025-05-23/, "18 months of history");
      const missing = await get("/page/missing/example-cloud-2/scs-compatible-iaas");
      assert.match(missing.text, /scs-0100-syntax-check/);
      assert.match(missing.text, /<td>never<\/td>/);
      const badge = await get("/badges/example-cloud/scs-compatible-iaas.svg");
      assert.equal(badge.type, "image/svg+xml; charset=utf-8");
      assert.match(badge.text, /aria-label="SCS-compatible IaaS: failing"/);
      assert.equal((await get("/badges/example-cloud/nope.svg")).status, 404);
      const metrics = await get("/metrics");
      assert.match(metrics.text, /^scs_monitor_reports_received_total\{subject="example-cloud"\} 1$/m);
      assert.match(
        metrics.text,
        /^scs_monitor_subject_result\{scope="scs-compatible-iaas",subject="example-cloud"\} -1$/m,
      );
      assert.match(
        metrics.text,
        /scs_monitor_request_duration_seconds_count\{method="GET",route="\/page\/history"\} [1-9]\d*/,
      );
    });
  });
}
