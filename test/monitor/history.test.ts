import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { requirePart } from "../support/require.ts";
import {
  basic,
  DIALECTS,
  FIXTURES,
  fixtureBytes,
  postgresAvailable,
  reportYaml,
  SshKey,
  sshKeygenAvailable,
  startMonitor,
} from "./harness.ts";

const YEARLY = "6b1d3c52-9a0e-4f5d-8c21-3e7f0a9b4d11";

for (const dialect of DIALECTS) {
  describe(`monitor history page on ${dialect}`, () => {
    let h: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let key: SshKey | undefined;
    let available = true;

    before(async () => {
      available = (dialect === "sqlite" || (await postgresAvailable())) && sshKeygenAvailable;
      if (!available) return;
      key = new SshKey("ed25519");
      const extra = `
  - subject: yearly-cloud
    api_keys: ["${bcrypt.hashSync("yearly-secret", 4)}"]
    keys:
      - {public_key: "${key.publicKey.blob}", public_key_type: "${key.publicKey.type}", public_key_name: primary}
`;
      const path = join(key.dir, "bootstrap.yaml");
      writeFileSync(path, fixtureBytes("bootstrap-example.yaml").toString() + extra);
      // Today is 2026-11-21: the 548 days of the page start on 2025-05-23.
      h = await startMonitor(dialect, { bootstrapPath: path, scopeFolder: join(FIXTURES, "scopes") });
    });
    after(async () => {
      await h?.dispose();
      key?.dispose();
    });

    it("shows a year result checked long before the window as passed on its first days", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      // 416 days before the window's first day (2025-05-23), far beyond the month the page used to
      // read back; a `year` result of April 2024 is valid until 2025-06-01 00:00.
      const yaml = reportYaml({
        subject: "yearly-cloud",
        uuid: "77777777-0000-4000-8000-000000000001",
        scope: YEARLY,
        checkedAt: "2024-04-02 10:00:00.000001",
        results: { "yearly-check": 1, "weekly-check": 1 },
      });
      const res = await h!.app.request("/reports", {
        method: "POST",
        body: key!.body(yaml),
        headers: {
          "content-type": "application/x-signed-yaml",
          authorization: basic("yearly-cloud", "yearly-secret"),
        },
      });
      assert.equal(res.status, 200, await res.clone().text());
      const page = await h!.app.request("/page/history/yearly-cloud/scs-yearly-test");
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /since 2025-05-23/);
      assert.match(html, /<h3>v1<\/h3>/);
      assert.match(
        html,
        /<tr><td>2025-05-23<\/td><td>2025-05-31<\/td><td>PASS<\/td><\/tr>/,
        "the window's first days see the year result",
      );
      assert.match(html, /<tr><td>2025-06-01<\/td><td>2026-11-21<\/td><td>results missing<\/td><\/tr>/);
      assert.match(html, /<title>2025-05-23 – 2025-05-31: PASS<\/title>/);
    });
  });
}
