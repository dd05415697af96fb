/**
 * What `scs check` prints: the reference's console report (spec: certificate-scopes.md §4.4),
 * then a short coloured summary per version and what to fix first.
 */
import { createColors } from "picocolors";
import {
  type Buckets,
  consoleVerdict,
  type Invocation,
  type Result,
  type Scope,
  type ScopeVersion,
  type VersionStanding,
  versionBuckets,
} from "../standards/scope/index.ts";

export interface ConsoleInput {
  readonly scope: Scope;
  readonly subject: string;
  readonly versions: readonly ScopeVersion[];
  readonly standings: readonly VersionStanding[];
  readonly results: ReadonlyMap<string, Result>;
  readonly sections?: readonly string[];
  readonly tests?: string;
  readonly verbose: boolean;
}

/** The reference's report, word for word. */
export function referenceConsole(input: ConsoleInput): string {
  const lines: string[] = [];
  const filtered = input.sections !== undefined || input.tests !== undefined;
  let head = `${input.subject} ${input.scope.name}`;
  if (input.sections !== undefined) head += ` [sections: ${input.sections.join(", ")}]`;
  if (input.tests !== undefined) head += ` [tests: '${input.tests}']`;
  for (const version of input.versions) {
    lines.push(`${head} ${version.name}:`);
    for (const [target, b] of versionBuckets(version, input.results)) {
      lines.push(`- ${target}: ${consoleVerdict(b)} (${counts(b)})`);
      const categories: Array<[string, readonly string[]]> = [
        ["FAILED", b.failed],
        ["ABORTED", b.aborted],
        ["MISSING", filtered ? [] : b.missing],
        ["PASSED", input.verbose ? b.passed : []],
      ];
      for (const [name, ids] of categories) {
        if (ids.length === 0) continue;
        lines.push(`  - ${name}:`);
        for (const id of [...ids].sort()) {
          lines.push(`    - ${id}:`);
          const spec = input.scope.testcases.get(id);
          if (spec?.description !== undefined) lines.push(`      > ${spec.description.trim()}`);
          if (spec?.url !== undefined) lines.push(`      > ${spec.url}`);
        }
      }
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

function counts(b: Buckets): string {
  let text = `${b.passed.length} passed`;
  if (b.failed.length > 0) text += `, ${b.failed.length} failed`;
  if (b.aborted.length > 0) text += `, ${b.aborted.length} aborted`;
  if (b.missing.length > 0) text += `, ${b.missing.length} missing`;
  return text;
}

export interface SummaryInput extends ConsoleInput {
  readonly referenceDate: string;
  /** Log lines (`LEVEL: message`) per testcase id. */
  readonly logs: ReadonlyMap<string, readonly string[]>;
  readonly color: boolean;
  /** Where the report went, if anywhere. */
  readonly written?: string;
  readonly runUuid: string;
  readonly exitStatus: number;
  /** `CRITICAL:` lines of the invocations (a refused pre-flight): shown before anything else to fix. */
  readonly critical: readonly string[];
}

const FIX_FIRST_LIMIT = 10;

/** Per version one line, then the failed and aborted testcases with their log lines. */
export function summary(input: SummaryInput): string {
  const c = createColors(input.color);
  const out: string[] = [
    c.bold(`Summary: ${input.subject} against ${input.scope.name} (reference date ${input.referenceDate})`),
  ];
  const width = Math.max(...input.versions.map((v) => v.name.length), 4);
  const attention = new Map<string, "FAIL" | "ABORT">();
  for (const version of input.versions) {
    const validity = input.standings.find((s) => s.version.name === version.name)?.validity ?? "deprecated";
    const main = versionBuckets(version, input.results).get("main") ?? {
      passed: [],
      failed: [],
      aborted: [],
      missing: [],
    };
    const verdict = consoleVerdict(main);
    const paint = verdict === "PASS" ? c.green : verdict === "FAIL" ? c.red : c.yellow;
    const mark = verdict === "PASS" ? "✔" : verdict === "FAIL" ? "✘" : "?";
    out.push(
      `  ${paint(mark)} ${version.name.padEnd(width)}  ${validity.padEnd(10)}  ${paint(verdict.padEnd(14))}  ${counts(main)}`,
    );
    for (const id of main.failed) attention.set(id, "FAIL");
    for (const id of main.aborted) if (!attention.has(id)) attention.set(id, "ABORT");
  }
  const fix = [...attention].sort(([a, va], [b, vb]) =>
    va === vb ? (a < b ? -1 : 1) : va === "FAIL" ? -1 : 1,
  );
  if (fix.length > 0 || input.critical.length > 0) {
    out.push(c.bold("Fix first:"));
    for (const line of input.critical) out.push(`  ${c.red("✘")} ${line}`);
    for (const [id, verdict] of fix.slice(0, FIX_FIRST_LIMIT)) {
      out.push(`  ${verdict === "FAIL" ? c.red("✘") : c.yellow("!")} ${id} (${verdict})`);
      for (const line of input.logs.get(id) ?? []) out.push(c.dim(`      ${line}`));
    }
    if (fix.length > FIX_FIRST_LIMIT)
      out.push(`  … and ${fix.length - FIX_FIRST_LIMIT} more (see the report)`);
  }
  if (input.written) out.push(`Report ${input.runUuid} written to ${input.written}`);
  else out.push(`Report ${input.runUuid} not written (use -o report.yaml)`);
  out.push(
    `Exit status ${input.exitStatus}${input.exitStatus === 0 ? "" : " (critical + error lines + failed testcases)"}`,
  );
  return `${out.join("\n")}\n`;
}

/** The scripts' output echoed like the reference: stdout with -v; stderr with -v or when rc ≠ 0. */
export function echoInvocations(invocations: readonly Invocation[], verbose: boolean): string {
  const parts: string[] = [];
  for (const inv of invocations) {
    if (verbose) parts.push(...inv.stdout);
    if (verbose || inv.rc !== 0) parts.push(...inv.stderr);
  }
  return parts.length > 0 ? `${parts.join("\n")}\n` : "";
}
