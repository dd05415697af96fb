import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import {
  isoDate,
  parseReport,
  parseScope,
  type Report,
  selectRun,
  standings,
} from "../standards/scope/index.ts";
import { buildReport, naiveTimestamp } from "./report.ts";
import { reportToJson, reportToJunit, reportToYaml } from "./report-formats.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/check/${name}`, import.meta.url), "utf8");
const sampleText = fixture("report-example.yaml");
const iaasParsed = parseScope(
  readFileSync(new URL("../../data/scs-compatible-iaas.yaml", import.meta.url), "utf8"),
);
assert.ok(iaasParsed.ok);
const iaas = iaasParsed.value;

/** The shape of a value: key order and the types of leaves; maps keyed by uuid or testcase id collapse. */
function shape(value: unknown, collapse = false): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (collapse) return entries.length === 0 ? {} : { "*": shape(entries[0]![1]) };
    return Object.fromEntries(
      entries.map(([k, v]) => [k, shape(v, k === "invocations" || k === "results" || k === "assignment")]),
    );
  }
  return value === null ? "null" : typeof value;
}

function ourReport(): Report {
  const sample = parseReport(sampleText);
  assert.ok(sample.ok);
  const inv = Object.values(sample.value.run.invocations)[0]!;
  return buildReport({
    scope: iaas,
    subject: "example-cloud",
    referenceDate: isoDate("2025-10-01")!,
    argv: [
      "-q",
      "-s",
      "example-cloud",
      "-a",
      "os_cloud=example-cloud",
      "-d",
      "2025-10-01",
      "-o",
      "report.yaml",
    ],
    given: new Map([["os_cloud", "example-cloud"]]),
    invocations: [{ ...inv, id: "2b1e4c9e-0000-4000-8000-000000000001" }],
    checkedAt: "2026-11-21 05:34:25.047475",
    runUuid: "fa07165e-1dc6-44f8-8d86-d22376328c51",
  });
}

describe("the YAML report", () => {
  it("has exactly the shape and key order of the reference's sample", () => {
    const ours = parse(reportToYaml(ourReport()), { version: "1.1" }) as unknown;
    const theirs = parse(sampleText, { version: "1.1" }) as unknown;
    assert.deepEqual(JSON.stringify(shape(ours)), JSON.stringify(shape(theirs)));
  });

  it("starts with ---, writes timestamps plain and keeps date-like strings strings for YAML 1.1", () => {
    const text = reportToYaml(ourReport());
    assert.ok(text.startsWith("---\nspec:\n"));
    assert.match(text, /^checked_at: 2026-11-21 05:34:25\.047475$/m);
    assert.match(text, /^reference_date: 2025-10-01$/m);
    assert.match(text, /^ {2}- '2025-10-01'$/m);
    assert.match(text, /^ {2}sections: null$/m);
    const back = parse(text, { version: "1.1" }) as { checked_at: unknown; run: { argv: unknown[] } };
    assert.ok(back.checked_at instanceof Date, "a YAML 1.1 reader sees a timestamp");
    assert.equal(back.run.argv[6], "2025-10-01");
  });

  it("round-trips through parseReport", () => {
    const report = ourReport();
    const again = parseReport(reportToYaml(report));
    assert.ok(again.ok, again.ok ? "" : JSON.stringify(again.issues));
    assert.deepEqual(again.value, report);
    const fromJson = parseReport(reportToJson(report));
    assert.ok(fromJson.ok);
    assert.deepEqual(fromJson.value, report);
  });

  it("quotes strings YAML 1.1 would read as something else", () => {
    const report = { ...ourReport(), subject: "yes" };
    const text = reportToYaml({
      ...report,
      run: { ...report.run, argv: ["on", "0x10", "1e3", "~", "null"] },
    });
    const back = parse(text, { version: "1.1" }) as { subject: unknown; run: { argv: unknown[] } };
    assert.equal(back.subject, "yes");
    assert.deepEqual(back.run.argv, ["on", "0x10", "1e3", "~", "null"]);
  });
});

describe("the JUnit report", () => {
  it("has one suite per version with failures, errors and skipped testcases", () => {
    const selected = selectRun(iaas, { date: isoDate("2025-10-01")! });
    assert.ok(selected.ok);
    const xml = reportToJunit({
      report: ourReport(),
      scope: iaas,
      standings: standings(iaas, isoDate("2025-10-01")!),
      versions: selected.value.versions,
      logs: new Map([
        [
          "scs-0102-prop-architecture",
          ["ERROR: property architecture not correct for image(s): <Ubuntu & 24.04>"],
        ],
      ]),
    });
    assert.ok(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scs check example-cloud"'),
    );
    const suites = [
      ...xml.matchAll(
        /<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g,
      ),
    ].map((m) => m.slice(1).join(" "));
    assert.deepEqual(suites, [
      "SCS-compatible IaaS next (draft) 55 1 1 0",
      "SCS-compatible IaaS v5.1 (effective) 54 1 1 0",
      "SCS-compatible IaaS v4 (deprecated) 39 1 0 0",
      "SCS-compatible IaaS v3 (deprecated) 16 1 0 0",
    ]);
    assert.match(
      xml,
      /<failure message="FAIL">ERROR: property architecture not correct for image\(s\): &lt;Ubuntu &amp; 24\.04&gt;<\/failure>/,
    );
    assert.match(xml, /name="scs-0117-test-backup">\n\s+<error message="ABORT \(did not finish\)">/);
  });

  it("marks testcases without result as skipped", () => {
    const report = ourReport();
    const empty = { ...report, run: { ...report.run, invocations: {} } };
    const xml = reportToJunit({
      report: empty,
      scope: iaas,
      standings: [],
      versions: [iaas.versions[3]!],
      logs: new Map(),
    });
    assert.match(
      xml,
      /<testsuite name="SCS-compatible IaaS v3 \(deprecated\)" tests="16" failures="0" errors="0" skipped="16"/,
    );
  });
});

describe("naiveTimestamp", () => {
  it("prints local time with microseconds", () => {
    const t = naiveTimestamp(
      Date.UTC(2026, 10, 21, 5, 26, 3) + 929.597 - new Date(2026, 10, 21).getTimezoneOffset() * 60_000,
    );
    assert.match(t, /^2026-11-21 05:26:03\.92959[67]$/);
  });
});
