/**
 * What an upload's signed data may hold, judged before anything is stored: documents that parse, no
 * deeper than MAX_DEPTH, at most MAX_RESULTS results each, a real checked_at no later than a day
 * after the monitor's "now". Pure and synchronous; upload-off-thread.ts runs it in a worker for
 * large bodies, so parsing never blocks the other requests.
 */
import { localMoment, localTimestamp } from "../../standards/timestamp.ts";
import type { NewReport } from "../db/store.ts";
import {
  BadReportError,
  documentSubject,
  parseReportDocuments,
  type ReportFormat,
  toNewReport,
} from "./report-document.ts";

/** Nesting of arrays and mappings; a report needs 6, its free-form fields a few more. */
export const MAX_DEPTH = 64;
/** Results per report document; a report of the SCS scopes has about a hundred. */
export const MAX_RESULTS = 5_000;
/** How far past the monitor's "now" a checked_at may lie (clocks of clouds are not all right). */
export const FUTURE_SLACK_MS = 86_400_000;

/**
 * The subjects of the documents read before any problem (authorisation is checked on them first, as
 * the reference does), and either the reports to store or the one-line problem (HTTP 400).
 */
export interface ParsedUpload {
  subjects: string[];
  reports: NewReport[];
  problem?: string;
}

/** Reads the signed data of an upload; `now` is the monitor's clock as a stored timestamp. */
export function parseUpload(data: Buffer, format: ReportFormat, now: string): ParsedUpload {
  const subjects: string[] = [];
  try {
    // Exact for JSON; for YAML only a guard (brackets in plain scalars count too).
    if (flowDepth(data) > (format === "json" ? MAX_DEPTH : YAML_FLOW_GUARD)) throw tooDeep();
    const { docs, texts } = parseReportDocuments(data, format);
    for (const [i, doc] of docs.entries()) {
      if (depthOf(doc) > MAX_DEPTH) throw tooDeep(i);
      subjects.push(documentSubject(doc, i));
    }
    const latest = localTimestamp(new Date(localMoment(now).getTime() + FUTURE_SLACK_MS));
    const reports = docs.map((doc, i) => {
      const report = toNewReport(doc, texts[i]!, i);
      if (report.results.length > MAX_RESULTS) {
        throw new BadReportError(
          `report document ${i + 1} has ${report.results.length} results; the limit is ${MAX_RESULTS} per report`,
        );
      }
      if (report.checkedAt > latest) {
        throw new BadReportError(
          `report document ${i + 1}: checked_at ${report.checkedAt} is more than a day after the monitor's time ${now.slice(0, 19)}; check the clock of the machine that ran the check`,
        );
      }
      return report;
    });
    return { subjects, reports };
  } catch (err) {
    if (err instanceof BadReportError) return { subjects, reports: [], problem: err.message };
    throw err;
  }
}

const tooDeep = (index?: number) =>
  new BadReportError(
    `${index === undefined ? "report" : `report document ${index + 1}`} is nested deeper than ${MAX_DEPTH} levels (the limit)`,
  );

const YAML_FLOW_GUARD = 1_000;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * The deepest nesting of `[`/`{` outside double-quoted strings, in one pass over the bytes: exact for
 * JSON, an upper bound for YAML's flow collections. Refuses a 100,000-deep array before a parser
 * spends seconds (or its stack) on it.
 */
export function flowDepth(data: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (quoted) {
      if (b === 0x5c)
        i++; // backslash escapes the next byte
      else if (b === 0x22) quoted = false;
    } else if (b === 0x22) quoted = true;
    else if (OPEN.has(b)) {
      if (++depth > deepest) deepest = depth;
    } else if (CLOSE.has(b) && depth > 0) depth--;
  }
  return deepest;
}

/** The nesting depth of a parsed value (a scalar is 0), without recursion. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return deepest;
}
