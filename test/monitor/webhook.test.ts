import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { BUILTIN_DATA, ScopeCatalog } from "../../src/monitor/evaluation/scope-catalog.ts";
import { Ed25519Signer } from "../support/ssh-signer.ts";
import { basic, reportYaml, startMonitor } from "./harness.ts";

describe("verdict-change webhook", () => {
  it("posts when a subject starts and stops passing a version, not when nothing changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scs-monitor-webhook-"));
    const signer = new Ed25519Signer();
    const path = join(dir, "bootstrap.yaml");
    writeFileSync(
      path,
      `accounts:\n  - subject: cloud\n    api_keys: ["${bcrypt.hashSync("pw", 4)}"]\n    keys:\n      - {public_key: "${signer.publicKey}", public_key_type: ssh-ed25519, public_key_name: k}\n`,
    );
    const posts: string[] = [];
    const h = await startMonitor("sqlite", {
      bootstrapPath: path,
      webhookUrl: "http://127.0.0.1:9/hook",
      webhookPost: async (_url, body) => {
        posts.push(body);
      },
    });
    try {
      const v51 = ScopeCatalog.load(BUILTIN_DATA, new Date(2026, 10, 21))
        .get("scs-compatible-iaas")!
        .valid.find((v) => v.version.name === "v5.1")!.version;
      const all = Object.fromEntries(v51.targets.get("main")!.map((id) => [id, 1]));
      const upload = async (uuid: string, results: Record<string, number>) => {
        const res = await h.app.request("/reports", {
          method: "POST",
          body: signer.body(reportYaml({ subject: "cloud", uuid, results })),
          headers: { "content-type": "application/x-signed-yaml", authorization: basic("cloud", "pw") },
        });
        assert.equal(res.status, 200);
        await h.monitor.notified();
      };
      await upload("w-1", all);
      const first = JSON.parse(posts.at(-1)!) as { changes: Record<string, unknown>[] };
      assert.deepEqual(
        first.changes.find((c) => c["version"] === "v5.1"),
        {
          subject: "cloud",
          scope: "scs-compatible-iaas",
          scopeuuid: "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f",
          version: "v5.1",
          before: null,
          after: "pass",
          checked_at: "2026-11-21T12:00:00.000000",
        },
      );
      const count = posts.length;
      await upload("w-2", all);
      assert.equal(posts.length, count, "no post without a change");
      await upload("w-3", { ...all, "scs-0100-syntax-check": -1 });
      const last = JSON.parse(posts.at(-1)!) as { changes: Record<string, unknown>[] };
      assert.ok(
        last.changes.some((c) => c["version"] === "v5.1" && c["before"] === "pass" && c["after"] === "fail"),
      );
    } finally {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
