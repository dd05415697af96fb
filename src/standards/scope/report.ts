/**
 * The report of a check, in exactly the shape of the reference's YAML report
 * (spec: certificate-scopes.md §4.6), and a validating reader for it.
 */
import { isScalar } from "yaml";
import { parseTimestamp } from "../timestamp.ts";
import { type Buckets, bucket, lookupIn, type Result } from "./algebra.ts";
import { isoDate } from "./date.ts";
import type { Parsed } from "./issues.ts";
import type { IsoDate, ScopeVersion } from "./types.ts";
import { type Yaml, YamlReader } from "./yaml-reader.ts";

/** One run of one script (for us: the in-process testcases of one scope script). */
export interface Invocation {
  readonly id: string;
  readonly cmd: string;
  /** Testcase id → result, only ids that produced a verdict. */
  readonly results: Readonly<Record<string, Result>>;
  readonly rc: number;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
  readonly info: number;
  readonly warning: number;
  readonly error: number;
  readonly critical: number;
}

export interface Report {
  readonly spec: { readonly uuid: string; readonly name: string; readonly url: string };
  /** Naive local wall-clock time with microseconds, `2026-11-21 05:26:03.929597`. */
  readonly checked_at: string;
  readonly reference_date: IsoDate;
  readonly subject: string;
  readonly run: {
    /** The report's identity (the monitor's `reportuuid`). */
    readonly uuid: string;
    readonly argv: readonly string[];
    /** Only the `-a` assignments, not the defaults. */
    readonly assignment: Readonly<Record<string, string>>;
    readonly sections: readonly string[] | null;
    readonly forced_version: string | null;
    readonly forced_tests: string | null;
    readonly invocations: Readonly<Record<string, Invocation>>;
  };
}

/** All results of a report, later invocations overriding earlier ones. */
export function resultsOf(report: Pick<Report, "run">): Map<string, Result> {
  const all = new Map<string, Result>();
  for (const inv of Object.values(report.run.invocations)) {
    for (const [id, r] of Object.entries(inv.results)) all.set(id, r);
  }
  return all;
}

/** Per target of a version, the buckets of its testcases under the given results. */
export function versionBuckets(
  version: ScopeVersion,
  results: ReadonlyMap<string, Result>,
): Map<string, Buckets> {
  const lookup = lookupIn(results);
  return new Map([...version.targets].map(([target, ids]) => [target, bucket(lookup, ids)] as const));
}

const COUNTERS = ["info", "warning", "error", "critical"] as const;

/** Reads a report document (YAML or JSON text) and checks its shape; issues name line and key. */
export function parseReport(text: string): Parsed<Report> {
  const r = new YamlReader(text);
  if (!r.ok) return { ok: false, issues: r.issues };
  const top = r.mapping(r.root, "", "the report", {
    allowed: ["spec", "checked_at", "reference_date", "subject", "run"],
    required: ["spec", "checked_at", "reference_date", "subject", "run"],
  });
  if (!top) return { ok: false, issues: r.sorted() };
  const specMap = r.mapping(top.get("spec")?.value, "spec", "spec", {
    allowed: ["uuid", "name", "url"],
    required: ["uuid", "name", "url"],
  });
  const spec = {
    uuid: specMap ? (r.optionalText(specMap, "uuid", "spec", "uuid") ?? "") : "",
    name: specMap ? (r.optionalText(specMap, "name", "spec", "name") ?? "") : "",
    url: specMap ? (r.optionalText(specMap, "url", "spec", "url") ?? "") : "",
  };
  const checkedAt = timestampText(r, top.get("checked_at")?.value);
  const dateNode = top.get("reference_date")?.value;
  const dateText = scalarText(dateNode);
  const referenceDate = dateText === undefined ? undefined : isoDate(dateText);
  if (dateNode !== undefined && referenceDate === undefined) {
    r.report(dateNode, "reference_date", "reference_date must be a date YYYY-MM-DD", "reference_date");
  }
  const subject = r.optionalText(top, "subject", "", "subject") ?? "";
  const run = readRun(r, top.get("run")?.value);
  if (!r.ok || !run || checkedAt === undefined || referenceDate === undefined) {
    return { ok: false, issues: r.sorted() };
  }
  return { ok: true, value: { spec, checked_at: checkedAt, reference_date: referenceDate, subject, run } };
}

