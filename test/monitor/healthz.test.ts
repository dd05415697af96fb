import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { basic, startMonitor } from "./harness.ts";

describe("/healthz", () => {
  it("answers 200 with an empty body while the database answers, 500 after it is gone", async () => {
    const h = await startMonitor("sqlite", { healthCredentials: { user: "hc", password: "hc-secret" } });
    try {
      const ok = await h.app.request("/healthz");
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), "");
      await h.store.close();
      const down = await h.app.request("/healthz");
      assert.equal(down.status, 500);
      assert.equal(await down.text(), "internal server error");
      const wrong = await h.app.request("/healthz", { headers: { authorization: basic("hc", "nope") } });
      assert.equal(await wrong.text(), "internal server error");
      const detailed = await h.app.request("/healthz", {
        headers: { authorization: basic("hc", "hc-secret") },
      });
      assert.equal(detailed.status, 500);
      const text = await detailed.text();
      assert.notEqual(text, "internal server error");
      assert.match(text, /destroy|closed|not open/i);
      assert.doesNotMatch(text, /hc-secret/);
    } finally {
      await h.dispose().catch(() => {});
    }
  });
});
