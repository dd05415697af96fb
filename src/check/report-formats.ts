/**
 * Report serialisations: YAML exactly as the reference writes it (for the monitor), JSON, and
 * JUnit XML for any CI.
 */
import { Document } from "yaml";
import type { Buckets, Report, Scope, ScopeVersion, VersionStanding } from "../standards/scope/index.ts";
import { resultsOf, versionBuckets } from "../standards/scope/index.ts";

export type ReportFormat = "yaml" | "json" | "junit";
export const REPORT_FORMATS: readonly ReportFormat[] = ["yaml", "json", "junit"];

/** A value written as a plain YAML 1.1 timestamp (`checked_at`, `reference_date`), like PyYAML does. */
class Timestamp {
  constructor(readonly text: string) {}
}

const timestampTag = {
  identify: (v: unknown) => v instanceof Timestamp,
  tag: "tag:yaml.org,2002:timestamp",
  default: true,
  resolve: (s: string) => s,
  stringify: ({ value }: { value: unknown }) => (value as Timestamp).text,
};

/**
 * `---`, keys in the reference's order, block style, sequences not indented. YAML 1.1 quoting, so
 * that strings like `2025-10-01`, `yes` or `on` stay strings for a YAML 1.1 reader (PyYAML).
 */
export function reportToYaml(report: Report): string {
  const data = {
    ...report,
    checked_at: new Timestamp(report.checked_at),
    reference_date: new Timestamp(report.reference_date),
  };
  const doc = new Document(data, { version: "1.1", customTags: [timestampTag] });
  return doc.toString({ directives: true, indentSeq: false, singleQuote: true, lineWidth: 100 });
}

export function reportToJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const xml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // characters XML 1.0 cannot carry
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, "\uFFFD");

export interface JunitInput {
  readonly report: Report;
  readonly scope: Scope;
  readonly standings: readonly VersionStanding[];
  readonly versions: readonly ScopeVersion[];
  /** Log lines per testcase id (`LEVEL: message`). */
  readonly logs: ReadonlyMap<string, readonly string[]>;
}

/**
 * One `<testsuite>` per selected version, one `<testcase>` per testcase of its targets:
 * FAIL → `<failure>`, ABORT → `<error>`, missing → `<skipped>`, with the log lines as text.
 */
export function reportToJunit(input: JunitInput): string {
  const results = resultsOf(input.report);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const version of input.versions) {
    const validity = input.standings.find((s) => s.version.name === version.name)?.validity ?? "deprecated";
    const cases: string[] = [];
    let counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const [target, b] of versionBuckets(version, results)) {
      counts = add(counts, b);
      for (const id of [...b.failed, ...b.aborted, ...b.missing, ...b.passed].sort()) {
        const log = xml((input.logs.get(id) ?? []).join("\n"));
        const head = `    <testcase classname="${xml(`${input.scope.name}.${version.name}.${target}`)}" name="${xml(id)}">`;
        if (b.failed.includes(id))
          cases.push(`${head}\n      <failure message="FAIL">${log}</failure>\n    </testcase>`);
        else if (b.aborted.includes(id))
          cases.push(
            `${head}\n      <error message="ABORT (did not finish)">${log}</error>\n    </testcase>`,
          );
        else if (b.missing.includes(id))
          cases.push(`${head}\n      <skipped message="missing: no result"/>\n    </testcase>`);
        else cases.push(`${head}</testcase>`);
      }
    }
    tests += counts.tests;
    failures += counts.failures;
    errors += counts.errors;
    skipped += counts.skipped;
    suites.push(
      `  <testsuite name="${xml(`${input.scope.name} ${version.name} (${validity})`)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" timestamp="${xml(input.report.checked_at.replace(" ", "T"))}">\n` +
        `    <properties>\n      <property name="subject" value="${xml(input.report.subject)}"/>\n      <property name="report" value="${xml(input.report.run.uuid)}"/>\n    </properties>\n` +
        (cases.length > 0 ? `${cases.join("\n")}\n` : "") +
        "  </testsuite>",
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xml(`scs check ${input.report.subject}`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n` +
    (suites.length > 0 ? `${suites.join("\n")}\n` : "") +
    "</testsuites>\n"
  );
}

function add(c: { tests: number; failures: number; errors: number; skipped: number }, b: Buckets) {
  return {
    tests: c.tests + b.passed.length + b.failed.length + b.aborted.length + b.missing.length,
    failures: c.failures + b.failed.length,
    errors: c.errors + b.aborted.length,
    skipped: c.skipped + b.missing.length,
  };
}