function scalarText(node: Yaml): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v instanceof Date)
    return v
      .toISOString()
      .replace("T", " ")
      .replace(/Z$/, "")
      .replace(/ 00:00:00\.000$/, "");
  return typeof v === "string" ? v : undefined;
}

function timestampText(r: YamlReader, node: Yaml): string | undefined {
  const text = scalarText(node);
  if (text !== undefined && parseTimestamp(text) !== undefined) return text;
  if (node !== undefined)
    r.report(node, "checked_at", "checked_at must be a timestamp YYYY-MM-DD HH:MM:SS[.ffffff]", "checked_at");
  return undefined;
}

function nullableText(r: YamlReader, node: Yaml, path: string): string | null | undefined {
  if (isScalar(node) && node.value === null) return null;
  return r.text(node, path, path);
}

function readRun(r: YamlReader, node: Yaml): Report["run"] | undefined {
  const m = r.mapping(node, "run", "run", {
    allowed: ["uuid", "argv", "assignment", "sections", "forced_version", "forced_tests", "invocations"],
    required: ["uuid", "argv", "assignment", "sections", "forced_version", "forced_tests", "invocations"],
  });
  if (!m) return undefined;
  const uuid = r.optionalText(m, "uuid", "run", "run.uuid") ?? "";
  const argv = (r.sequence(m.get("argv")?.value, "run.argv", "run.argv") ?? []).map(
    (n, i) => r.text(n, `run.argv[${i}]`, "an argument") ?? "",
  );
  const assignment: Record<string, string> = {};
  for (const [k, v] of r.mapping(m.get("assignment")?.value, "run.assignment", "run.assignment") ?? []) {
    assignment[k] = r.text(v.value, `run.assignment.${k}`, `assignment ${k}`) ?? "";
  }
  const sectionsNode = m.get("sections")?.value;
  const sections =
    isScalar(sectionsNode) && sectionsNode.value === null
      ? null
      : (r.sequence(sectionsNode, "run.sections", "run.sections") ?? []).map(
          (n, i) => r.text(n, `run.sections[${i}]`, "a section") ?? "",
        );
  const invocations: Record<string, Invocation> = {};
  for (const [id, v] of r.mapping(m.get("invocations")?.value, "run.invocations", "run.invocations") ?? []) {
    const inv = readInvocation(r, v.value, `run.invocations.${id}`);
    if (inv) invocations[id] = inv;
  }
  return {
    uuid,
    argv,
    assignment,
    sections,
    forced_version: nullableText(r, m.get("forced_version")?.value, "run.forced_version") ?? null,
    forced_tests: nullableText(r, m.get("forced_tests")?.value, "run.forced_tests") ?? null,
    invocations,
  };
}

function readInvocation(r: YamlReader, node: Yaml, path: string): Invocation | undefined {
  const keys = ["id", "cmd", "results", "rc", "stdout", "stderr", ...COUNTERS];
  const m = r.mapping(node, path, "an invocation", { allowed: keys, required: keys });
  if (!m) return undefined;
  const int = (key: string): number => {
    const n = m.get(key)?.value;
    if (isScalar(n) && Number.isInteger(n.value)) return n.value as number;
    if (n !== undefined) r.report(n, `${path}.${key}`, `${key} must be an integer`, key);
    return 0;
  };
  const lines = (key: string): string[] =>
    (r.sequence(m.get(key)?.value, `${path}.${key}`, key) ?? []).map(
      (n, i) => r.text(n, `${path}.${key}[${i}]`, "a line") ?? "",
    );
  const results: Record<string, Result> = {};
  for (const [id, v] of r.mapping(m.get("results")?.value, `${path}.results`, "results") ?? []) {
    const value = isScalar(v.value) ? v.value.value : undefined;
    if (value === 1 || value === 0 || value === -1) results[id] = value;
    else r.report(v.value, `${path}.results.${id}`, "a result must be 1, 0 or -1", id);
  }
  return {
    id: r.optionalText(m, "id", path, "id") ?? "",
    cmd: r.optionalText(m, "cmd", path, "cmd") ?? "",
    results,
    rc: int("rc"),
    stdout: lines("stdout"),
    stderr: lines("stderr"),
    info: int("info"),
    warning: int("warning"),
    error: int("error"),
    critical: int("critical"),
  };
}
