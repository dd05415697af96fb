import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { repoText, scopeOf } from "../../../test/check/support/scope.ts";
import { consoleVerdict } from "./algebra.ts";
import { parseReport, resultsOf, versionBuckets } from "./report.ts";

const sample = repoText("test/fixtures/check/report-example.yaml");

describe("parseReport", () => {
  it("reads the reference's sample report", () => {
    const parsed = parseReport(sample);
    assert.ok(parsed.ok, parsed.ok ? "" : JSON.stringify(parsed.issues));
    const report = parsed.value;
    assert.equal(report.subject, "example-cloud");
    assert.equal(report.reference_date, "2025-10-01");
    assert.equal(report.checked_at, "2026-11-21 05:34:25.047475");
    assert.equal(report.run.uuid, "fa07165e-1dc6-44f8-8d86-d22376328c51");
    assert.equal(report.run.argv[6], "2025-10-01");
    assert.equal(report.run.sections, null);
    const [inv] = Object.values(report.run.invocations);
    assert.equal(inv?.error, 1);
    assert.equal(inv?.results["scs-0117-test-backup"], 0);
    assert.equal(Object.keys(inv?.results ?? {}).length, 58);
  });

  it("evaluates the sample against the IaaS versions", () => {
    const parsed = parseReport(sample);
    assert.ok(parsed.ok);
    const scope = scopeOf(repoText("data/scs-compatible-iaas.yaml"));
    const results = resultsOf(parsed.value);
    const verdicts = scope.versions.map(
      (v) => `${v.name}:${consoleVerdict(versionBuckets(v, results).get("main")!)}`,
    );
    // every version includes scs-0102-prop-architecture, which failed in the sample
    assert.deepEqual(verdicts, ["next:FAIL", "v5.1:FAIL", "v4:FAIL", "v3:FAIL"]);
  });

  const broken: Array<[string, (s: string) => string, RegExp]> = [
    ["missing subject", (s) => s.replace("subject: example-cloud\n", ""), /lacks the required key subject/],
    [
      "bad result value",
      (s) => s.replace("scs-0117-test-backup: 0", "scs-0117-test-backup: 2"),
      /a result must be 1, 0 or -1/,
    ],
    [
      "bad reference date",
      (s) => s.replace("reference_date: 2025-10-01", "reference_date: soon"),
      /reference_date must be a date/,
    ],
    [
      "bad checked_at",
      (s) => s.replace("checked_at: 2026-11-21 05:34:25.047475", "checked_at: yesterday"),
      /checked_at must be a timestamp/,
    ],
    [
      "unknown key",
      (s) => s.replace("subject: example-cloud", "subject: example-cloud\nversions: {}"),
      /unknown keywords: versions/,
    ],
    ["counter not an integer", (s) => s.replace("error: 1", "error: one"), /error must be an integer/],
  ];
  for (const [what, edit, message] of broken) {
    it(`rejects: ${what}`, () => {
      const parsed = parseReport(edit(sample));
      assert.equal(parsed.ok, false);
      if (!parsed.ok)
        assert.ok(
          parsed.issues.some((i) => message.test(i.message)),
          JSON.stringify(parsed.issues),
        );
    });
  }
});
