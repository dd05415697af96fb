import { parseAllDocuments } from "yaml";
import { normaliseTimestamp } from "../../standards/timestamp.ts";
import type { NewReport, NewResult } from "../db/store.ts";

/** A client mistake in an uploaded report: HTTP 400 with this one-line message. */
export class BadReportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BadReportError";
  }
}

export type ReportFormat = "yaml" | "json";

// Aliases a YAML upload may use: enough for hand-written anchors, far too few for a "billion laughs".
const MAX_ALIASES = 100;

/** Decodes the report bytes into documents (several for YAML streams, exactly one for JSON). */
export function parseReportDocuments(
  data: Buffer,
  format: ReportFormat,
): { docs: unknown[]; texts: string[] } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch (err) {
    throw new BadReportError("report is not valid UTF-8", { cause: err });
  }
  if (format === "json") {
    try {
      return { docs: [JSON.parse(text)], texts: [text] };
    } catch (err) {
      throw new BadReportError(`report is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  // Duplicate keys: the last one wins, as with the reference's safe loader.
  const parsed = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(parsed)) return { docs: [], texts: [] }; // an empty stream
  const docs: unknown[] = [];
  for (const [i, doc] of parsed.entries()) {
    const error = doc.errors[0];
    if (error !== undefined) {
      throw new BadReportError(`report document ${i + 1} is not valid YAML: ${firstLine(error.message)}`, {
        cause: error,
      });
    }
    try {
      docs.push(doc.toJS({ maxAliasCount: MAX_ALIASES }));
    } catch (err) {
      throw new BadReportError(`report document ${i + 1} is refused: ${firstLine((err as Error).message)}`, {
        cause: err,
      });
    }
  }
  return { docs, texts: docs.map((d) => JSON.stringify(d)) };
}

/** The subject a document reports on (checked before anything else, for authorisation). */
export function documentSubject(doc: unknown, index: number): string {
  const subject = isMapping(doc) ? doc["subject"] : undefined;
  if (typeof subject !== "string" || subject === "") {
    throw new BadReportError(`report document ${index + 1} has no subject`);
  }
  return subject;
}

/** Turns a validated document into the rows to store. */
export function toNewReport(doc: unknown, text: string, index: number): NewReport {
  const where = `report document ${index + 1}`;
  if (!isMapping(doc)) throw new BadReportError(`${where} is not a mapping`);
  const subject = documentSubject(doc, index);
  const run = doc["run"];
  const uuid = isMapping(run) ? run["uuid"] : undefined;
  if (typeof uuid !== "string" || uuid === "") throw new BadReportError(`${where} has no run.uuid`);
  const checkedAt = checkedAtOf(doc["checked_at"]);
  if (checkedAt === undefined) {
    throw new BadReportError(`${where} has no valid checked_at (expected YYYY-MM-DD HH:MM:SS[.ffffff])`);
  }
  const spec = doc["spec"];
  const scopeuuid = isMapping(spec) ? spec["uuid"] : undefined;
  if (typeof scopeuuid !== "string" || scopeuuid === "")
    throw new BadReportError(`${where} has no spec.uuid`);
  const results: NewResult[] = [];
  if (doc["versions"] !== undefined) {
    // Legacy format: version → testcase → {result, invocation}.
    for (const [version, tcs] of entries(doc["versions"], `${where}: versions`)) {
      for (const [testcase, rec] of entries(tcs, `${where}: versions.${version}`)) {
        const result = isMapping(rec) ? rec["result"] : undefined;
        results.push({ scopeuuid, version, testcase, result: resultValue(result, `${where}: ${testcase}`) });
      }
    }
  } else {
    const invocations = isMapping(run) ? run["invocations"] : undefined;
    for (const [id, inv] of entries(invocations ?? {}, `${where}: run.invocations`)) {
      const rs = isMapping(inv) ? (inv["results"] ?? {}) : undefined;
      for (const [testcase, result] of entries(rs, `${where}: invocation ${id} results`)) {
        results.push({
          scopeuuid,
          version: "*",
          testcase,
          result: resultValue(result, `${where}: ${testcase}`),
        });
      }
    }
  }
  return { reportuuid: uuid, checkedAt, subject, data: text, results };
}

/** A checked_at as stored (`2026-11-21T05:27:07.783701`); undefined if it is not a real timestamp. */
export function checkedAtOf(value: unknown): string | undefined {
  if (value instanceof Date) return normaliseTimestamp(value.toISOString().replace("Z", ""));
  return typeof value === "string" ? normaliseTimestamp(value) : undefined;
}

function resultValue(value: unknown, where: string): number | null {
  if (value === null || value === 1 || value === 0 || value === -1) return value;
  throw new BadReportError(`${where}: result must be 1, 0 or -1`);
}

function entries(value: unknown, where: string): [string, unknown][] {
  if (!isMapping(value)) throw new BadReportError(`${where} must be a mapping`);
  return Object.entries(value);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.trim();
}
