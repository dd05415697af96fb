import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { type RunningMonitor, serveMonitor } from "../../src/monitor/serve.ts";
import { requirePart } from "../support/require.ts";
import { Ed25519Signer } from "../support/ssh-signer.ts";
import { basic, DIALECTS, fixtureBytes, freshStore, postgresAvailable, reportYaml } from "./harness.ts";

const UPLOADERS = 50;
const REPORTS_EACH = 20;

for (const dialect of DIALECTS) {
  describe(`scs monitor serve over HTTP on ${dialect}`, () => {
    let running: RunningMonitor | undefined;
    let available = true;
    let dir = "";
    let dispose: (() => Promise<void>) | undefined;
    const signer = new Ed25519Signer();
    const logs: string[] = [];

    before(async () => {
      available = dialect === "sqlite" || (await postgresAvailable());
      if (!available) return;
      dir = mkdtempSync(join(tmpdir(), "scs-monitor-serve-"));
      // A database location the server opens itself: a SQLite file, or a private PostgreSQL schema.
      const fresh = await freshStore(dialect);
      const location = dialect === "sqlite" ? join(dir, "monitor.db") : await schemaUrlOf(fresh);
      dispose = fresh.dispose;
      if (dialect === "sqlite") await fresh.dispose();
      const hash = bcrypt.hashSync("load-secret", 4);
      const accounts = Array.from(
        { length: UPLOADERS },
        (_, i) => `  - subject: cloud-${i}\n    delegates: [loader]\n`,
      ).join("");
      writeFileSync(
        join(dir, "bootstrap.yaml"),
        `${fixtureBytes("bootstrap-example.yaml")}  - subject: loader\n    roles: [append_any]\n    api_keys: ["${hash}"]\n    keys:\n      - {public_key: "${signer.publicKey}", public_key_type: ssh-ed25519, public_key_name: load}\n${accounts}`,
      );
      running = await serveMonitor({
        db: location,
        port: 0,
        host: "127.0.0.1",
        bootstrapPath: join(dir, "bootstrap.yaml"),
        handleSighup: true,
        log: (l) => logs.push(l),
      });
    });
    after(async () => {
      await running?.close();
      if (dialect === "postgres") await dispose?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("accepts the sample body over a real socket", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const res = await fetch(`${running!.url}reports`, {
        method: "POST",
        body: fixtureBytes("report-example.body"),
        headers: {
          "content-type": "application/x-signed-yaml",
          authorization: basic("example-robot", "robot-secret"),
        },
      });
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "null");
    });

    it("answers a 50 MB body over a real socket with 413 and keeps serving", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const res = await fetch(`${running!.url}reports`, {
        method: "POST",
        body: Buffer.alloc(50 * 1024 * 1024, 0x61),
        headers: {
          "content-type": "application/x-signed-yaml",
          authorization: basic("loader", "load-secret"),
        },
      });
      assert.equal(res.status, 413);
      assert.match(((await res.json()) as { detail: string }).detail, /too large/);
      assert.equal((await fetch(`${running!.url}healthz`)).status, 200);
    });

    it(`stores every report exactly once with ${UPLOADERS} concurrent uploaders × ${REPORTS_EACH} reports, duplicates racing`, async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const auth = basic("loader", "load-secret");
      const send = (i: number, j: number) =>
        fetch(`${running!.url}reports`, {
          method: "POST",
          body: signer.body(
            reportYaml({
              subject: `cloud-${i}`,
              uuid: `00000000-0000-4000-8000-${String(i * 1000 + j).padStart(12, "0")}`,
              checkedAt: `2026-11-${String(1 + (j % 20)).padStart(2, "0")} 10:00:00.${String(j).padStart(6, "0")}`,
            }),
          ),
          headers: { "content-type": "application/x-signed-yaml", authorization: auth },
        }).then((r) => r.status);
      const statuses = await Promise.all(
        Array.from({ length: UPLOADERS }, async (_, i) => {
          const mine: number[] = [];
          for (let j = 0; j < REPORTS_EACH; j++) {
            // Every report is sent twice at once (as by a retrying client): one 200, one 409.
            const pair = await Promise.all([send(i, j), send(i, j)]);
            mine.push(...pair);
          }
          return mine;
        }),
      );
      const flat = statuses.flat();
      assert.equal(flat.filter((s) => s === 200).length, UPLOADERS * REPORTS_EACH);
      assert.equal(flat.filter((s) => s === 409).length, UPLOADERS * REPORTS_EACH);
      const listed = await fetch(`${running!.url}reports?subject=&limit=5000`, {
        headers: { authorization: basic("example-admin", "admin-secret") },
      });
      const docs = (await listed.json()) as { run: { uuid: string } }[];
      const uuids = docs.map((d) => d.run.uuid).filter((u) => u.startsWith("00000000-"));
      assert.equal(uuids.length, UPLOADERS * REPORTS_EACH);
      assert.equal(new Set(uuids).size, uuids.length);
      const health = await fetch(`${running!.url}healthz`);
      assert.equal(health.status, 200);
    });

    it("reloads on SIGHUP and the admin endpoint, keeping the configuration when the file is bad", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const path = join(dir, "bootstrap.yaml");
      const good = fixtureBytes("bootstrap-example.yaml").toString();
      writeFileSync(path, `${good}  - subject: newcomer\n`);
      process.emit("SIGHUP");
      await waitFor(() => running!.monitor.accounts.get("newcomer") !== undefined);
      writeFileSync(path, "accounts: [ {subject: x, roles: [root]} ]\n");
      const admin = basic("example-admin", "admin-secret");
      const res = await fetch(`${running!.url}admin/reload`, {
        method: "POST",
        headers: { authorization: admin },
      });
      assert.equal(res.status, 400);
      assert.match(
        ((await res.json()) as { detail: string }).detail,
        /reload refused, configuration unchanged: .*unknown role "root"/,
      );
      assert.ok(running!.monitor.accounts.get("newcomer"), "the accounts in force stay");
      const cloud = await fetch(`${running!.url}reports`, {
        headers: { authorization: basic("example-cloud", "example-secret") },
      });
      assert.equal(cloud.status, 200);
      const notAdmin = await fetch(`${running!.url}admin/reload`, {
        method: "POST",
        headers: { authorization: basic("example-cloud", "example-secret") },
      });
      assert.equal(notAdmin.status, 401);
      process.emit("SIGHUP");
      await waitFor(() => logs.some((l) => /reload refused, configuration unchanged/.test(l)));
      assert.ok(
        logs.every((l) => !/secret/.test(l)),
        "no secret in the log",
      );
    });
  });
}

/** Waits for something the server does in the background; the limit only ends a hang, so it is generous. */
async function waitFor(condition: () => boolean, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The URL of the private schema freshStore made (its store is closed; the server opens its own). */
async function schemaUrlOf(fresh: Awaited<ReturnType<typeof freshStore>>): Promise<string> {
  const url = (fresh as unknown as { url?: string }).url;
  if (url === undefined) throw new Error("freshStore did not report its URL");
  await fresh.store.close();
  return url;
}
