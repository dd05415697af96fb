import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { requirePart } from "../support/require.ts";
import { DIALECTS, postgresAvailable, type startMonitor, startMonitorWithSample } from "./harness.ts";

const SAMPLE = "fa07165e-1dc6-44f8-8d86-d22376328c51";

for (const dialect of DIALECTS) {
  describe(`security headers on every response, ${dialect}`, () => {
    let h: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let available = true;
    before(async () => {
      available = dialect === "sqlite" || (await postgresAvailable());
      if (!available) return;
      h = await startMonitorWithSample(dialect);
    });
    after(() => h?.dispose());

    it("sends a strict CSP, nosniff, DENY framing and no referrer, on pages, data and errors alike", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const requests: [string, RequestInit, number][] = [
        ["/", {}, 307],
        ["/page/table", {}, 200],
        ["/fragment/table", {}, 200],
        ["/markdown/table", {}, 200],
        [`/page/report/${SAMPLE}`, {}, 200],
        [`/page/report_full/${SAMPLE}`, {}, 401],
        ["/page/history/example-cloud/scs-compatible-iaas", {}, 200],
        ["/page/missing/example-cloud/scs-compatible-iaas", {}, 200],
        ["/page/scope/nope", {}, 404],
        ["/nope/table", {}, 422],
        ["/status", { headers: { accept: "application/json" } }, 200],
        ["/healthz", {}, 200],
        ["/metrics", {}, 200],
        ["/reports", {}, 401],
        ["/reports", { method: "POST", body: "x" }, 401],
        ["/no/such/thing", {}, 404],
      ];
      for (const [path, init, status] of requests) {
        const res = await h!.app.request(path, init);
        assert.equal(res.status, status, path);
        assert.match(
          res.headers.get("content-security-policy") ?? "",
          /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
          path,
        );
        assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
        assert.equal(res.headers.get("x-frame-options"), "DENY", path);
        assert.equal(res.headers.get("referrer-policy"), "no-referrer", path);
        assert.equal(res.headers.get("cross-origin-resource-policy"), "same-origin", path);
      }
    });

    it("allows exactly the page's stylesheet, and badges to be shown on other sites", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const page = await h!.app.request("/page/table");
      const html = await page.text();
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
      assert.ok(style !== undefined);
      const hash = createHash("sha256").update(style).digest("base64");
      assert.match(
        page.headers.get("content-security-policy") ?? "",
        new RegExp(`style-src 'sha256-${hash.replace(/[+/]/g, "\\$&")}';`),
      );
      assert.equal((html.match(/<style/g) ?? []).length, 1);
      assert.doesNotMatch(html, /<script|\sstyle=/);
      const history = await (await h!.app.request("/page/history/example-cloud/scs-compatible-iaas")).text();
      assert.doesNotMatch(history, /\sstyle=/, "the timeline's legend is coloured by class");
      const badge = await h!.app.request("/badges/example-cloud/scs-compatible-iaas.svg");
      assert.equal(badge.status, 200);
      assert.equal(badge.headers.get("cross-origin-resource-policy"), "cross-origin");
      assert.equal(badge.headers.get("x-content-type-options"), "nosniff");
    });
  });
}
