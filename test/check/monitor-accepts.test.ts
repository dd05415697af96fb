/** The monitor reads the reports `scs check` writes: YAML (and a stream of several) and JSON. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { check } from "../../src/check/command.ts";
import { loadScopeFile } from "../../src/check/scope-file.ts";
import { parseReportDocuments, toNewReport } from "../../src/monitor/reports/report-document.ts";
import { isoDate, selectRun } from "../../src/standards/scope/index.ts";
import type { Testcase } from "../../src/testcases/testcase.ts";

const dir = mkdtempSync(join(tmpdir(), "scs-check-monitor-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const verdicts = ["PASS", "FAIL", "ABORT"] as const;
// Every IaaS testcase of v5.1 and next with a made-up verdict, so that all three values occur.
const registry = {
  has: () => true,
  get: (id: string): Testcase<undefined> => ({
    id,
    run: async () => ({
      verdict: verdicts[id.length % 3]!,
      log: [{ level: "error" as const, message: `${id}: 'quoted' & <odd>: yes` }],
    }),
  }),
} as unknown as ReadonlyMap<string, Testcase<undefined>>;

async function write(output: string): Promise<string> {
  await check(
    {
      subject: "on",
      argv: ["-s", "on", "-d", "2026-07-01"],
      assign: ["os_cloud=yes"],
      date: "2026-07-01",
      output,
      quiet: true,
    },
    {
      registry,
      openSource: async () => ({ facts: undefined, live: true, origin: "fake" }),
      stdout: () => {},
      stderr: () => {},
      runner: "scs test",
    },
  );
  return readFileSync(output, "utf8");
}

describe("reports of scs check as the monitor reads them", () => {
  it("YAML: one document, subject, uuid, checked_at and every result", async () => {
    const text = await write(join(dir, "r.yaml"));
    const { docs, texts } = parseReportDocuments(Buffer.from(text), "yaml");
    assert.equal(docs.length, 1);
    const row = toNewReport(docs[0], texts[0]!, 0);
    assert.equal(row.subject, "on", "a YAML 1.1 word stays a string");
    assert.match(row.checkedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const selected = selectRun(loadScopeFile(undefined).scope, { date: isoDate("2026-07-01")! });
    assert.ok(selected.ok);
    assert.equal(row.results.length, selected.value.invocations[0]!.testcaseIds.length);
    assert.deepEqual(new Set(row.results.map((r) => r.result)), new Set([1, -1, 0]));
    assert.ok(
      row.results.every((r) => r.version === "*" && r.scopeuuid === "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f"),
    );
  });

  it("YAML: two reports concatenated byte-wise are two documents (the runner's upload)", async () => {
    const a = await write(join(dir, "a.yaml"));
    const b = await write(join(dir, "b.yaml"));
    const { docs, texts } = parseReportDocuments(Buffer.from(a + b), "yaml");
    assert.equal(docs.length, 2);
    const uuids = docs.map((d, i) => toNewReport(d, texts[i]!, i).reportuuid);
    assert.notEqual(uuids[0], uuids[1]);
  });

  it("JSON: the same rows", async () => {
    const yaml = await write(join(dir, "same.yaml"));
    const fromYaml = parseReportDocuments(Buffer.from(yaml), "yaml");
    const json = JSON.stringify(fromYaml.docs[0]);
    writeFileSync(join(dir, "same.json"), json);
    const fromJson = parseReportDocuments(Buffer.from(json), "json");
    const rows = (p: typeof fromYaml) => toNewReport(p.docs[0], p.texts[0]!, 0).results;
    assert.deepEqual(rows(fromJson), rows(fromYaml));
  });
});
