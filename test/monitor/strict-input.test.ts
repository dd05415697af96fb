/**
 * Hostile uploads from an account that may upload: impossible or future checked_at, nesting and
 * result counts past the limits, SSHSIG with trailing data. Each is answered in one line and leaves
 * nothing stored; the monitor's log keeps lines under 1 KB. Over SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { MAX_LOG_LINE } from "../../src/monitor/log-line.ts";
import { MAX_DEPTH, MAX_RESULTS } from "../../src/monitor/reports/upload.ts";
import { localTimestamp } from "../../src/standards/timestamp.ts";
import { requirePart } from "../support/require.ts";
import {
  basic,
  DIALECTS,
  fixtureBytes,
  postgresAvailable,
  reportYaml,
  SshKey,
  sshKeygenAvailable,
  startMonitor,
} from "./harness.ts";

const YAML = "application/x-signed-yaml";
const JSON_TYPE = "application/x-signed-json";
const SIGNER = basic("signer", "signer-secret");
const HOUR_MS = 3_600_000;
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;

for (const dialect of DIALECTS) {
  describe(`strict upload input on ${dialect}`, () => {
    let h: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let key: SshKey | undefined;
    let available = true;

    before(async () => {
      available = (dialect === "sqlite" || (await postgresAvailable())) && sshKeygenAvailable;
      if (!available) return;
      key = new SshKey("ed25519");
      const hash = bcrypt.hashSync("signer-secret", 4);
      const path = join(key.dir, "bootstrap.yaml");
      writeFileSync(
        path,
        `${fixtureBytes("bootstrap-example.yaml")}
  - subject: signer
    api_keys: ["${hash}"]
    keys:
      - {public_key: "${key.publicKey.blob}", public_key_type: "${key.publicKey.type}", public_key_name: primary}
`,
      );
      h = await startMonitor(dialect, { bootstrapPath: path });
    });
    after(async () => {
      await h?.dispose();
      key?.dispose();
    });

    /** The monitor's clock, `ms` later, as a report writes it. */
    const at = (ms: number) =>
      localTimestamp(new Date(h!.monitor.now().getTime() + ms))
        .replace("T", " ")
        .slice(0, 19);
    const upload = async (data: string, type = YAML) =>
      h!.app.request("/reports", {
        method: "POST",
        body: key!.body(data),
        headers: { "content-type": type, authorization: SIGNER },
      });
    /** The answer's one-line detail, after asserting the status. */
    const refusal = async (res: Response, status: number) => {
      const text = await res.text();
      assert.equal(res.status, status, text);
      const detail = (JSON.parse(text) as { detail: string }).detail;
      assert.ok(!detail.includes("\n"), `one line: ${detail}`);
      return detail;
    };
    const stored = async (reportuuid: string) => (await h!.store.getReport(reportuuid)) !== undefined;

    it("refuses an impossible checked_at in one line and stores nothing", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      for (const bad of ["2026-13-45 25:61:61", "2026-02-30 10:00:00", "2026-11-21 24:00:00"]) {
        const id = uuid();
        const detail = await refusal(
          await upload(reportYaml({ subject: "signer", uuid: id, checkedAt: bad })),
          400,
        );
        assert.equal(
          detail,
          "report document 1 has no valid checked_at (expected YYYY-MM-DD HH:MM:SS[.ffffff])",
        );
        assert.equal(await stored(id), false, bad);
      }
    });

    it("refuses a checked_at more than a day after the monitor's clock, and takes one within the day", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      for (const future of [at(25 * HOUR_MS), "2062-01-01 00:00:00", "9999-12-31 23:59:59"]) {
        const id = uuid();
        const detail = await refusal(
          await upload(reportYaml({ subject: "signer", uuid: id, checkedAt: future })),
          400,
        );
        assert.match(
          detail,
          /^report document 1: checked_at \S+ is more than a day after the monitor's time /,
        );
        assert.equal(await stored(id), false, future);
      }
      const soon = uuid();
      const res = await upload(reportYaml({ subject: "signer", uuid: soon, checkedAt: at(23 * HOUR_MS) }));
      assert.equal(res.status, 200, await res.text());
      assert.equal(await stored(soon), true);
      // A newer upload, within the monitor's time, is not hidden by the one from tomorrow morning.
      const now = uuid();
      const later = await upload(reportYaml({ subject: "signer", uuid: now, checkedAt: at(0) }));
      assert.equal(later.status, 200);
    });

    it(`refuses a 100,000-deep array (JSON and YAML) with the limit of ${MAX_DEPTH} levels`, async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
      const id = uuid();
      const json = JSON.stringify({
        subject: "signer",
        checked_at: at(-HOUR_MS),
        spec: { uuid: "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f" },
        run: { uuid: id, argv: [], invocations: {} },
      }).replace('"argv":[]', `"argv":${deep}`);
      assert.equal(
        await refusal(await upload(json, JSON_TYPE), 400),
        `report is nested deeper than ${MAX_DEPTH} levels (the limit)`,
      );
      const yaml = reportYaml({ subject: "signer", uuid: id, checkedAt: at(-HOUR_MS) }).replace(
        "  argv: []",
        `  argv: ${deep}`,
      );
      assert.match(await refusal(await upload(yaml), 400), /nested deeper than 64 levels|not valid YAML/);
      // Block-style nesting, which no bracket count sees.
      const block = Array.from({ length: MAX_DEPTH + 2 }, (_, i) => `${"  ".repeat(i + 1)}- `).join("\n");
      const blockYaml = reportYaml({ subject: "signer", uuid: id, checkedAt: at(-HOUR_MS) }).replace(
        "  argv: []",
        `  argv:\n${block}x`,
      );
      assert.equal(
        await refusal(await upload(blockYaml), 400),
        `report document 1 is nested deeper than ${MAX_DEPTH} levels (the limit)`,
      );
      assert.equal(await stored(id), false);
    });

    it(`refuses a report of 100,000 results with the limit of ${MAX_RESULTS}, parsed off the event loop`, async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const results = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`scs-9999-odd-${i}`, 1]));
      const id = uuid();
      const pending = upload(reportYaml({ subject: "signer", uuid: id, checkedAt: at(-HOUR_MS), results }));
      // While the upload is parsed, other requests are answered: /healthz comes back first.
      const order: string[] = [];
      const healthz = Promise.resolve(h!.app.request("/healthz")).then((r) => {
        order.push("healthz");
        return r;
      });
      const res = await pending.then((r) => {
        order.push("upload");
        return r;
      });
      assert.equal((await healthz).status, 200);
      assert.deepEqual(order, ["healthz", "upload"]);
      assert.equal(
        await refusal(res, 400),
        `report document 1 has 100000 results; the limit is ${MAX_RESULTS} per report`,
      );
      assert.equal(await stored(id), false);
    });

    it("keeps every log line under 1 KB, even evaluating thousands of unknown testcases", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const results = Object.fromEntries(
        Array.from({ length: MAX_RESULTS }, (_, i) => [`scs-9999-unknown-testcase-${i}`, 1]),
      );
      const res = await upload(
        reportYaml({ subject: "signer", uuid: uuid(), checkedAt: at(-HOUR_MS), results }),
      );
      assert.equal(res.status, 200, await res.text());
      h!.logs.length = 0;
      assert.equal((await h!.app.request("/status")).status, 200);
      const missing = h!.logs.find((l) => l.startsWith("missing objects"));
      assert.match(missing ?? "", new RegExp(`^missing objects \\(${MAX_RESULTS}\\): `));
      for (const line of h!.logs) assert.ok(Buffer.byteLength(line) <= MAX_LOG_LINE, line.slice(0, 80));
    });

    it("refuses an SSHSIG with trailing data after the signature, as ssh-keygen does", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const id = uuid();
      const data = reportYaml({ subject: "signer", uuid: id, checkedAt: at(-HOUR_MS) });
      const armoured = key!.sign(data);
      const blob = Buffer.from(armoured.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
      const lines = Buffer.concat([blob, Buffer.from([0, 0, 0, 0])])
        .toString("base64")
        .match(/.{1,70}/g)!;
      const forged = `-----BEGIN SSH SIGNATURE-----\n${lines.join("\n")}\n-----END SSH SIGNATURE-----\n`;
      const res = await h!.app.request("/reports", {
        method: "POST",
        body: `${forged}&${data}`,
        headers: { "content-type": YAML, authorization: SIGNER },
      });
      assert.equal(await refusal(res, 401), "verification failed: trailing data after the signature");
      assert.equal(await stored(id), false);
    });
  });
}
