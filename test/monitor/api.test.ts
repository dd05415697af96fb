import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { requirePart } from "../support/require.ts";
import {
  ADMIN,
  basic,
  CLOUD,
  DIALECTS,
  fixture,
  fixtureBytes,
  postgresAvailable,
  ROBOT,
  reportYaml,
  SshKey,
  sshKeygenAvailable,
  startMonitor,
} from "./harness.ts";

const SAMPLE_UUID = "fa07165e-1dc6-44f8-8d86-d22376328c51";
const YAML = "application/x-signed-yaml";
const JSON_TYPE = "application/x-signed-json";

for (const dialect of DIALECTS) {
  describe(`monitor API on ${dialect}`, () => {
    let h: Awaited<ReturnType<typeof startMonitor>> | undefined;
    let key: SshKey | undefined;
    let otherKey: SshKey | undefined;
    let available = true;

    before(async () => {
      available = (dialect === "sqlite" || (await postgresAvailable())) && sshKeygenAvailable;
      if (!available) return;
      key = new SshKey("ed25519");
      otherKey = new SshKey("ecdsa");
      // The example bootstrap plus accounts whose private keys the test holds.
      const hash = bcrypt.hashSync("signer-secret", 4);
      const extra = `
  - subject: signer
    api_keys: ["${hash}"]
    keys:
      - {public_key: "${key.publicKey.blob}", public_key_type: "${key.publicKey.type}", public_key_name: primary}
  - subject: signer-2
    api_keys: ["${hash}"]
    keys:
      - {public_key: "${otherKey.publicKey.blob}", public_key_type: "${otherKey.publicKey.type}", public_key_name: primary}
  - subject: bot
    roles: [append_any]
    api_keys: ["${hash}"]
    keys:
      - {public_key: "${key.publicKey.blob}", public_key_type: "${key.publicKey.type}", public_key_name: primary}
  - subject: delegating
    delegates: [bot]
`;
      const path = join(key.dir, "bootstrap.yaml");
      writeFileSync(path, fixtureBytes("bootstrap-example.yaml").toString() + extra);
      h = await startMonitor(dialect, { bootstrapPath: path });
    });
    after(async () => {
      await h?.dispose();
      key?.dispose();
      otherKey?.dispose();
    });

    const post = (body: Buffer | string, auth: string | undefined, type = YAML) =>
      h!.app.request("/reports", {
        method: "POST",
        body,
        headers: { "content-type": type, ...(auth ? { authorization: auth } : {}) },
      });
    const SIGNER = basic("signer", "signer-secret");
    const BOT = basic("bot", "signer-secret");

    it("accepts the sample upload from the subject and answers 409 to the same report again", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const res = await post(fixtureBytes("report-example.body"), CLOUD);
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(await res.text(), "null");
      const again = await post(fixtureBytes("report-example.body"), ROBOT);
      assert.equal(again.status, 409);
      assert.deepEqual(await again.json(), { detail: "Conflict: report already present" });
    });

    it("serves the stored report to its subject and to read_any, not to others", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const own = await h!.app.request(`/reports/${SAMPLE_UUID}`, { headers: { authorization: CLOUD } });
      assert.equal(own.status, 200);
      const text = await own.text();
      assert.match(text, /^\{\n {2}"spec": \{/);
      const doc = JSON.parse(text);
      assert.equal(doc.subject, "example-cloud");
      assert.equal(doc.checked_at, "2026-11-21 05:34:25.047475");
      assert.equal(doc.reference_date, "2025-10-01");
      const admin = await h!.app.request(`/reports/${SAMPLE_UUID}`, { headers: { authorization: ADMIN } });
      assert.equal(admin.status, 200);
      const other = await h!.app.request(`/reports/${SAMPLE_UUID}`, { headers: { authorization: SIGNER } });
      assert.equal(other.status, 401);
      assert.deepEqual(await other.json(), { detail: "Permission denied" });
      const missing = await h!.app.request("/reports/00000000-0000-0000-0000-000000000000", {
        headers: { authorization: ADMIN },
      });
      assert.equal(missing.status, 404);
    });

    it("lists own reports, a subject's with read_any, all with an empty subject", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const own = await h!.app.request("/reports", { headers: { authorization: CLOUD } });
      assert.equal(own.status, 200);
      const list = (await own.json()) as { run: { uuid: string } }[];
      assert.deepEqual(
        list.map((r) => r.run.uuid),
        [SAMPLE_UUID],
      );
      const forbidden = await h!.app.request("/reports?subject=example-cloud", {
        headers: { authorization: SIGNER },
      });
      assert.equal(forbidden.status, 401);
      const all = await h!.app.request("/reports?subject=", { headers: { authorization: ADMIN } });
      assert.equal(all.status, 200);
      assert.ok(((await all.json()) as unknown[]).length >= 1);
      const bad = await h!.app.request("/reports?limit=ten", { headers: { authorization: CLOUD } });
      assert.equal(bad.status, 422);
      const body = (await bad.json()) as { detail: { loc: string[] }[] };
      assert.deepEqual(body.detail[0]!.loc, ["query", "limit"]);
    });

    it("accepts a report signed with ssh-keygen -Y sign, by the subject and by a delegate", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const own = reportYaml({ subject: "signer", uuid: "11111111-0000-4000-8000-000000000001" });
      assert.equal((await post(key!.body(own), SIGNER)).status, 200);
      const delegated = reportYaml({ subject: "delegating", uuid: "11111111-0000-4000-8000-000000000002" });
      assert.equal((await post(key!.body(delegated), BOT)).status, 200);
      // An ECDSA key works just as well.
      const ecdsa = reportYaml({ subject: "signer-2", uuid: "11111111-0000-4000-8000-000000000003" });
      const res = await post(otherKey!.body(ecdsa), basic("signer-2", "signer-secret"));
      assert.equal(res.status, 200, await res.clone().text());
    });

    it("stores several documents of one YAML upload together, or none of them", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const two =
        reportYaml({ subject: "delegating", uuid: "22222222-0000-4000-8000-000000000001" }) +
        reportYaml({ subject: "delegating", uuid: "22222222-0000-4000-8000-000000000002" });
      assert.equal((await post(key!.body(two), BOT)).status, 200);
      const clash =
        reportYaml({ subject: "delegating", uuid: "22222222-0000-4000-8000-000000000003" }) +
        reportYaml({ subject: "delegating", uuid: "22222222-0000-4000-8000-000000000001" });
      assert.equal((await post(key!.body(clash), BOT)).status, 409);
      const got = await h!.app.request("/reports/22222222-0000-4000-8000-000000000003", {
        headers: { authorization: ADMIN },
      });
      assert.equal(got.status, 404, "the first document of a refused upload must not be stored");
    });

    it("accepts a JSON report and says so for an empty YAML stream", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const yaml = reportYaml({ subject: "signer", uuid: "33333333-0000-4000-8000-000000000001" });
      const { parse } = await import("yaml");
      const json = JSON.stringify(parse(yaml));
      assert.equal((await post(key!.body(json), SIGNER, JSON_TYPE)).status, 200);
      const empty = await post(key!.body(""), SIGNER);
      assert.equal(empty.status, 200);
      assert.deepEqual(await empty.json(), { detail: "empty reports" });
    });

    const refusals: [string, () => Response | Promise<Response>, number, RegExp][] = [
      [
        "a tampered report",
        () => {
          const body = key!.body(
            reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000001" }),
          );
          return post(
            Buffer.from(
              body.toString().replace("scs-0100-semantics-check: -1", "scs-0100-semantics-check: 1"),
            ),
            SIGNER,
          );
        },
        401,
        /verification failed: signature does not match/,
      ],
      [
        "a wrong namespace",
        () =>
          post(
            key!.body(
              reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000002" }),
              "file",
            ),
            SIGNER,
          ),
        401,
        /verification failed: namespace is "file", expected "report"/,
      ],
      [
        "a key the account does not have",
        () =>
          post(
            otherKey!.body(reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000003" })),
            SIGNER,
          ),
        401,
        /verification failed: signed by a key that is not registered/,
      ],
      [
        "a report for another subject",
        () =>
          post(
            key!.body(reportYaml({ subject: "example-cloud", uuid: "44444444-0000-4000-8000-000000000004" })),
            SIGNER,
          ),
        401,
        /Permission denied/,
      ],
      [
        "an append_any account posting for a subject that did not delegate to it",
        () =>
          post(
            key!.body(reportYaml({ subject: "signer-2", uuid: "44444444-0000-4000-8000-000000000005" })),
            BOT,
          ),
        401,
        /delegation problem\?/,
      ],
      [
        "missing credentials",
        () =>
          post(
            key!.body(reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000006" })),
            undefined,
          ),
        401,
        /Not authenticated/,
      ],
      [
        "a wrong password",
        () =>
          post(
            key!.body(reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000007" })),
            basic("signer", "wrong"),
          ),
        401,
        /Incorrect username or password/,
      ],
      [
        "an unsigned body",
        () => post(reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000008" }), SIGNER),
        401,
        /missing signature/,
      ],
      [
        "a wrong content type",
        () =>
          post(
            key!.body(reportYaml({ subject: "signer", uuid: "44444444-0000-4000-8000-000000000009" })),
            SIGNER,
            "application/x-signed-yaml; charset=utf-8",
          ),
        415,
        /Unsupported Media Type/,
      ],
      ["malformed YAML", () => post(key!.body("subject: [unclosed\n"), SIGNER), 400, /not valid YAML/],
      ["malformed JSON", () => post(key!.body('{"subject": '), SIGNER, JSON_TYPE), 400, /not valid JSON/],
      [
        "a report without run.uuid",
        () => post(key!.body("subject: signer\nchecked_at: 2026-11-20 10:00:00\n"), SIGNER),
        400,
        /has no run.uuid/,
      ],
      [
        "a YAML bomb",
        () => {
          const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
          for (let i = 1; i < 12; i++)
            lines.push(
              `a${i}: &a${i} [${Array(10)
                .fill(`*a${i - 1}`)
                .join(", ")}]`,
            );
          lines.push("subject: signer");
          return post(key!.body(lines.join("\n")), SIGNER);
        },
        400,
        /refused: .*alias/i,
      ],
      ["a 50 MB body", () => post(Buffer.alloc(50 * 1024 * 1024, 0x61), SIGNER), 413, /too large/],
    ];
    for (const [what, send, status, detail] of refusals) {
      it(`refuses ${what} with ${status} and a clear message`, async (t) => {
        if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
        const res = await send();
        assert.equal(res.status, status);
        const body = (await res.json()) as { detail: string };
        assert.match(body.detail, detail);
        assert.doesNotMatch(JSON.stringify(body), /secret/);
      });
    }

    it("is still serving after every refusal", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const res = await h!.app.request("/healthz");
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "");
    });

    it("lists recent results for read_any and lets an approver flip approval", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const denied = await h!.app.request("/results", { headers: { authorization: SIGNER } });
      assert.equal(denied.status, 401);
      const res = await h!.app.request("/results?approved=0&limit=1000", {
        headers: { authorization: ADMIN },
      });
      assert.equal(res.status, 200);
      const rows = (await res.json()) as Record<string, unknown>[];
      const fail = rows.find(
        (r) => r["reportuuid"] === SAMPLE_UUID && r["check"] === "scs-0102-prop-architecture",
      );
      assert.deepEqual(fail, {
        reportuuid: SAMPLE_UUID,
        subject: "example-cloud",
        checked_at: "2026-11-21T05:34:25.047475",
        scopeuuid: "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f",
        version: "*",
        check: "scs-0102-prop-architecture",
        result: -1,
        approval: false,
      });
      assert.ok(rows.every((r) => r["approval"] === false));
      const checkedAts = rows.map((r) => r["checked_at"] as string);
      assert.deepEqual(checkedAts, [...checkedAts].sort(), "oldest first");
      const record = {
        reportuuid: SAMPLE_UUID,
        scopeuuid: "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f",
        version: "*",
        check: "scs-0102-prop-architecture",
        approval: true,
      };
      const notApprover = await h!.app.request("/results", {
        method: "POST",
        body: JSON.stringify(record),
        headers: { authorization: CLOUD, "content-type": "application/json" },
      });
      assert.equal(notApprover.status, 401);
      const ok = await h!.app.request("/results", {
        method: "POST",
        body: JSON.stringify([record]),
        headers: { authorization: ADMIN, "content-type": "application/json" },
      });
      assert.equal(ok.status, 200);
      const approved = await h!.app.request("/results?approved=yes&limit=1000", {
        headers: { authorization: ADMIN },
      });
      const approvedRows = (await approved.json()) as Record<string, unknown>[];
      assert.ok(
        approvedRows.some((r) => r["check"] === "scs-0102-prop-architecture" && r["approval"] === true),
      );
      const unknown = await h!.app.request("/results", {
        method: "POST",
        body: JSON.stringify([
          { ...record, approval: false },
          { ...record, check: "no-such-testcase" },
        ]),
        headers: { authorization: ADMIN, "content-type": "application/json" },
      });
      assert.equal(unknown.status, 404);
      const still = await h!.app.request("/results?approved=1&limit=1000", {
        headers: { authorization: ADMIN },
      });
      assert.ok(
        ((await still.json()) as Record<string, unknown>[]).some(
          (r) => r["check"] === "scs-0102-prop-architecture",
        ),
        "a refused approval request changes nothing",
      );
      const wrongType = await h!.app.request("/results", {
        method: "POST",
        body: JSON.stringify(record),
        headers: { authorization: ADMIN, "content-type": "text/plain" },
      });
      assert.equal(wrongType.status, 415);
    });

    it("answers 401 with the reference headers", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const none = await h!.app.request("/reports");
      assert.equal(none.status, 401);
      assert.equal(none.headers.get("www-authenticate"), 'Basic realm="Compliance monitor"');
      const wrong = await h!.app.request("/reports", { headers: { authorization: basic("nobody", "x") } });
      assert.equal(wrong.headers.get("www-authenticate"), "Basic Compliance monitor");
      assert.deepEqual(await wrong.json(), { detail: "Incorrect username or password" });
      const noKeys = await h!.app.request("/reports", {
        headers: { authorization: basic("example-cloud-2", "") },
      });
      assert.equal(noKeys.status, 401);
    });

    it("evaluates subjects on /status like the reference", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const res = await h!.app.request("/status?subject=example-cloud", {
        headers: { accept: "application/json" },
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, Record<string, Record<string, unknown>>>;
      const e = body["example-cloud"]!["50393e6f-2ae1-4c5c-a62c-3b75f2abef3f"]!;
      assert.equal(e["result"], -1);
      assert.deepEqual(e["passed"], []);
      assert.deepEqual(e["relevant"], ["v5.1"]);
      assert.equal(e["validity"], "deprecated");
      assert.deepEqual((e["buckets"] as Record<string, string[]>)["-1"], ["scs-0102-prop-architecture"]);
      const results = e["results"] as Record<string, Record<string, unknown>>;
      assert.deepEqual(results["scs-0117-test-backup"], {
        result: 0,
        checked_at: "2026-11-21T05:34:25.047475",
        report: SAMPLE_UUID,
      });
      const html = await h!.app.request("/status", { headers: { accept: "text/html" } });
      assert.equal(html.status, 406);
      assert.deepEqual(await html.json(), { detail: "client needs to accept application/json" });
      const nobody = await h!.app.request("/status?subject=nobody", { headers: { accept: "*/*" } });
      assert.deepEqual(await nobody.json(), {});
      const all = (await (await h!.app.request("/status")).json()) as Record<string, unknown>;
      assert.ok("example-cloud" in all && "signer" in all);
    });

    it("serves the cached overall /status fresh after every upload", async (t) => {
      if (!requirePart(t, available, `${dialect} database and ssh-keygen`)) return;
      const before = (await (await h!.app.request("/status")).json()) as Record<string, unknown>;
      assert.ok(!("delegating-2" in before));
      const yaml = reportYaml({
        subject: "signer",
        uuid: "55555555-0000-4000-8000-000000000001",
        checkedAt: "2026-11-21 11:00:00",
        results: { "scs-0101-entropy-avail": -1 },
      });
      assert.equal((await post(key!.body(yaml), SIGNER)).status, 200);
      const after = (await (await h!.app.request("/status")).json()) as Record<
        string,
        Record<string, { results: Record<string, { result: number }> }>
      >;
      assert.equal(
        after["signer"]!["50393e6f-2ae1-4c5c-a62c-3b75f2abef3f"]!.results["scs-0101-entropy-avail"]!.result,
        -1,
      );
    });

    it("redirects / to the overview page", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const res = await h!.app.request("/");
      assert.equal(res.status, 307);
      assert.equal(res.headers.get("location"), "/page/table");
    });

    it("keeps the accounts in force when a reload meets a bad bootstrap file", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const bad = join(key!.dir, "bad-bootstrap.yaml");
      writeFileSync(bad, "accounts:\n  - subject: x\n    roles: [superuser]\n");
      const { Monitor } = await import("../../src/monitor/monitor.ts");
      const m2 = await Monitor.start({ store: h!.store });
      (m2.options as { bootstrapPath?: string }).bootstrapPath = bad;
      await assert.rejects(m2.reload(), /unknown role "superuser"/);
      assert.ok(m2.accounts.get("example-cloud"), "old accounts still in force");
      const res = await h!.app.request("/reports", { headers: { authorization: CLOUD } });
      assert.equal(res.status, 200);
    });
  });
}

void fixture;
